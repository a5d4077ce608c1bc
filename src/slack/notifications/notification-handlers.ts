import { nudgeMessage } from "../views/nudge-message.ts";
import type { WebClient } from "@slack/web-api";
import type { DeliveryRecords } from "../../domain/ports/delivery-records.ts";
import type { OutboxRow } from "../../domain/ports/outbox-queue.ts";
import { createChannelPacer, type ChannelPacer, type KeepAlive } from "./channel-pacer.ts";
import { scrubSlackCopy } from "./scrub-slack-copy.ts";
import { formatDate } from "../../i18n/index.ts";
import { feedbackAskMessage } from "../views/feedback-views.ts";
import { insights } from "../../i18n/insights.ts";
import { renderUsageChart } from "../../reports/usage-chart.ts";
import type { RequestNotice } from "../../domain/notifications.ts";
import { requesterAudience } from "../../domain/request-owner.ts";
import type { SparringService } from "../../domain/service.ts";
import { defaultLocale, type Locale, type SessionRequest } from "../../domain/types.ts";
import type { Logger } from "../../logger.ts";
import { publishHome } from "../home.ts";
import type { LocaleOf } from "../user-locale.ts";
import type { Message } from "../views/blocks.ts";
import { heldQuestionMessage } from "../views/partner-notice.ts";
import {
  cancelledByNotice, dayBeforeReminder, expiryWarning, newDateAskedNotice, proposalRejectedNotice, proposedNotice, rescheduledNotice,
  soonReminder, unansweredReminder,
} from "../views/reschedule-notices.ts";
import { expiryDeadline } from "../../domain/working-days.ts";
import { handedOverMessage, requestMessage, type RequestViewModel } from "../views/request-message.ts";
import { acceptedNotice, declinedNotice, expiredNotice, movedNotice } from "../views/requester-notice.ts";
import { deliverCalendarFile } from "./calendar-delivery.ts";
import { deliveriesFor, type Delivery, type PartnerEvent, type RequesterEvent } from "./deliveries.ts";
import { findPostedDelivery, outboxMetadata } from "./posted-lookup.ts";
import type { Lease, OutboxHandlers } from "./outbox-worker.ts";
import { timezoneOf } from "../../domain/timezone.ts";

/** The outbox row being delivered and its lease: every post names the row and runs inside the lease. */
interface Sending {
  row: OutboxRow;
  lease: Lease;
}

interface Dependencies {
  deliveries: DeliveryRecords;
  service: SparringService;
  client: WebClient;
  localeOf: LocaleOf;
  logger: Logger;
  clock?: () => Date;
  /** One post per channel and second (Slack's limit); shared by every delivery of this process. */
  pacer?: ChannelPacer;
}

/** While a post waits for its turn in a busy channel, its lease is renewed at a third of its term. */
function keepingLease(lease: Lease): KeepAlive {
  return { everyMs: Math.max(50, Math.floor(lease.termMs / 3)), renew: () => lease.hold(), signal: lease.stopping };
}

