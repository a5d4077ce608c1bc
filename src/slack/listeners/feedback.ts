import type { BlockAction, ButtonAction } from "@slack/bolt";
import type { Registrar } from "./registrar.ts";
import type { FeedbackRefusal } from "../../domain/feedback.ts";
import type { Locale } from "../../domain/types.ts";
import { formatDate, messages } from "../../i18n/index.ts";
import { insights } from "../../i18n/insights.ts";
import { safeError } from "../../logger.ts";
import { readFeedbackForm } from "../forms/feedback-form.ts";
import * as ids from "../ids.ts";
import { feedbackModal, feedbackThanksModal } from "../views/feedback-views.ts";
import { textMessage } from "../views/privacy-messages.ts";
import { readFormOrAnswer, type ViewAck } from "./answer-submission.ts";
import type { ListenerContext } from "./context.ts";
import { guarded, replyEphemeral, type ReplyTarget } from "./reply.ts";
import { timezoneOf } from "../../domain/timezone.ts";

export function describeFeedbackRefusal(refusal: FeedbackRefusal, locale: Locale, timezone: string): string {
  const r = insights(locale).feedback.refusals;
  switch (refusal.code) {
    case "request_not_found":
    case "feedback_not_yours":
    case "feedback_not_held":
      return r[refusal.code];
    case "feedback_closed":
      return r.feedback_closed(formatDate(refusal.closedAt, timezone, locale));
  }
}

/**
 * The requester's feedback: the button in the DM opens the form (who may answer is decided from
 * the data, the button's request id is only a pointer), the submission stores one answer per
 * request, changeable for 7 days.
 */
export function registerFeedback(app: Registrar, ctx: ListenerContext): void {
  const timezone = async () => timezoneOf(await ctx.service.programme());

  app.action<BlockAction>(ids.FEEDBACK_OPEN, async ({ ack, body, client, respond }) => {
    await ack();
    const locale = await ctx.localeOf(body.user.id);
    const target: ReplyTarget = { respond: body.response_url ? respond : undefined, client, triggerId: body.trigger_id, locale };
    await guarded(ctx.logger, target, "feedback_open", async () => {
      const requestId = (body.actions[0] as ButtonAction | undefined)?.value ?? "";
      const form = await ctx.insights.feedbackForm(body.user.id, requestId);
      if (!form.ok) return replyEphemeral(target, textMessage(describeFeedbackRefusal(form, locale, await timezone())));
      await client.views.open({ trigger_id: body.trigger_id, view: feedbackModal({ locale, requestId: form.value.request.id, existing: form.value.existing }) });
    });
  });

  app.view(ids.FEEDBACK_MODAL, async ({ ack, body, view }) => {
    const locale = await ctx.localeOf(body.user.id);
    const input = await readFormOrAnswer(ack as ViewAck, locale, view.state.values, readFeedbackForm, { block: ids.FEEDBACK_USEFULNESS_BLOCK, key: "required" });
    if (!input) return;
    try {
      const result = await ctx.insights.giveFeedback(body.user.id, view.private_metadata, input);
      if (result.ok) return void (await ack({ response_action: "update", view: feedbackThanksModal(locale) }));
      await ack({ response_action: "errors", errors: { [ids.FEEDBACK_USEFULNESS_BLOCK]: describeFeedbackRefusal(result, locale, await timezone()) } });
    } catch (error) {
      ctx.logger.error({ err: safeError(error) }, "feedback submission failed");
      await ack({ response_action: "errors", errors: { [ids.FEEDBACK_USEFULNESS_BLOCK]: messages(locale).validation.tryAgain } });
    }
  });
}
