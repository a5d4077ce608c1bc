import type { MunicipalityKind, RequestState, SessionFormat, Topic } from "./types.ts";

/**
 * Every business refusal the domain returns, with the names and numbers a user needs to understand
 * it, read in the transaction that decided: the Slack layer only words them (src/i18n).
 * Infrastructure failures throw; refusals are values (a discriminated union the compiler checks).
 * `municipality` and `partner` are names; a known topic comes with its labels in both languages.
 */
export type Refusal =
  | { ok: false; code: "unknown_person" }
  | { ok: false; code: "not_a_contact" }
  | { ok: false; code: "forbidden"; action: Action }
  | { ok: false; code: "municipality_inactive"; municipality: string }
  | { ok: false; code: "not_eligible"; municipality: string; cohort: string }
  /** The round books, but not municipalities of this kind ("die Kommunen im jetzigen Projekt 2020/2021"). */
  | { ok: false; code: "kind_not_eligible"; municipality: string; cohort: string; kind: MunicipalityKind; admitted: MunicipalityKind[] }
  | { ok: false; code: "programme_not_started"; start: string }
  | { ok: false; code: "programme_ended"; end: string }
  | { ok: false; code: "partner_unknown" }
  | { ok: false; code: "partner_inactive"; partner: string }
  | { ok: false; code: "no_topic" }
  /** The key as asked for: an unknown topic has no label. */
  | { ok: false; code: "topic_unknown"; topic: string }
  | { ok: false; code: "topic_retired"; topic: TopicName }
  | { ok: false; code: "topic_not_offered"; topic: TopicName }
  | { ok: false; code: "format_not_offered"; partner: string; format: SessionFormat; offered: SessionFormat[] }
  | { ok: false; code: "units_invalid"; max: number }
  | { ok: false; code: "quota_exhausted"; used: number; limit: number }
  | { ok: false; code: "assigned_quota_exhausted"; used: number; limit: number }
  | { ok: false; code: "request_not_found" }
  | { ok: false; code: "illegal_transition"; from: RequestState; action: Action }
  | { ok: false; code: "start_in_past" }
  | { ok: false; code: "start_outside_period"; start: string; end: string }
  | { ok: false; code: "session_not_started" }
  | { ok: false; code: "session_already_started" }
  /** A new date or a partner's cancel after the session has started (same cut-off as a contact's cancel). */
  | { ok: false; code: "too_late_to_change" }
  /** The proposed date was already answered, or a newer one replaced it. */
  | { ok: false; code: "proposal_not_current" }
  | { ok: false; code: "meeting_details_missing"; format: "phone" | "video" }
  | { ok: false; code: "municipality_unknown" }
  | { ok: false; code: "invalid_input"; field: string };

export type RefusalCode = Refusal["code"];

/** A topic as a refusal names it. */
export type TopicName = Pick<Topic, "key" | "labelDe" | "labelEn">;

export const topicName = ({ key, labelDe, labelEn }: TopicName): TopicName => ({ key, labelDe, labelEn });

export type Action = "request" | "accept" | "decline" | "cancel" | "mark_held" | "mark_not_held" | "expire" | "move" | "reschedule";

export type Result<T> = { ok: true; value: T } | Refusal;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export function refuse<C extends RefusalCode>(
  code: C,
  details: Omit<Extract<Refusal, { code: C }>, "ok" | "code">,
): Extract<Refusal, { code: C }> {
  return { ok: false, code, ...details } as Extract<Refusal, { code: C }>;
}

/**
 * One answer for every refusal code, as a value or computed from the refusal's details. A table
 * of this type instead of a `switch` with `default:` makes the compiler name every place a new
 * code needs an answer.
 */
export type PerRefusal<T> = { [C in RefusalCode]: T | ((refusal: Extract<Refusal, { code: C }>) => T) };

/** The table's answer for this refusal (T itself must not be a function). */
export function answerFor<T>(table: PerRefusal<T>, refusal: Refusal): T {
  const entry = table[refusal.code] as T | ((refusal: Refusal) => T);
  return typeof entry === "function" ? (entry as (refusal: Refusal) => T)(refusal) : entry;
}

/**
 * What a person can change to get past a refusal: a form shows the refusal on its field for this
 * input, or (no such field, or null: quota used, programme over, request already decided) instead
 * of the form. One table, so a new code is placed once for every form.
 */
export type Remedy = "municipality" | "partner" | "topics" | "format" | "question" | "start" | "meetingLink" | "meetingPhone" | "reason" | "action";

const remedies: PerRefusal<Remedy | null> = {
  unknown_person: null,
  not_a_contact: null,
  forbidden: null,
  municipality_inactive: "municipality",
  not_eligible: "municipality",
  kind_not_eligible: "municipality",
  municipality_unknown: "municipality",
  // Another municipality may have units left (only a lead's move can choose one).
  quota_exhausted: "municipality",
  programme_not_started: null,
  programme_ended: null,
  partner_unknown: "partner",
  partner_inactive: "partner",
  // A partner not assigned to the municipality counts against the whole quota only.
  assigned_quota_exhausted: "partner",
  // The topics are chosen first; another partner may offer this one.
  topic_not_offered: "partner",
  no_topic: "topics",
  topic_unknown: "topics",
  topic_retired: "topics",
  format_not_offered: "format",
  units_invalid: null,
  request_not_found: null,
  illegal_transition: "action",
  session_not_started: "action",
  session_already_started: null,
  too_late_to_change: null,
  proposal_not_current: null,
  start_in_past: "start",
  start_outside_period: "start",
  meeting_details_missing: (refusal) => (refusal.format === "video" ? "meetingLink" : "meetingPhone"),
  invalid_input: (refusal) => fieldRemedies[refusal.field] ?? null,
};

/** The `field` of `invalid_input` as the use cases name it. */
const fieldRemedies: Partial<Record<string, Remedy>> = {
  question: "question", reason: "reason", start: "start", municipalityKey: "municipality", partnerId: "partner",
};

export const remedyOf = (refusal: Refusal): Remedy | null => answerFor(remedies, refusal);
