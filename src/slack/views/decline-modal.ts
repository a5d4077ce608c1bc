import type { Locale, SessionRequest, Topic } from "../../domain/types.ts";
import { messages } from "../../i18n/index.ts";
import * as ids from "../ids.ts";
import { limits, plain, requestFacts, section, type ModalView } from "./blocks.ts";
import { formLimits } from "../forms/form-limits.ts";

/** Decline form with an optional reason (shown to the requester). private_metadata = request id. */
export function declineModal(input: { locale: Locale; request: SessionRequest; topics: Topic[] }): ModalView {
  const t = messages(input.locale);
  return {
    type: "modal",
    callback_id: ids.DECLINE_MODAL,
    private_metadata: input.request.id,
    title: plain(t.decline.title, limits.modalTitle),
    submit: plain(t.decline.submit, limits.modalTitle),
    close: plain(t.common.cancel, limits.modalTitle),
    blocks: [
      section(requestFacts(input.request, input.topics, input.locale)),
      {
        type: "input",
        block_id: ids.DECLINE_REASON_BLOCK,
        optional: true,
        label: plain(t.decline.reasonLabel, 2000),
        hint: plain(t.decline.reasonHint, 2000),
        element: {
          type: "plain_text_input",
          action_id: ids.DECLINE_REASON,
          multiline: true,
          max_length: formLimits.declineReason,
          placeholder: plain(t.decline.reasonPlaceholder, limits.placeholder),
        },
      },
    ],
  };
}
