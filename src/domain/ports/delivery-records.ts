import type { Canceller } from "../cancellation.ts";
import type { Proposal } from "../reschedule.ts";
import type { RequestState, SessionRequest } from "../types.ts";
/**
 * What the outbox's Slack deliveries read and record: who hears about a municipality's requests,
 * and where the app posted what (so it is updated in place, and erasure can overwrite it).
 */
export interface DeliveryRecords {
  /** The active contacts of a municipality with a Slack id. */
  contactsOf(municipalityKey: string): Promise<Array<{ personId: string; slackId: string }>>;
  /** The municipality a person is a contact of, if any. */
  contactOfPerson(personId: string): Promise<string | null>;
  /** Where a request's DM of this purpose was posted; `scrubbed`: overwritten for data protection, leave it. */
  findSlackMessage(requestId: string, purpose: string): Promise<{ channel: string; ts: string; scrubbed: boolean } | null>;
  /** Records a request's message that is updated in place (one per request and purpose). */
  saveSlackMessage(requestId: string, purpose: string, channel: string, ts: string, personIds: string[]): Promise<void>;
  /** Records a one-off message that names people or shows a question. */
  recordPostedMessage(message: { requestId: string | null; purpose: string; channel: string; ts: string; personIds: string[] }): Promise<void>;
  /** Re-keys a partner DM as handed over; false when a move's own re-keying got to it first. */
  markSlackMessageHandedOver(requestId: string, purpose: string, ts: string): Promise<boolean>;
  /** One recorded Slack copy queued for scrubbing. */
  slackCopy(id: bigint): Promise<SlackCopy | null>;
  forgetSlackCopy(id: bigint): Promise<void>;
  /** Queues one Slack delivery due only in `delayMs` (a rate-limited Home publish). */
  queueDeliveryLater(payload: object, delayMs: number): Promise<void>;
  /** Who cancelled a request and why (its audit trail): every cancel message names them. */
  lastCancellation(request: Pick<SessionRequest, "id" | "partnerId" | "requesterId">): Promise<LastCancellation | null>;
  /** The open proposed date (or ask) of a request, if any. */
  openProposal(requestId: string): Promise<Proposal | null>;
  /** The latest proposed date of a request (the one the partner is told was not accepted). */
  latestDateProposal(requestId: string): Promise<Proposal | null>;
  /** A request's state changes, oldest first: the calendar's SEQUENCE is derived from them. */
  requestHistory(requestId: string): Promise<Array<{ fromState: RequestState | null; toState: RequestState }>>;
  /** Whether a delivery before `outboxId` put the request into the calendar of whoever reads `channel`. */
  calendarFileSent(requestId: string, channel: string, outboxId: bigint): Promise<boolean>;
  /** Whether this delivery's calendar file is recorded already (a retried row uploads it once). */
  calendarFileRecorded(requestId: string, outboxId: bigint): Promise<boolean>;
  /** Records an uploaded calendar file, so erasure and retention delete it. */
  recordCalendarFile(file: { requestId: string; outboxId: bigint; channel: string; fileId: string; personIds: string[] }): Promise<void>;
  /** Marks every pending Home republish for one user up to this row done. */
  settlePendingHomes(slackId: string, upToId: bigint): Promise<void>;
  /** Is a later Home republish for this user queued (then this one is superseded)? */
  laterHomePending(slackId: string, afterId: bigint): Promise<boolean>;
  /** The DM channel (D…) stored for a Slack user, or null when none was learned yet. */
  dmChannel(slackId: string): Promise<string | null>;
  /** Keeps the DM channel Slack answered a post to the user id with. */
  rememberDmChannel(slackId: string, channel: string): Promise<void>;
}

export interface SlackCopy {
  purpose: string;
  channel: string;
  ts: string | null;
  fileId: string | null;
}

/** The outbox delivery that overwrites (chat.update), deletes (files.delete) or blanks (Home) one recorded Slack copy. */
export interface ScrubDelivery {
  op: "scrub_slack";
  /** slack_messages.id; the payload holds no channel, user or text, so the outbox keeps no copy. */
  messageId: string;
}

export interface LastCancellation {
  by: Canceller;
  /** The canceller's name as it is now (an erased person reads as the placeholder). */
  name: string;
  reason: string | null;
}
