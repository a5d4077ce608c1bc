import { isEligible } from "../../domain/eligibility.ts";
import type { Result } from "../../domain/refusals.ts";
import type { SessionRequest } from "../../domain/types.ts";
import { messages } from "../../i18n/index.ts";
import { correctionFormReader, correctionRefusalBlocks, type CorrectionForm } from "../forms/correction-form.ts";
import { isUuid } from "../../domain/uuid.ts";
import * as ids from "../ids.ts";
import { partnerOptionText } from "../views/booking-modal.ts";
import { correctionModal, searchOptions } from "../views/correction-modal.ts";
import { messageModal } from "../views/message-modal.ts";
import { textMessage } from "../views/privacy-messages.ts";
import { arrivedAt, refusedOn, submissionKey, submissionListener } from "./answer-submission.ts";
import { answerOptions } from "./answer-options.ts";
import type { ListenerContext } from "./context.ts";
import type { Registrar } from "./registrar.ts";
import { replyEphemeral } from "./reply.ts";
import type { SubcommandHandler } from "./sparring-command.ts";
import { timezoneOf } from "../../domain/timezone.ts";

/** `/sparring korrektur <Anfrage-ID>`: a lead opens the correction modal for one request. */
const openCorrection: SubcommandHandler = async (ctx, { actor, rest, target }) => {
  const c = messages(target.locale).correction;
  if (!actor.isLead) return replyEphemeral(target, textMessage(c.leadsOnly));
  const requestId = rest.trim();
  const [request, topics, programme] = await Promise.all([
    isUuid(requestId) ? ctx.service.request(requestId) : null,
    ctx.service.topics({ includeRetired: true }),
    ctx.service.programme(),
  ]);
  if (!request || !target.triggerId) return replyEphemeral(target, textMessage(c.usage));
  await target.client.views.open({
    trigger_id: target.triggerId,
    view: correctionModal({ locale: target.locale, timezone: timezoneOf(programme), request, topics }),
  });
};

export const correctionSubcommands: Array<[string, SubcommandHandler]> = [
  ["korrektur", openCorrection],
  ["correct", openCorrection],
];

function runCorrection(ctx: ListenerContext, leadSlackId: string, requestId: string, form: CorrectionForm, key: string): Promise<Result<SessionRequest>> {
  const { reason } = form;
  switch (form.action) {
    case "cancel":
      return ctx.service.cancelRequest(leadSlackId, requestId, { reason }, key);
    case "mark_held":
      return ctx.service.markHeld(leadSlackId, requestId, key, { reason });
    case "mark_not_held":
      return ctx.service.markNotHeld(leadSlackId, requestId, { reason }, key);
    case "move":
      return ctx.service.moveRequest(leadSlackId, requestId, { municipalityKey: form.municipalityKey, partnerId: form.partnerId, reason }, key);
  }
}

export function registerCorrection(app: Registrar, ctx: ListenerContext): void {
  // The search fields list names for leads only; the correction itself is checked again from the data.
  app.options(ids.CORRECTION_MUNICIPALITY, async ({ ack, body, context }) =>
    answerOptions(ctx, ack, arrivedAt(context), async () => {
      const [actor, programme] = await Promise.all([ctx.service.whoIs(body.user.id), ctx.service.programme()]);
      // Only municipalities a request may move to: active, and of a round and kind that may book.
      const municipalities = actor?.isLead && programme
        ? (await ctx.service.municipalities()).filter((m) => m.active && isEligible(programme, m) && m.key.length <= 75)
        : [];
      return searchOptions(municipalities, String(body.value ?? ""), (m) => m.name, (m) => m.key);
    }),
  );
  app.options(ids.CORRECTION_PARTNER, async ({ ack, body, context }) =>
    answerOptions(ctx, ack, arrivedAt(context), async () => {
      const actor = await ctx.service.whoIs(body.user.id);
      const partners = actor?.isLead ? await ctx.service.partnerDirectory() : [];
      return searchOptions(partners, String(body.value ?? ""), partnerOptionText, (p) => p.personId);
    }),
  );

  app.view(ids.CORRECTION_MODAL, submissionListener(ctx, correctionFormReader, {
    run: (input, userId, view) => runCorrection(ctx, userId, view.private_metadata, input, submissionKey("correct", view.id, input)),
    refused: refusedOn(correctionRefusalBlocks),
    onOk: (_done, locale) => {
      const t = messages(locale).correction;
      return { response_action: "update", view: messageModal({ locale, callbackId: ids.CORRECTION_MODAL, title: t.title, icon: ":white_check_mark:", text: t.done }) };
    },
  }));
}
