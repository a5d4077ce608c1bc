import type { MunicipalityKind, RequestState, SessionFormat } from "./types.ts";

/**
 * Every business refusal the domain returns, with the numbers a user needs to understand it.
 * Infrastructure failures throw; refusals are values (a discriminated union the compiler checks).
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
  | { ok: false; code: "topic_unknown"; topic: string }
  | { ok: false; code: "topic_retired"; topic: string }
  | { ok: false; code: "topic_not_offered"; topic: string }
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
