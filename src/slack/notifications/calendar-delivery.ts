import type { WebClient } from "@slack/web-api";
import { icsFile, sessionEventFor, type Perspective } from "../../calendar/session-event.ts";
import type { DeliveryRecords } from "../../domain/ports/delivery-records.ts";
import type { OutboxRow } from "../../domain/ports/outbox-queue.ts";
import { calendarSequence } from "../../domain/calendar-sequence.ts";
import { requesterAudience } from "../../domain/request-owner.ts";
import type { SparringService } from "../../domain/service.ts";
import { timezoneOf } from "../../domain/timezone.ts";
import type { Locale, SessionRequest } from "../../domain/types.ts";
import { calendarTexts } from "../../i18n/calendar-texts.ts";
import type { Message } from "../views/blocks.ts";
import { topicList } from "../views/blocks.ts";
import { calendarMessage, type CalendarChange } from "../views/calendar-message.ts";
import type { Lease } from "./outbox-worker.ts";

interface Sending {
  row: OutboxRow;
  lease: Lease;
}

export interface CalendarDeliveryDeps {
  deliveries: DeliveryRecords;
  service: SparringService;
  client: WebClient;
  localeFor(slackId: string): Promise<Locale>;
  dmChannel(slackId: string): Promise<string>;
  /** Posts a DM for the row at most once (notification-handlers.ts). */
  post(slackId: string, message: Message, sending: Sending): Promise<{ channel: string; ts: string }>;
}

/**
 * Brings one person's calendar in line with the request as it is now (so a delayed or retried
 * delivery never sends an outdated version): while the session is scheduled and they take part,
 * the event (new, or changed if they had a file before); otherwise, if the app ever sent them a
 * file for it, its cancellation (same UID, higher SEQUENCE, STATUS:CANCELLED); else nothing.
 * `previousStart`: the date a lead's move dropped (the request no longer holds it).
 */
export async function deliverCalendarFile(
  deps: CalendarDeliveryDeps,
  delivery: { requestId: string; slackId: string; previousStart?: string | null | undefined },
  sending: Sending,
): Promise<void> {
  const { deliveries, service } = deps;
  const request = await service.request(delivery.requestId);
  if (!request) return;
  const start = request.scheduledStart ?? (delivery.previousStart ? new Date(delivery.previousStart) : null);
  if (!start) return;
  const { slackId } = delivery;
  const perspective = await perspectiveOf(deps, request, slackId);
  const channel = await deps.dmChannel(slackId);
  const confirmed = request.state === "scheduled" && perspective !== "neutral";
  const hadFile = await deliveries.calendarFileSent(request.id, channel, sending.row.id);
  if (!confirmed && !hadFile) return;
  const change: CalendarChange = !confirmed ? "cancelled" : hadFile ? "updated" : "added";

  const [programme, topics, history, locale, recipient] = await Promise.all([
    service.programme(),
    service.topics({ includeRetired: true }),
    deliveries.requestHistory(request.id),
    deps.localeFor(slackId),
    service.whoIs(slackId),
  ]);
  const event = sessionEventFor(request, {
    start,
    minutes: request.units * (programme?.unitMinutes ?? 60),
    sequence: calendarSequence(history),
    cancelled: change === "cancelled",
    perspective,
    locale,
    topics: topicList(request.topics, topics, locale),
  });
  const personIds = [...new Set([request.requesterId, request.partnerId, ...(recipient ? [recipient.personId] : [])])];

  const posted = await deps.post(slackId, calendarMessage(event, change, locale, timezoneOf(programme)), sending);
  await deliveries.recordPostedMessage({ requestId: request.id, purpose: `calendar_message:${sending.row.id}`, channel: posted.channel, ts: posted.ts, personIds });
  if (await deliveries.calendarFileRecorded(request.id, sending.row.id)) return;

  // No metadata on files to find an earlier upload by: a crash between Slack's answer and the
  // record below uploads it once more. Harmless: the same UID and SEQUENCE replace, not add.
  await sending.lease.hold();
  const t = calendarTexts(locale);
  const uploaded = await deps.client.filesUploadV2({
    channel_id: posted.channel,
    initial_comment: t.fileComment,
    file_uploads: [{ file: Buffer.from(await icsFile(event), "utf8"), filename: t.fileName, title: t.fileName }],
  });
  const fileIds = (uploaded.files ?? []).flatMap((completed) => (completed.files ?? []).flatMap((f) => (f.id ? [f.id] : [])));
  for (const fileId of fileIds) {
    await deliveries.recordCalendarFile({ requestId: request.id, outboxId: sending.row.id, channel: posted.channel, fileId, personIds });
  }
}

/** The partner, someone who hears about it as the requester, or (after a lead's move) neither any more. */
async function perspectiveOf(deps: CalendarDeliveryDeps, request: SessionRequest, slackId: string): Promise<Perspective> {
  if (slackId === request.partnerSlackId) return "partner";
  const [contacts, requesterContactOf] = await Promise.all([deps.deliveries.contactsOf(request.municipalityKey), deps.deliveries.contactOfPerson(request.requesterId)]);
  return requesterAudience(request, requesterContactOf, contacts, null).includes(slackId) ? "requester" : "neutral";
}
