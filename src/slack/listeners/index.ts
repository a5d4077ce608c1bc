import type { App } from "@slack/bolt";
import * as ids from "../ids.ts";
import { ackUnhandled } from "./ack-unhandled.ts";
import { registerAppHomeOpened } from "./app-home-opened.ts";
import { registerBooking } from "./booking.ts";
import { correctionSubcommands, registerCorrection } from "./correction.ts";
import type { ListenerContext } from "./context.ts";
import { leadSubcommands } from "./lead-commands.ts";
import { registerLeadHomeActions } from "./lead-home-actions.ts";
import { registerFeedback } from "./feedback.ts";
import { personalDataSubcommands, registerErasure, selfServiceWords } from "./personal-data-commands.ts";
import { registerRequestActions } from "./request-actions.ts";
import { registerRescheduleActions, rescheduleActionIds, rescheduleViewIds } from "./reschedule-actions.ts";
import { registerSparringCommand } from "./sparring-command.ts";

export type { ListenerContext } from "./context.ts";

/** What the listeners below answer; anything else is acked at once by ackUnhandled. */
const handled = {
  actions: [
    ids.OPEN_BOOKING, ids.BOOKING_TOPICS, ids.BOOKING_PARTNER, ids.ACCEPT_REQUEST, ids.DECLINE_REQUEST, ids.CANCEL_REQUEST,
    ids.MARK_HELD, ids.MARK_NOT_HELD, ids.ERASE_PERSON, ids.LEAD_PARTNER_TOGGLE, ids.LEAD_MUNICIPALITY_TOGGLE,
    ids.FEEDBACK_OPEN,
    ...rescheduleActionIds,
  ],
  views: [ids.BOOKING_MODAL, ids.ACCEPT_MODAL, ids.DECLINE_MODAL, ids.CORRECTION_MODAL, ids.FEEDBACK_MODAL, ...rescheduleViewIds],
  options: [ids.BOOKING_PARTNER, ids.LEAD_PARTNER_TOGGLE, ids.LEAD_MUNICIPALITY_TOGGLE, ids.CORRECTION_MUNICIPALITY, ids.CORRECTION_PARTNER],
};

export function registerListeners(app: App, ctx: ListenerContext): void {
  ackUnhandled(app, handled);
  registerSparringCommand(app, ctx, new Map([...leadSubcommands, ...correctionSubcommands, ...personalDataSubcommands]), selfServiceWords);
  registerBooking(app, ctx);
  registerRequestActions(app, ctx);
  registerRescheduleActions(app, ctx);
  registerErasure(app, ctx);
  registerCorrection(app, ctx);
  registerAppHomeOpened(app, ctx);
  registerLeadHomeActions(app, ctx);
  registerFeedback(app, ctx);
}
