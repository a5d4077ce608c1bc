import type { WebClient } from "@slack/web-api";
import type { Prisma } from "../../db/client.ts";
import { settlePendingHomes, type OutboxRow } from "../../db/outbox-queue.ts";
import { contactSlackIds, findSlackMessage, recordPostedMessage, saveSlackMessage, storedLocale } from "../../db/slack-records.ts";
import { scrubSlackCopy } from "./scrub-slack-copy.ts";
import type { RequestNotice } from "../../domain/notifications.ts";
import type { SparringService } from "../../domain/service.ts";
import type { Locale, SessionRequest } from "../../domain/types.ts";
import type { Logger } from "../../logger.ts";
import { publishHome } from "../home.ts";
import type { LocaleOf } from "../user-locale.ts";
import type { Message } from "../views/blocks.ts";
import { heldQuestionMessage, partnerReminderNotice } from "../views/partner-notice.ts";
import { requestMessage, type RequestViewModel } from "../views/request-message.ts";
import { acceptedNotice, cancelledNotice, declinedNotice, expiredNotice, reminderNotice } from "../views/requester-notice.ts";
import { deliveriesFor, type Delivery } from "./deliveries.ts";
import { findPostedDelivery, outboxMetadata } from "./posted-lookup.ts";
import type { Lease, OutboxHandlers } from "./outbox-worker.ts";

/** The outbox row being delivered and its lease: every post names the row and runs inside the lease. */
interface Sending {
  row: OutboxRow;
  lease: Lease;
}

interface Dependencies {
  prisma: Prisma;
  service: SparringService;
  client: WebClient;
  localeOf: LocaleOf;
  logger: Logger;
  clock?: () => Date;
}