/** Turns request notices into Slack messages, rendered from the data as it is at delivery time. */
export function createNotificationHandlers(deps: Dependencies): OutboxHandlers {
  const { deliveries, service, client } = deps;
  const clock = deps.clock ?? (() => new Date());
  const pacer = deps.pacer ?? createChannelPacer();
  /** DM channels (D…) learned this run; the database keeps them across runs and replicas. */
  const dmChannels = new Map<string, string>();

  // No ack waits on a delivery: the locale may take as long as Slack needs (user-locale.ts).
  const localeFor = (slackId: string): Promise<Locale> => deps.localeOf(slackId, { patient: true });

  /** Where to post a DM: the stored DM channel, else the user id (Slack opens the DM itself). */
  async function dmTarget(slackId: string): Promise<string> {
    const known = dmChannels.get(slackId) ?? (await deliveries.dmChannel(slackId));
    if (known) dmChannels.set(slackId, known);
    return known ?? slackId;
  }

  async function learnDmChannel(slackId: string, channel: string | undefined): Promise<void> {
    if (!channel || channel === slackId || dmChannels.get(slackId) === channel) return;
    dmChannels.set(slackId, channel);
    await deliveries.rememberDmChannel(slackId, channel);
  }

  /** The DM's channel id itself (the calendar files are recorded by it): stored, else opened. */
  async function dmChannelId(slackId: string): Promise<string> {
    const target = await dmTarget(slackId);
    return target === slackId ? openedDm(slackId) : target;
  }

  /** The DM's channel id, which a history look-up needs: opened only when none is known yet (rare: a retried first post). */
  async function openedDm(slackId: string): Promise<string> {
    const opened = await client.conversations.open({ users: slackId });
    const id = opened.channel?.id;
    if (!id) throw new Error("conversations.open returned no channel");
    await learnDmChannel(slackId, id);
    return id;
  }

  /**
   * Posts a DM for an outbox row at most once, also across a crash: the message carries the row's
   * id in its metadata, and a row claimed before (its earlier holder may have died between Slack's
   * answer and recording it) is first looked for in the DM's history.
   */
  async function post(slackId: string, message: Message, sending: Sending): Promise<{ channel: string; ts: string }> {
    let channel = await dmTarget(slackId);
    const posted = await pacer.paced(slackId, async () => {
      await sending.lease.hold();
      if (sending.row.attempts > 1) {
        if (channel === slackId) channel = await openedDm(slackId);
        const found = await findPostedDelivery(client, channel, sending.row);
        if (found) {
          deps.logger.info({ outboxId: String(sending.row.id) }, "outbox message found in the DM's history; not posted again");
          return { channel, ts: found.ts };
        }
        await sending.lease.hold(); // the look-up took time: the post starts with a full term again
      }
      return client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, metadata: outboxMetadata(sending.row) });
    }, keepingLease(sending.lease));
    await learnDmChannel(slackId, posted.channel);
    return { channel: posted.channel ?? channel, ts: posted.ts ?? "" };
  }

  /**
   * Posts a one-off notice about a request and records it (it names the other party, may show the
   * question): erasure and the retention job overwrite it later. The row's id makes the record unique.
   */
  async function postNotice(
    slackId: string, message: Message, request: SessionRequest, purpose: string, sending: Sending, alsoNames: string[] = [],
  ): Promise<void> {
    const posted = await post(slackId, message, sending);
    await deliveries.recordPostedMessage({
      requestId: request.id, purpose: `${purpose}:${sending.row.id}`, channel: posted.channel, ts: posted.ts,
      personIds: [...new Set([request.requesterId, request.partnerId, ...alsoNames])],
    });
  }

  async function viewModel(request: SessionRequest, slackId: string): Promise<RequestViewModel> {
    const [topics, programme, locale] = await Promise.all([
      service.topics({ includeRetired: true }),
      service.programme(),
      localeFor(slackId),
    ]);
    return { request, topics, locale, timezone: timezoneOf(programme) };
  }

  /** Posts the message once, then keeps it current in place (no live buttons on a decided request). */
  async function postOrUpdate(
    request: SessionRequest,
    purpose: string,
    render: (vm: RequestViewModel) => Message,
    postWhile: SessionRequest["state"],
    sending: Sending,
    postAgain = false,
  ): Promise<void> {
    const slackId = request.partnerSlackId;
    if (!slackId) return;
    const vm = await viewModel(request, slackId);
    // A cancelled request's outcome names who cancelled.
    if (request.state === "cancelled") vm.cancellation = await deliveries.lastCancellation(request);
    const message = render(vm);
    const existing = postAgain ? null : await deliveries.findSlackMessage(request.id, purpose);
    // Overwritten for data protection (erasure, retention): never filled with data again.
    if (existing?.scrubbed) return;
    if (existing) {
      await client.chat.update({ channel: existing.channel, ts: existing.ts, text: message.text, blocks: message.blocks });
    } else if (request.state === postWhile) {
      const earlier = postAgain ? await deliveries.findSlackMessage(request.id, purpose) : null;
      const posted = await post(slackId, message, sending);
      // Asked again: the earlier message (it names the requester) stays recorded for erasure under its own purpose.
      if (earlier && !earlier.scrubbed) {
        await deliveries.recordPostedMessage({
          requestId: request.id, purpose: `${purpose}:earlier:${earlier.ts}`, channel: earlier.channel, ts: earlier.ts,
          personIds: [request.requesterId, request.partnerId],
        });
      }
      await deliveries.saveSlackMessage(request.id, purpose, posted.channel, posted.ts, [request.requesterId, request.partnerId]);
      await handOverIfMovedMeanwhile(request, purpose, posted);
    }
  }

  /**
   * A lead's move re-keys the DMs recorded when it commits. One still on its way to Slack then is
   * recorded after it: read the request again after recording, and if it went to another partner
   * meanwhile, hand this DM over too, so the new partner's delivery posts a fresh DM instead of
   * updating this one. (Recorded first, read second: a move committing later re-keys it itself.)
   */
  async function handOverIfMovedMeanwhile(request: SessionRequest, purpose: string, posted: { channel: string; ts: string }): Promise<void> {
    const now = await service.request(request.id);
    if (!now || now.partnerId === request.partnerId) return;
    if (!(await deliveries.markSlackMessageHandedOver(request.id, purpose, posted.ts))) return;
    const locale = request.partnerSlackId ? await localeFor(request.partnerSlackId) : defaultLocale;
    const message = handedOverMessage(locale, request.municipalityName);
    await client.chat.update({ channel: posted.channel, ts: posted.ts, text: message.text, blocks: message.blocks });
  }


  /** The last day a request can still be answered (the day before its expiry, programme zone). */
  async function lastDayToAnswer(request: SessionRequest): Promise<Date> {
    const rules = await service.programme();
    return rules ? new Date(expiryDeadline(request.createdAt, rules).getTime() - 1) : request.createdAt;
  }

  /** Each event the requester hears about, rendered from the data at delivery time; null: nothing to say any more. */
  const requesterMessages: Record<RequesterEvent, (vm: RequestViewModel, request: SessionRequest) => Promise<Message | null> | Message | null> = {
    accepted: (vm) => acceptedNotice(vm),
    declined: async (vm, request) => {
      const suggestions = (await service.partnerDirectory({ topics: request.topics })).filter((p) => p.personId !== request.partnerId);
      return declinedNotice({ ...vm, suggestions });
    },
    cancelled: async (vm, request) => cancelledByNotice(vm, await deps.deliveries.lastCancellation(request)),
    expired: (vm) => expiredNotice(vm),
    reminder_due: (vm) => dayBeforeReminder(vm, "requester"),
    reminder_soon: (vm) => soonReminder(vm, "requester"),
    expiry_warning: async (vm, request) => (request.state === "requested" ? expiryWarning(vm, await lastDayToAnswer(request)) : null),
    reschedule_proposed: async (vm, request) => {
      // The proposal as it is now: an answered or replaced one is not offered again.
      const proposal = await deps.deliveries.openProposal(request.id);
      return proposal?.kind === "date" && request.state === "scheduled" ? proposedNotice(vm, proposal) : null;
    },
    rescheduled: (vm) => rescheduledNotice(vm, "requester"),
  };

  const partnerMessages: Record<PartnerEvent, (vm: RequestViewModel, request: SessionRequest) => Promise<Message | null> | Message | null> = {
    cancelled: async (vm, request) => cancelledByNotice(vm, await deps.deliveries.lastCancellation(request)),
    reminder_due: (vm) => dayBeforeReminder(vm, "partner"),
    reminder_soon: (vm) => soonReminder(vm, "partner"),
    partner_unanswered: async (vm, request) => (request.state === "requested" ? unansweredReminder(vm, await lastDayToAnswer(request)) : null),
    reschedule_rejected: async (vm, request) =>
      request.state === "scheduled" ? proposalRejectedNotice(vm, await deps.deliveries.latestDateProposal(request.id)) : null,
    new_date_asked: (vm, request) => (request.state === "scheduled" ? newDateAskedNotice(vm) : null),
    rescheduled: (vm) => rescheduledNotice(vm, "partner"),
  };

  async function requesterNotice(request: SessionRequest, event: RequesterEvent, to: string | undefined, sending: Sending): Promise<void> {
    const slackId = to ?? request.requesterSlackId;
    if (!slackId) return;
    const message = await requesterMessages[event](await viewModel(request, slackId), request);
    if (message) await postNotice(slackId, message, request, `requester_notice:${event}`, sending);
  }

  async function partnerNotice(request: SessionRequest, event: PartnerEvent, sending: Sending): Promise<void> {
    const slackId = request.partnerSlackId;
    if (!slackId) return;
    const message = await partnerMessages[event](await viewModel(request, slackId), request);
    if (message) await postNotice(slackId, message, request, `partner_notice:${event}`, sending);
  }

  /** The old partner's DM, re-keyed by the move: "handed over", without buttons or the question. */
  async function handOver(delivery: Extract<Delivery, { op: "partner_handover" }>): Promise<void> {
    const existing = await deliveries.findSlackMessage(delivery.requestId, delivery.purpose);
    if (!existing) return;
    const [partner, municipality] = await Promise.all([service.partner(delivery.fromPartnerId), service.municipality(delivery.fromMunicipalityKey)]);
    const locale = partner?.slackId ? await localeFor(partner.slackId) : defaultLocale;
    const message = handedOverMessage(locale, municipality?.name ?? delivery.fromMunicipalityKey);
    await client.chat.update({ channel: existing.channel, ts: existing.ts, text: message.text, blocks: message.blocks });
  }

  async function movedRequesterNotice(request: SessionRequest, move: Extract<Delivery, { op: "moved_notice" }>["move"], sending: Sending): Promise<void> {
    const slackId = request.requesterSlackId;
    if (!slackId) return;
    const fromPartner = await service.partner(move.fromPartnerId);
    // Names the former partner: recorded, so erasure and retention overwrite it.
    await postNotice(slackId, movedNotice(await viewModel(request, slackId), {
      fromPartnerName: fromPartner?.name ?? "–",
      fromStart: move.fromStart ? new Date(move.fromStart) : null,
      partnerChanged: move.fromPartnerId !== request.partnerId,
      municipalityChanged: move.fromMunicipalityKey !== request.municipalityKey,
    }), request, "moved_notice", sending, [move.fromPartnerId]);
  }

  /** The feedback button for the requester (an erased requester is not asked). Names the partner: recorded. */
  async function feedbackAsk(request: SessionRequest, sending: Sending): Promise<void> {
    const slackId = request.requesterSlackId;
    if (!slackId || request.state !== "held") return;
    const vm = await viewModel(request, slackId);
    const date = request.scheduledStart ? formatDate(request.scheduledStart, vm.timezone, vm.locale) : "–";
    await postNotice(slackId, feedbackAskMessage({ locale: vm.locale, requestId: request.id, partnerName: request.partnerName, date }), request, "feedback_ask", sending);
  }

  /** After a move: the former partner and municipality contacts, whose Homes drop the request. */
  async function formerSlackIds(notice: RequestNotice): Promise<string[]> {
    if (!notice.move) return [];
    const [contacts, partner] = await Promise.all([
      deliveries.contactsOf(notice.move.fromMunicipalityKey),
      service.partner(notice.move.fromPartnerId),
    ]);
    return [...contacts.map((c) => c.slackId), ...(partner?.slackId ? [partner.slackId] : [])];
  }

  return {
    orderKey(row: OutboxRow) {
      const payload = row.payload as { requestId?: unknown; op?: unknown; slackId?: unknown; channel?: unknown };
      if (typeof payload?.requestId === "string") return `request:${payload.requestId}`;
      if (payload?.op === "home" && typeof payload.slackId === "string") return `home:${payload.slackId}`;
      if (typeof payload?.channel === "string") return `channel:${payload.channel}`;
      return null;
    },
    async expand(row: OutboxRow) {
      const notice = row.payload as RequestNotice;
      if (notice?.kind !== "request") return [];
      const request = await service.request(notice.requestId);
      if (!request) return [];
      const [contacts, requesterContactOf, former] = await Promise.all([
        deliveries.contactsOf(request.municipalityKey),
        deliveries.contactOfPerson(request.requesterId),
        formerSlackIds(notice),
      ]);
      const audience = requesterAudience(request, requesterContactOf, contacts, notice.actorId);
      return deliveriesFor(notice, request, contacts.map((c) => c.slackId), former, audience);
    },
    async deliver(row: OutboxRow, lease: Lease) {
      const delivery = row.payload as Delivery;
      const sending: Sending = { row, lease };
      if (delivery.op === "channel_message") {
        // No history look-up in a channel (that needs channels:history): a crash between Slack's
        // answer and recording it can repeat a digest, nothing else can (docs/operations-delivery.md).
        const posted = await pacer.paced(delivery.channel, async () => {
          await lease.hold();
          return client.chat.postMessage({
            channel: delivery.channel,
            text: delivery.text,
            blocks: delivery.blocks as Message["blocks"],
            metadata: outboxMetadata(row),
          });
        }, keepingLease(lease));
        // A digest names partners: erasing one of them overwrites it.
        if (delivery.personIds?.length) {
          await deliveries.recordPostedMessage({ requestId: null, purpose: "channel_message", channel: posted.channel ?? delivery.channel, ts: posted.ts ?? "", personIds: delivery.personIds });
        }
        return;
      }
      if (delivery.op === "channel_chart") {
        const chart = await renderUsageChart(delivery.chart);
        await lease.hold();
        await client.filesUploadV2({
          channel_id: delivery.channel,
          file_uploads: [{ file: chart.png, filename: "sparring-nutzung.png", title: insights("de").chart.title, alt_text: chart.altText }],
        });
        return;
      }
      if (delivery.op === "scrub_slack") {
        await lease.hold();
        await scrubSlackCopy({ deliveries, service, client, clock }, BigInt(delivery.messageId));
        return;
      }
      if (delivery.op === "nudge") {
        const message = nudgeMessage({ locale: await localeFor(delivery.slackId), personId: delivery.personId, municipalityName: delivery.municipalityName, unitsLeft: delivery.unitsLeft });
        await post(delivery.slackId, message, sending);
        return;
      }
      if (delivery.op === "home") {
        // A burst of changes queues a republish per change: only the last one publishes.
        if (await deliveries.laterHomePending(delivery.slackId, row.id)) return;
        await publishHome(client, service, delivery.slackId, await localeFor(delivery.slackId), clock);
        await deliveries.settlePendingHomes(delivery.slackId, row.id);
        return;
      }
      const request = await service.request(delivery.requestId);
      if (!request) return;
      switch (delivery.op) {
        case "partner_request":
          return postOrUpdate(request, "partner_request", requestMessage, "requested", sending);
        case "held_question":
          return postOrUpdate(request, "held_question", heldQuestionMessage, "scheduled", sending, delivery.ask === true);
        case "requester_notice":
          return requesterNotice(request, delivery.event, delivery.slackId, sending);
        case "partner_notice":
          return partnerNotice(request, delivery.event, sending);
        case "partner_handover":
          return handOver(delivery);
        case "moved_notice":
          return movedRequesterNotice(request, delivery.move, sending);
        case "calendar_file":
          return deliverCalendarFile({ deliveries, service, client, localeFor, dmChannel: dmChannelId, post }, delivery, sending);
        case "feedback_ask":
          return feedbackAsk(request, sending);
      }
    },
  };
}
