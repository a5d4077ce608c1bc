import type { App } from "@slack/bolt";
import * as ids from "../ids.ts";
import { ackUnhandled } from "./ack-unhandled.ts";
import { adminFormActions, adminSubcommands, registerAdmin } from "./admin.ts";
import { registerAppHomeOpened } from "./app-home-opened.ts";
import { registerBooking } from "./booking.ts";
import { correctionSubcommands, registerCorrection } from "./correction.ts";
import type { ListenerContext } from "./context.ts";
import { leadSubcommands } from "./lead-commands.ts";
import { registerLeadHomeActions } from "./lead-home-actions.ts";
import { registerFeedback } from "./feedback.ts";
import { personalDataSubcommands, registerErasure, selfServiceWords } from "./personal-data-commands.ts";
import { registerRequestActions } from "./request-actions.ts";
import { registerSparringCommand } from "./sparring-command.ts";

export type { ListenerContext } from "./context.ts";

/** What the listeners below answer; anything else is acked at once by ackUnhandled. */
const handled = {
  actions: [
    ids.OPEN_BOOKING, ids.BOOKING_TOPICS, ids.BOOKING_PARTNER, ids.ACCEPT_REQUEST, ids.DECLINE_REQUEST, ids.CANCEL_REQUEST,
    ids.MARK_HELD, ids.MARK_NOT_HELD, ids.ERASE_PERSON, ids.LEAD_PARTNER_TOGGLE, ids.LEAD_MUNICIPALITY_TOGGLE,
    ...adminFormActions, ids.ADMIN_DOWNLOAD, ids.FEEDBACK_OPEN,
  ],
  views: [ids.BOOKING_MODAL, ids.ACCEPT_MODAL, ids.DECLINE_MODAL, ids.CORRECTION_MODAL, ids.ADMIN_MODAL, ids.FEEDBACK_MODAL],
  options: [ids.BOOKING_PARTNER, ids.LEAD_PARTNER_TOGGLE, ids.LEAD_MUNICIPALITY_TOGGLE, ids.CORRECTION_MUNICIPALITY, ids.CORRECTION_PARTNER, ids.ADMIN_MUNICIPALITY],
};

export function registerListeners(app: App, ctx: ListenerContext): void {
  ackUnhandled(app, handled);
  registerSparringCommand(app, ctx, new Map([...leadSubcommands, ...correctionSubcommands, ...adminSubcommands, ...personalDataSubcommands]), selfServiceWords);
  registerBooking(app, ctx);
  registerRequestActions(app, ctx);
  registerErasure(app, ctx);
  registerCorrection(app, ctx);
  registerAppHomeOpened(app, ctx);
  registerLeadHomeActions(app, ctx);
  registerAdmin(app, ctx);
  registerFeedback(app, ctx);
}
