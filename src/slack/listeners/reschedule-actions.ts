import type { BlockAction, ButtonAction } from "@slack/bolt";
import type { Registrar } from "./registrar.ts";
import { actsAsPartner, checkPartnerCancel } from "../../domain/cancellation.ts";
import { mayProposeNow } from "../../domain/reschedule.ts";
import type { Result } from "../../domain/refusals.ts";
import type { SessionRequest } from "../../domain/types.ts";
import { formatDateTime, messages } from "../../i18n/index.ts";
import { acceptRefusalBlocks, readAcceptForm } from "../forms/accept-form.ts";
import { readPartnerCancelForm } from "../forms/partner-cancel-form.ts";
import * as ids from "../ids.ts";
import { section } from "../views/blocks.ts";
import { escapeMrkdwn } from "../views/escape.ts";
import { partnerCancelModal, rescheduleModal } from "../views/reschedule-modal.ts";
import { fallback } from "../views/requester-notice.ts";
import { answerSubmission, arrivedAt, readFormOrAnswer, refusedOn, submissionKey, type ViewAck } from "./answer-submission.ts";
import type { ListenerContext } from "./context.ts";
import { clickListener, replyEphemeral, replyRefusal } from "./reply.ts";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id a button carries (a request's or a proposal's). User input: anything but a uuid is "not found". */
function idOf(body: BlockAction): string | null {
  const value = (body.actions[0] as ButtonAction | undefined)?.value;
  return value && uuid.test(value) ? value : null;
}

/**
 * Rescheduling and a partner's cancel. Buttons are checked on the server from the data before a
 * modal opens (a forged or stale one gets the reason); every change is one use case with an
 * idempotency key (the view, or the click itself), so a double click or a retry changes once.
 */
export function registerRescheduleActions(app: Registrar, ctx: ListenerContext): void {
  // Partner: "Propose a new date" and "Cancel session" open their modals after the same checks the use cases make.
  const openModal = (kind: "propose" | "cancel") =>
    clickListener(ctx, `open_${kind}`, async (args, target) => {
      const requestId = idOf(args.body);
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

  app.view(ids.RESCHEDULE_MODAL, async ({ ack, body, view, context }) => {
    const startedAt = arrivedAt(context);
    const locale = ctx.localeOf(body.user.id);
    const input = await readFormOrAnswer(ack as ViewAck, locale, view.state.values, readAcceptForm, { block: ids.ACCEPT_START_BLOCK, key: "chooseStart" });
    if (!input) return;
    await answerSubmission(ctx, ack as ViewAck, locale,
      () => ctx.service.proposeNewDate(body.user.id, view.private_metadata, input, submissionKey("propose", view.id, input)),
      { refused: refusedOn(acceptRefusalBlocks), errorBlock: ids.ACCEPT_START_BLOCK, startedAt });
  });

  app.view(ids.PARTNER_CANCEL_MODAL, async ({ ack, body, view, context }) => {
    const startedAt = arrivedAt(context);
    const locale = ctx.localeOf(body.user.id);
    const input = await readFormOrAnswer(ack as ViewAck, locale, view.state.values, readPartnerCancelForm, { block: ids.PARTNER_CANCEL_REASON_BLOCK, key: "required" });
    if (!input) return;
    await answerSubmission(ctx, ack as ViewAck, locale,
      () => ctx.service.cancelRequest(body.user.id, view.private_metadata, input, `partner_cancel:${view.id}`),
      { refused: refusedOn({ reason: ids.PARTNER_CANCEL_REASON_BLOCK }), errorBlock: ids.PARTNER_CANCEL_REASON_BLOCK, startedAt });
  });

  // Requester's side: one click, one change; the key is the click (Slack's retries resend the same action_ts).
  const click = (
    name: "ask_new_date" | "accept_proposal" | "reject_proposal",
    run: (userId: string, id: string, key: string) => Promise<Result<SessionRequest>>,
    confirm: (request: SessionRequest, locale: "de" | "en", timezone: string) => string,
  ) =>
    clickListener(ctx, name, async (args, target) => {
      const id = idOf(args.body);
      if (!id) return replyRefusal(target, { ok: false, code: "request_not_found" });
      const actionTs = (args.body.actions[0] as ButtonAction).action_ts;
      const result = await run(args.body.user.id, id, `${name}:${id}:${args.body.user.id}:${actionTs}`);
      if (!result.ok) return replyRefusal(target, result);
      ctx.notify();
      const timezone = (await ctx.service.programme())?.timezone ?? "Europe/Berlin";
      const text = confirm(result.value, target.locale, timezone);
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
