import type { WebClient } from "@slack/web-api";
import type { DeliveryRecords } from "../../domain/ports/delivery-records.ts";
import type { SparringService } from "../../domain/service.ts";
import { defaultLocale, type Clock } from "../../domain/types.ts";
import { messages } from "../../i18n/index.ts";
import { publishHome } from "../home.ts";
import { textMessage } from "../views/privacy-messages.ts";

/** Slack's answers that mean the copy is gone already (deleted by the user, channel archived): nothing left to do. */
const alreadyGone = new Set(["message_not_found", "cant_update_message", "channel_not_found", "is_archived", "file_not_found", "file_deleted"]);

/**
 * Removes one recorded Slack copy (db/slack-scrub.ts queued it): a message is overwritten with a
 * text that shows neither question nor name (chat.update), a file is deleted (files.delete), an
 * erased person's Home is published again for a stranger. Then the record itself goes: it held
 * the channel and timestamp only to do this. Any other failure throws, and the outbox retries.
 */
export async function scrubSlackCopy(
  deps: { deliveries: DeliveryRecords; service: SparringService; client: WebClient; clock: Clock },
  messageId: bigint,
): Promise<void> {
  const { deliveries, client } = deps;
  const copy = await deliveries.slackCopy(messageId);
  if (!copy) return;
  try {
    if (copy.purpose === "home") {
      // The channel of a Home record is the Slack user id; they are a stranger to the app now.
      await publishHome(client, deps.service, copy.channel, defaultLocale, deps.clock);
    } else if (copy.fileId) {
      await client.files.delete({ file: copy.fileId });
    } else if (copy.ts) {
      // German: the recipient's stored locale may be gone with the erasure.
      const message = textMessage(`:lock: ${messages(defaultLocale).privacy.removedForPrivacy}`);
      await client.chat.update({ channel: copy.channel, ts: copy.ts, text: message.text, blocks: message.blocks });
    }
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (!code || !alreadyGone.has(code)) throw error;
  }
  await deliveries.forgetSlackCopy(messageId);
}
