import type { Locale } from "../../domain/types.ts";
import { messages } from "../../i18n/index.ts";
import { plain, limits, section, type ModalView } from "./blocks.ts";
import { escapeMrkdwn } from "./escape.ts";

/** A modal that only tells something (a refusal, a confirmation): title, one text, a close button. */
export function messageModal(input: { locale: Locale; callbackId: string; title: string; icon: string; text: string; blockId?: string }): ModalView {
  const block = section(`${input.icon} ${escapeMrkdwn(input.text)}`);
  return {
    type: "modal",
    callback_id: input.callbackId,
    title: plain(input.title, limits.modalTitle),
    close: plain(messages(input.locale).common.close, limits.modalTitle),
    blocks: [input.blockId ? { ...block, block_id: input.blockId } : block],
  };
}
