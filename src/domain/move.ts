import { TZDate } from "@date-fns/tz";
import { ok, refuse, type Result } from "./refusals.ts";
import type { RequestState, SessionFormat, SessionRequest } from "./types.ts";

/** Held units may be moved too: a correction of the accounts, not a new booking. */
export const movableStates: readonly RequestState[] = ["requested", "scheduled", "held"];

export interface MoveTarget {
  municipalityKey: string;
  partnerId: string;
}

export type MoveRequestFields = Pick<
  SessionRequest,
  "state" | "partnerId" | "municipalityKey" | "scheduledStart" | "format" | "preferredFormat" | "preferredTimes"
>;

/** Fields a move rewrites besides municipality, partner and the sub-quota flag. */
export interface MoveChanges {
  scheduledStart?: null;
  format?: null;
  meetingLink?: null;
  meetingPhone?: null;
  preferredFormat?: SessionFormat;
  preferredTimes?: string;
}

export interface MoveDecision {
  from: RequestState;
  to: RequestState;
  partnerChanged: boolean;
  municipalityChanged: boolean;
  changes: MoveChanges;
  /**
   * Whether people hear of it. A held session is only re-attributed for the accounts: the audit
   * trail records it, nobody gets a message (Homes are refreshed, they show the data).
   */
  notify: boolean;
}

/**
 * What a lead's move does to a request, before quotas (the data layer checks those under lock):
 * - `requested`: goes to the new partner as it is (a new partner gets a fresh DM with buttons).
 * - `scheduled` with another partner: the new partner never agreed to the date, so it is asked
 *   again (`requested`), with the old date as the preferred time and the old partner's link or
 *   phone number dropped. With the same partner (municipality only) the date stands.
 * - `held`: re-attributed for accounting only.
 * The municipality's contacts own the request after a move (cancel is theirs: `mayPerform`).
 */
export function decideMove(request: MoveRequestFields, target: MoveTarget, timezone: string): Result<MoveDecision> {
  const partnerChanged = target.partnerId !== request.partnerId;
  const municipalityChanged = target.municipalityKey !== request.municipalityKey;
  if (!partnerChanged && !municipalityChanged) return refuse("invalid_input", { field: "municipalityKey" });
  if (!movableStates.includes(request.state)) return refuse("illegal_transition", { from: request.state, action: "move" });

  const base = { from: request.state, partnerChanged, municipalityChanged };
  if (request.state === "scheduled" && partnerChanged) {
    return ok({
      ...base,
      to: "requested",
      changes: {
        scheduledStart: null,
        format: null,
        meetingLink: null,
        meetingPhone: null,
        preferredFormat: request.format ?? request.preferredFormat,
        preferredTimes: request.scheduledStart ? preferredTimeOf(request.scheduledStart, timezone) : request.preferredTimes,
      },
      notify: true,
    });
  }
  return ok({ ...base, to: request.state, changes: {}, notify: request.state !== "held" });
}

/**
 * The old date as the new partner's preferred time. Stored text (the partner may read German or
 * English), so a language-neutral "2026-06-10 10:00" in the programme's time zone.
 */
export function preferredTimeOf(start: Date, timezone: string): string {
  const local = new TZDate(start.getTime(), timezone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())} ${pad(local.getHours())}:${pad(local.getMinutes())}`;
}
