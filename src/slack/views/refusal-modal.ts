import type { Refusal } from "../../domain/refusals.ts";
import type { Locale } from "../../domain/types.ts";
import { describeRefusal, messages } from "../../i18n/index.ts";
import * as ids from "../ids.ts";
import type { ModalView } from "./blocks.ts";
import { messageModal } from "./message-modal.ts";

/**
 * A modal with only the reason: a submission no change in the form can fix (quota used, programme
 * ended, request already decided), or a refused click where there is no conversation to answer in
 * (the Home tab has no response_url).
 */
export function refusalModal(input: { locale: Locale; refusal: Refusal }): ModalView {
  const t = messages(input.locale);
  return messageModal({
    callbackId: ids.REFUSAL_MODAL,
    title: t.booking.refusedTitle,
    close: t.common.close,
    icon: ":warning:",
    text: describeRefusal(input.refusal, input.locale),
    blockId: ids.REFUSAL_BLOCK,
  });
}
