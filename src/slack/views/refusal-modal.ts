import type { Refusal } from "../../domain/refusals.ts";
import type { Locale } from "../../domain/types.ts";
import { describeRefusal, messages } from "../../i18n/index.ts";
import * as ids from "../ids.ts";
import type { ModalView } from "./blocks.ts";
import { messageModal } from "./message-modal.ts";

/**
 * A modal with only the reason: a submission no change in the form can fix (quota used, programme
 * ended, request already decided), or a refused click where there is no conversation to answer in
 * (the Home tab has no response_url). A lead's Home action (`of: "leadAction"`) is titled as an
 * action, and refused for want of the role it says who may.
 */
export function refusalModal(input: { locale: Locale; refusal: Refusal; of?: "request" | "leadAction" }): ModalView {
  const { locale, refusal } = input;
  const t = messages(locale);
  const leadAction = input.of === "leadAction";
  const leadsOnly = leadAction && (refusal.code === "forbidden" || refusal.code === "unknown_person");
  return messageModal({
    locale,
    callbackId: ids.REFUSAL_MODAL,
    title: leadAction ? t.home.actionRefusedTitle : t.booking.refusedTitle,
    icon: ":warning:",
    text: leadsOnly ? t.home.leadsOnly : describeRefusal(refusal, locale),
    blockId: ids.REFUSAL_BLOCK,
  });
}
