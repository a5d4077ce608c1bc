import type { RequestState } from "./types.ts";

/**
 * What happened to a request, written to the outbox in the same transaction as the change.
 * The Slack worker turns each into DMs, in-place message updates and Home republishes.
 */
export const requestEvents = [
  "requested", "accepted", "declined", "cancelled", "held", "not_held", "expired", "moved",
  "reminder_due", "held_question_due",
  // Rescheduling (src/domain/reschedule.ts) and the further reminders (src/domain/reminders.ts).
  "reschedule_proposed", "reschedule_rejected", "new_date_asked", "rescheduled",
  "reminder_soon", "partner_unanswered", "expiry_warning",
] as const;
export type RequestEvent = (typeof requestEvents)[number];

export interface RequestNotice {
  kind: "request";
  event: RequestEvent;
  requestId: string;
  /** Person who caused it (null for jobs). */
  actorId: string | null;
  /** For "moved": where the request came from (the request itself says where it is now). */
  move?: MoveNotice;
}

/**
 * A lead's move, as the deliveries need it: ids only (names are read at delivery time, so an
 * erasure in between is honoured), and the partner DMs that were handed over.
 */
// A type, not an interface: it is stored as JSON, and only type aliases fit Prisma's JSON input.
export type MoveNotice = {
  fromPartnerId: string;
  fromMunicipalityKey: string;
  fromState: RequestState;
  toState: RequestState;
  /** The dropped date of a scheduled session that went back to `requested` (ISO), else null. */
  fromStart: string | null;
  /** Whether anybody gets a message (false: a held session re-attributed for accounting). */
  notify: boolean;
  /** `slack_messages` purposes of the old partner's DMs, re-keyed in the move's transaction. */
  handedOver: string[];
};
