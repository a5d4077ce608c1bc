import type { ModalView } from "./blocks.ts";
import { formatDateTime, messages } from "../../i18n/index.ts";
import * as ids from "../ids.ts";
import { acceptModal, type AcceptModalInput } from "./accept-modal.ts";
import { context, limits, plain, section } from "./blocks.ts";
import { escapeMrkdwn } from "./escape.ts";
import { formLimits } from "../forms/form-limits.ts";

/**
 * The partner's new date: the accept form's inputs (date and time, format, link or phone), starting
 * at the current date and details, with the note that the old date stands until it is accepted.
 */
export function rescheduleModal(input: AcceptModalInput): ModalView {
  const t = messages(input.locale);
  const base = acceptModal({ ...input, initialStart: input.request.scheduledStart });
  const old = input.request.scheduledStart ? formatDateTime(input.request.scheduledStart, input.timezone, input.locale) : t.common.none;
  return {
    ...base,
    callback_id: ids.RESCHEDULE_MODAL,
    title: plain(t.reschedule.modalTitle, limits.modalTitle),
    submit: plain(t.reschedule.modalSubmit, limits.modalTitle),
    blocks: [context(escapeMrkdwn(t.reschedule.modalIntro(input.request.requesterName, old))), ...base.blocks],
  };
}

/** The partner's cancel of a scheduled session, with the reason the requester is told (required). */
export function partnerCancelModal(input: Pick<AcceptModalInput, "locale" | "timezone" | "request">): ModalView {
  const t = messages(input.locale);
  const date = input.request.scheduledStart ? formatDateTime(input.request.scheduledStart, input.timezone, input.locale) : t.common.none;
  return {
    type: "modal",
    callback_id: ids.PARTNER_CANCEL_MODAL,
    private_metadata: input.request.id,
    title: plain(t.reschedule.cancelModalTitle, limits.modalTitle),
    submit: plain(t.reschedule.cancelModalSubmit, limits.modalTitle),
    close: plain(t.common.cancel, limits.modalTitle),
    blocks: [
      section(escapeMrkdwn(t.reschedule.cancelModalIntro(input.request.requesterName, date))),
      {
        type: "input",
        block_id: ids.PARTNER_CANCEL_REASON_BLOCK,
        label: plain(t.reschedule.cancelReasonLabel, 2000),
        hint: plain(t.reschedule.cancelReasonHint, 2000),
        element: { type: "plain_text_input", action_id: ids.PARTNER_CANCEL_REASON, multiline: true, max_length: formLimits.cancelReason },
      },
    ],
  };
}
