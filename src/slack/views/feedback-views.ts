import type { Feedback } from "../../domain/feedback.ts";
import type { Locale } from "../../domain/types.ts";
import { insights } from "../../i18n/insights.ts";
import * as ids from "../ids.ts";
import { button, limits, option, plain, section, type Message, type ModalView } from "./blocks.ts";
import { escapeMrkdwn } from "./escape.ts";
import { messageModal } from "./message-modal.ts";
import { formLimits } from "../forms/form-limits.ts";

/** To the requester once the session was marked held: one button that opens the feedback form. */
export function feedbackAskMessage(input: { locale: Locale; requestId: string; partnerName: string; date: string }): Message {
  const f = insights(input.locale).feedback;
  return {
    text: f.askFallback,
    blocks: [
      section(`:speech_balloon: ${escapeMrkdwn(f.askText(input.partnerName, input.date))}`),
      { type: "actions", elements: [button({ text: f.button, actionId: ids.FEEDBACK_OPEN, value: input.requestId, style: "primary" })] },
    ],
  };
}

/** Rating 1–5, would recommend yes/no, optional comment; an earlier answer is filled in. private_metadata = request id. */
export function feedbackModal(input: { locale: Locale; requestId: string; existing: Feedback | null }): ModalView {
  const f = insights(input.locale).feedback;
  const ratings = f.usefulness.map((label, i) => option(label, String(i + 1)));
  const recommend = [option(f.yes, "yes"), option(f.no, "no")];
  const existing = input.existing;
  return {
    type: "modal",
    callback_id: ids.FEEDBACK_MODAL,
    private_metadata: input.requestId,
    title: plain(f.title, limits.modalTitle),
    submit: plain(f.submit, limits.modalTitle),
    close: plain(f.cancel, limits.modalTitle),
    blocks: [
      {
        type: "input",
        block_id: ids.FEEDBACK_USEFULNESS_BLOCK,
        label: plain(f.usefulnessLabel, 2000),
        element: {
          type: "radio_buttons",
          action_id: ids.FEEDBACK_USEFULNESS,
          options: ratings,
          ...(existing ? { initial_option: ratings[existing.usefulness - 1]! } : {}),
        },
      },
      {
        type: "input",
        block_id: ids.FEEDBACK_RECOMMEND_BLOCK,
        label: plain(f.recommendLabel, 2000),
        element: {
          type: "radio_buttons",
          action_id: ids.FEEDBACK_RECOMMEND,
          options: recommend,
          ...(existing ? { initial_option: recommend[existing.wouldRecommend ? 0 : 1]! } : {}),
        },
      },
      {
        type: "input",
        block_id: ids.FEEDBACK_COMMENT_BLOCK,
        optional: true,
        label: plain(f.commentLabel, 2000),
        hint: plain(f.commentHint, 2000),
        element: {
          type: "plain_text_input",
          action_id: ids.FEEDBACK_COMMENT,
          multiline: true,
          max_length: formLimits.feedbackComment,
          ...(existing?.comment ? { initial_value: existing.comment } : {}),
        },
      },
    ],
  };
}

export function feedbackThanksModal(locale: Locale): ModalView {
  const f = insights(locale).feedback;
  return messageModal({ locale, callbackId: `${ids.FEEDBACK_MODAL}_thanks`, title: f.thanksTitle, icon: ":pray:", text: f.thanks });
}
