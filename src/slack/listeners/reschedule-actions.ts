import type { BlockAction } from "@slack/bolt";
import type { Registrar } from "./registrar.ts";
import { actsAsPartner, checkPartnerCancel } from "../../domain/cancellation.ts";
import { mayProposeNow } from "../../domain/reschedule.ts";
import type { Result } from "../../domain/refusals.ts";
import { timezoneOf } from "../../domain/timezone.ts";
import type { SessionRequest } from "../../domain/types.ts";
import { formatDateTime, messages } from "../../i18n/index.ts";
import { acceptFormReader, acceptRefusalBlocks } from "../forms/accept-form.ts";
import { partnerCancelFormReader } from "../forms/partner-cancel-form.ts";
import * as ids from "../ids.ts";
import { section } from "../views/blocks.ts";
import { escapeMrkdwn } from "../views/escape.ts";
import { partnerCancelModal, rescheduleModal } from "../views/reschedule-modal.ts";
import { fallback } from "../views/requester-notice.ts";
import { refusedOn, submissionKey, submissionListener } from "./answer-submission.ts";
import type { ListenerContext } from "./context.ts";
import { buttonId, clickListener, oneClickChange, replyEphemeral, replyRefusal } from "./reply.ts";

/**
 * Rescheduling and a partner's cancel. Buttons are checked on the server from the data before a
 * modal opens (a forged or stale one gets the reason); every change is one use case with an
 * idempotency key (the view, or the click itself), so a double click or a retry changes once.
 */
export function registerRescheduleActions(app: Registrar, ctx: ListenerContext): void {
  // Partner: "Propose a new date" and "Cancel session" open their modals after the same checks the use cases make.
  const openModal = (kind: "propose" | "cancel") =>
    clickListener(ctx, `open_${kind}`, async (args, target) => {
      const requestId = buttonId(args.body);
      const [actor, request, programme, topics] = await Promise.all([
        ctx.service.whoIs(args.body.user.id),
        requestId ? ctx.service.request(requestId) : null,
        ctx.service.programme(),
        ctx.service.topics({ includeRetired: true }),
      ]);
      if (!request || !programme) return replyRefusal(target, { ok: false, code: "request_not_found" });
      const now = ctx.clock();
      const check = kind === "propose"
        ? mayProposeNow(request, actor, now)
        : actsAsPartner(actor, request) ? (checkPartnerCancel(request, "reason", now) ?? { ok: true as const, value: null }) : { ok: false as const, code: "forbidden" as const, action: "cancel" as const };
      if (!check.ok) return replyRefusal(target, check);
      const timezone = programme.timezone;
      const view = kind === "propose"
        ? rescheduleModal({ locale: target.locale, timezone, request, topics, now, unitMinutes: programme.unitMinutes })
        : partnerCancelModal({ locale: target.locale, timezone, request });
      await args.client.views.open({ trigger_id: args.body.trigger_id, view });
    });
  app.action<BlockAction>(ids.PROPOSE_NEW_DATE, openModal("propose"));
  app.action<BlockAction>(ids.PARTNER_CANCEL, openModal("cancel"));

  app.view(ids.RESCHEDULE_MODAL, submissionListener(ctx, acceptFormReader, {
    run: (input, userId, view) => ctx.service.proposeNewDate(userId, view.private_metadata, input, submissionKey("propose", view.id, input)),
    refused: refusedOn(acceptRefusalBlocks),
  }));

  app.view(ids.PARTNER_CANCEL_MODAL, submissionListener(ctx, partnerCancelFormReader, {
    run: (input, userId, view) => ctx.service.cancelRequest(userId, view.private_metadata, input, `partner_cancel:${view.id}`),
    refused: refusedOn({ reason: ids.PARTNER_CANCEL_REASON_BLOCK }),
  }));

  // Requester's side: one click, one change; the key is the click (Slack's retries resend the same action_ts).
  const click = (
    name: "ask_new_date" | "accept_proposal" | "reject_proposal",
    run: (userId: string, id: string, key: string) => Promise<Result<SessionRequest>>,
    confirm: (request: SessionRequest, locale: "de" | "en", timezone: string) => string,
  ) =>
    oneClickChange(ctx, name, run, async (request, _args, target) => {
      const timezone = timezoneOf(await ctx.service.programme());
      const text = confirm(request, target.locale, timezone);
      // The answered proposal is replaced by the confirmation (no live buttons on a decided proposal).
      await replyEphemeral(target, { text: fallback(text), blocks: [section(`:calendar: ${escapeMrkdwn(text)}`)] }, name !== "ask_new_date");
    });
  app.action<BlockAction>(ids.ASK_NEW_DATE, click("ask_new_date", (u, id, k) => ctx.service.askNewDate(u, id, k),
    (r, locale) => messages(locale).reschedule.askedConfirm(r.partnerName)));
  app.action<BlockAction>(ids.ACCEPT_PROPOSAL, click("accept_proposal", (u, id, k) => ctx.service.answerProposal(u, id, "accept", k),
    (r, locale, tz) => messages(locale).reschedule.acceptedConfirm(r.scheduledStart ? formatDateTime(r.scheduledStart, tz, locale) : "–")));
  app.action<BlockAction>(ids.REJECT_PROPOSAL, click("reject_proposal", (u, id, k) => ctx.service.answerProposal(u, id, "reject", k),
    (r, locale) => messages(locale).reschedule.rejectedConfirm(r.partnerName)));
}
