/**
 * What happened to a request, written to the outbox in the same transaction as the change.
 * The Slack worker turns each into DMs, in-place message updates and Home republishes.
 */
export const requestEvents = [
  "requested", "accepted", "declined", "cancelled", "held", "not_held", "expired", "moved",
  "reminder_due", "held_question_due",
] as const;
export type RequestEvent = (typeof requestEvents)[number];

export interface RequestNotice {
  kind: "request";
  event: RequestEvent;
  requestId: string;
  /** Person who caused it (null for jobs). */
  actorId: string | null;
}