/** Turns request notices into Slack messages, rendered from the data as it is at delivery time. */
export function createNotificationHandlers(deps: Dependencies): OutboxHandlers {
  const { prisma, service, client } = deps;
  const clock = deps.clock ?? (() => new Date());
  const dmChannels = new Map<string, string>();

  async function localeFor(slackId: string): Promise<Locale> {
    const stored = await storedLocale(prisma, slackId);
    return stored === "en" || stored === "de" ? stored : deps.localeOf(slackId);
  }

  async function dmChannel(slackId: string): Promise<string> {
    const known = dmChannels.get(slackId);
    if (known) return known;
    const opened = await client.conversations.open({ users: slackId });
    const id = opened.channel?.id;
    if (!id) throw new Error("conversations.open returned no channel");
    dmChannels.set(slackId, id);
    return id;
  }

  /**
   * Posts a DM for an outbox row at most once, also across a crash: the message carries the row's
   * id in its metadata, and a row claimed before (its earlier holder may have died between Slack's
   * answer and recording it) is first looked for in the DM's history.
   */
  async function post(slackId: string, message: Message, sending: Sending): Promise<{ channel: string; ts: string }> {
    const channel = await dmChannel(slackId);
    await sending.lease.hold();
    if (sending.row.attempts > 1) {
      const found = await findPostedDelivery(client, channel, sending.row);
      if (found) {
        deps.logger.info({ outboxId: String(sending.row.id) }, "outbox message found in the DM's history; not posted again");
        return { channel, ts: found.ts };
      }
      await sending.lease.hold(); // the look-up took time: the post starts with a full term again
    }
    const posted = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, metadata: outboxMetadata(sending.row) });
    return { channel: posted.channel ?? channel, ts: posted.ts ?? "" };
  }

  /**
   * Posts a one-off notice about a request and records it (it names the other party, may show the
   * question): erasure and the retention job overwrite it later. The row's id makes the record unique.
   */
  async function postNotice(slackId: string, message: Message, request: SessionRequest, purpose: string, sending: Sending): Promise<void> {
    const posted = await post(slackId, message, sending);
    await recordPostedMessage(prisma, {
      requestId: request.id, purpose: `${purpose}:${sending.row.id}`, channel: posted.channel, ts: posted.ts,
      personIds: [request.requesterId, request.partnerId],
    });
  }

  async function viewModel(request: SessionRequest, slackId: string): Promise<RequestViewModel> {
    const [topics, programme, locale] = await Promise.all([
      service.topics({ includeRetired: true }),
      service.programme(),
      localeFor(slackId),
    ]);
    return { request, topics, locale, timezone: programme?.timezone ?? "Europe/Berlin" };
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
    const message = render(await viewModel(request, slackId));
    const existing = postAgain ? null : await findSlackMessage(prisma, request.id, purpose);
    // Overwritten for data protection (erasure, retention): never filled with data again.
    if (existing?.scrubbed) return;
    if (existing) {
      await client.chat.update({ channel: existing.channel, ts: existing.ts, text: message.text, blocks: message.blocks });
    } else if (request.state === postWhile) {
      const earlier = postAgain ? await findSlackMessage(prisma, request.id, purpose) : null;
      const posted = await post(slackId, message, sending);
      // Asked again: the earlier message (it names the requester) stays recorded for erasure under its own purpose.
      if (earlier && !earlier.scrubbed) {
        await recordPostedMessage(prisma, {
          requestId: request.id, purpose: `${purpose}:earlier:${earlier.ts}`, channel: earlier.channel, ts: earlier.ts,
          personIds: [request.requesterId, request.partnerId],
        });
      }
      await saveSlackMessage(prisma, request.id, purpose, posted.channel, posted.ts, [request.requesterId, request.partnerId]);
    }
  }

  async function requesterNotice(request: SessionRequest, event: string, sending: Sending): Promise<void> {
    const slackId = request.requesterSlackId;
    if (!slackId) return;
    const vm = await viewModel(request, slackId);
    const send = (message: Message) => postNotice(slackId, message, request, `requester_notice:${event}`, sending);
    switch (event) {
      case "accepted":
        return send(acceptedNotice(vm));
      case "declined": {
        const suggestions = (await service.partnerDirectory({ topics: request.topics })).filter((p) => p.personId !== request.partnerId);
        return send(declinedNotice({ ...vm, suggestions }));
      }
      case "cancelled":
        return send(cancelledNotice(vm));
      case "expired":
        return send(expiredNotice(vm));
      case "reminder_due":
        return send(reminderNotice(vm));
    }
  }

  async function partnerNotice(request: SessionRequest, event: string, sending: Sending): Promise<void> {
    const slackId = request.partnerSlackId;
    if (!slackId) return;
    const vm = await viewModel(request, slackId);
    const send = (message: Message) => postNotice(slackId, message, request, `partner_notice:${event}`, sending);
    if (event === "cancelled") await send(cancelledNotice(vm));
    if (event === "reminder_due") await send(partnerReminderNotice(vm));
  }

  return {
    async expand(row: OutboxRow) {
      const notice = row.payload as RequestNotice;
      if (notice?.kind !== "request") return [];
      const request = await service.request(notice.requestId);
      if (!request) return [];
      return deliveriesFor(notice, request, await contactSlackIds(prisma, request.municipalityKey));
    },
    async deliver(row: OutboxRow, lease: Lease) {
      const delivery = row.payload as Delivery;
      const sending: Sending = { row, lease };
      if (delivery.op === "channel_message") {
        // No history look-up in a channel (that needs channels:history): a crash between Slack's
        // answer and recording it can repeat a digest, nothing else can (docs/operations-delivery.md).
        await lease.hold();
        const posted = await client.chat.postMessage({
          channel: delivery.channel,
          text: delivery.text,
          blocks: delivery.blocks as Message["blocks"],
          metadata: outboxMetadata(row),
        });
        // A digest names partners: erasing one of them overwrites it.
        if (delivery.personIds?.length) {
          await recordPostedMessage(prisma, { requestId: null, purpose: "channel_message", channel: posted.channel ?? delivery.channel, ts: posted.ts ?? "", personIds: delivery.personIds });
        }
        return;
      }
      if (delivery.op === "scrub_slack") {
        await lease.hold();
        await scrubSlackCopy({ prisma, service, client, clock }, BigInt(delivery.messageId));
        return;
      }
      if (delivery.op === "home") {
        await publishHome(client, prisma, service, delivery.slackId, await localeFor(delivery.slackId), clock);
        await settlePendingHomes(prisma, delivery.slackId, row.id);
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
          return requesterNotice(request, delivery.event, sending);
        case "partner_notice":
          return partnerNotice(request, delivery.event, sending);
      }
    },
  };
}
