import type { BlockAction } from "@slack/bolt";
import type { Registrar } from "./registrar.ts";
import type { FeedbackRefusal } from "../../domain/feedback.ts";
import type { Locale } from "../../domain/types.ts";
import { formatDate } from "../../i18n/index.ts";
import { insights } from "../../i18n/insights.ts";
import { feedbackFormReader } from "../forms/feedback-form.ts";
import * as ids from "../ids.ts";
import { feedbackModal, feedbackThanksModal } from "../views/feedback-views.ts";
import { textMessage } from "../views/privacy-messages.ts";
import { submissionListener } from "./answer-submission.ts";
import type { ListenerContext } from "./context.ts";
import { buttonValue, clickListener, replyEphemeral } from "./reply.ts";

export function describeFeedbackRefusal(refusal: FeedbackRefusal, locale: Locale): string {
  const r = insights(locale).feedback.refusals;
  switch (refusal.code) {
    case "request_not_found":
    case "feedback_not_yours":
    case "feedback_not_held":
      return r[refusal.code];
    case "feedback_closed":
      return r.feedback_closed(formatDate(refusal.closedAt, refusal.timezone, locale));
  }
}

/**
 * The requester's feedback: the button in the DM opens the form (who may answer is decided from
 * the data, the button's request id is only a pointer), the submission stores one answer per
 * request, changeable for 7 days.
 */
export function registerFeedback(app: Registrar, ctx: ListenerContext): void {
  app.action<BlockAction>(ids.FEEDBACK_OPEN, clickListener(ctx, "feedback_open", async (args, target) => {
    const form = await ctx.insights.feedbackForm(args.body.user.id, buttonValue(args.body));
    if (!form.ok) return replyEphemeral(target, textMessage(describeFeedbackRefusal(form, target.locale)));
    const view = feedbackModal({ locale: target.locale, requestId: form.value.request.id, existing: form.value.existing });
    await args.client.views.open({ trigger_id: args.body.trigger_id, view });
  }));

  // The nudge's one-click opt-out: the server checks the button's person id is the clicker's own.
  app.action<BlockAction>(ids.NUDGE_OPT_OUT, clickListener(ctx, "nudge_opt_out", async (args, target) => {
    const done = await ctx.insights.optOutOfNudges(args.body.user.id, buttonValue(args.body));
    const t = insights(target.locale).nudge;
    await replyEphemeral(target, textMessage(done ? t.optedOut : t.notYours));
  }));

  app.view(ids.FEEDBACK_MODAL, submissionListener(ctx, feedbackFormReader, {
    run: (input, userId, view) => ctx.insights.giveFeedback(userId, view.private_metadata, input),
    refused: (refusal, locale) => ({ response_action: "errors", errors: { [ids.FEEDBACK_USEFULNESS_BLOCK]: describeFeedbackRefusal(refusal, locale) } }),
    onOk: (_feedback, locale) => ({ response_action: "update", view: feedbackThanksModal(locale) }),
  }));
}
