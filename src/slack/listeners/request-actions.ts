import type { BlockAction } from "@slack/bolt";
import { mayPerform, nextState } from "../../domain/transitions.ts";
import type { Result } from "../../domain/refusals.ts";
import type { SessionRequest } from "../../domain/types.ts";
import { acceptFormReader, acceptRefusalBlocks } from "../forms/accept-form.ts";
import { declineFormReader } from "../forms/decline-form.ts";
import * as ids from "../ids.ts";
import { acceptModal } from "../views/accept-modal.ts";
import { declineModal } from "../views/decline-modal.ts";
import { cancellerOf } from "../../domain/cancellation.ts";
import { cancelledByNotice } from "../views/reschedule-notices.ts";
import { refusedOn, submissionKey, submissionListener } from "./answer-submission.ts";
import type { ListenerContext } from "./context.ts";
import type { Registrar } from "./registrar.ts";
import { buttonId, clickListener, oneClickChange, replyEphemeral, replyRefusal } from "./reply.ts";
import { timezoneOf } from "../../domain/timezone.ts";

/**
 * Accept and Decline open a modal. Before that the server checks, from the data, that this person
 * may answer this request and that it is still open: a forged or stale button gets the reason.
 */
function openAnswerModal(ctx: ListenerContext, action: "accept" | "decline") {
  return clickListener(ctx, `open_${action}`, async ({ body, client }, target) => {
    const { locale } = target;
    const requestId = buttonId(body);
    const [actor, request, topics, programme] = await Promise.all([
      ctx.service.whoIs(body.user.id),
      requestId ? ctx.service.request(requestId) : null,
      ctx.service.topics({ includeRetired: true }),
      ctx.service.programme(),
    ]);
    if (!request) return replyRefusal(target, { ok: false, code: "request_not_found" });
    if (!mayPerform(actor, action, request)) return replyRefusal(target, { ok: false, code: "forbidden", action });
    const next = nextState(request.state, action);
    if (!next.ok) return replyRefusal(target, next);
    const view =
      action === "accept"
        ? acceptModal({ locale, timezone: timezoneOf(programme), request, topics, now: ctx.clock(), unitMinutes: programme?.unitMinutes ?? 60 })
        : declineModal({ locale, request, topics });
    await client.views.open({ trigger_id: body.trigger_id, view });
  });
}

export function registerRequestActions(app: Registrar, ctx: ListenerContext): void {
  app.action<BlockAction>(ids.ACCEPT_REQUEST, openAnswerModal(ctx, "accept"));
  app.action<BlockAction>(ids.DECLINE_REQUEST, openAnswerModal(ctx, "decline"));

  app.view(ids.ACCEPT_MODAL, submissionListener(ctx, acceptFormReader, {
    run: (input, userId, view) => ctx.service.acceptRequest(userId, view.private_metadata, input, submissionKey("accept", view.id, input)),
    refused: refusedOn(acceptRefusalBlocks),
  }));

  app.view(ids.DECLINE_MODAL, submissionListener(ctx, declineFormReader, {
    run: (input, userId, view) => ctx.service.declineRequest(userId, view.private_metadata, input, `decline:${view.id}`),
    refused: refusedOn({ reason: ids.DECLINE_REASON_BLOCK }),
  }));

  // One click, one transition; a second click gets "already cancelled" from the compare-and-swap.
  const transition = (
    name: "cancel" | "mark_held" | "mark_not_held",
    run: (userId: string, requestId: string, key: string) => Promise<Result<SessionRequest>>,
  ) =>
    oneClickChange(ctx, name, run, async (request, { body }, target) => {
      const { locale } = target;
      // Cancel is pressed in an ephemeral message (/sparring status) that nothing else updates,
      // and the canceller gets no DM: confirm it there. (Held/not held: the DM is updated in place.)
      if (name === "cancel" && target.respond) {
        // Named like every cancel message: who cancelled (the canceller's own role and name).
        const [actor, programme] = await Promise.all([ctx.service.whoIs(body.user.id), ctx.service.programme()]);
        const cancellation = actor ? { by: cancellerOf(request, actor.personId, actor.isLead), name: actor.name, reason: null } : null;
        await replyEphemeral(target, cancelledByNotice({ request, topics: [], locale, timezone: timezoneOf(programme) }, cancellation));
      }
    });
  app.action<BlockAction>(ids.CANCEL_REQUEST, transition("cancel", (u, r, k) => ctx.service.cancelRequest(u, r, {}, k)));
  app.action<BlockAction>(ids.MARK_HELD, transition("mark_held", (u, r, k) => ctx.service.markHeld(u, r, k)));
  app.action<BlockAction>(ids.MARK_NOT_HELD, transition("mark_not_held", (u, r, k) => ctx.service.markNotHeld(u, r, {}, k)));
}
