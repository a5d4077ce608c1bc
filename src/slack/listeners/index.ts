import type { App } from "@slack/bolt";
import { ackUnhandled, type Handled } from "./ack-unhandled.ts";
import { adminSubcommands, registerAdmin, registerProgrammeUpload } from "./admin.ts";
import { registerAppHomeOpened } from "./app-home-opened.ts";
import { registerBooking } from "./booking.ts";
import { correctionSubcommands, registerCorrection } from "./correction.ts";
import type { ListenerContext } from "./context.ts";
import { recordingRegistrar } from "./registrar.ts";
import { leadSubcommands } from "./lead-commands.ts";
import { registerLeadHomeActions } from "./lead-home-actions.ts";
import { registerChart } from "./chart.ts";
import { registerFeedback } from "./feedback.ts";
import { registerPartnerProfile } from "./partner-profile.ts";
import { personalDataSubcommands, registerErasure, selfServiceWords } from "./personal-data-commands.ts";
import { registerRequestActions } from "./request-actions.ts";
import { registerRescheduleActions } from "./reschedule-actions.ts";
import { registerSparringCommand } from "./sparring-command.ts";

export type { ListenerContext } from "./context.ts";

/** Every listener; whatever none of them registered for is acked at once by ackUnhandled. */
export function registerListeners(bolt: Pick<App, "use" | "action" | "view" | "options" | "command" | "event">, ctx: ListenerContext): Handled {
  const { registrar: app, handled } = recordingRegistrar(bolt);
  ackUnhandled(bolt, handled);
  registerSparringCommand(app, ctx, new Map([...leadSubcommands, ...correctionSubcommands, ...adminSubcommands, ...personalDataSubcommands]), selfServiceWords);
  registerBooking(app, ctx);
  registerRequestActions(app, ctx);
  registerRescheduleActions(app, ctx);
  registerErasure(app, ctx);
  registerCorrection(app, ctx);
  registerAppHomeOpened(app, ctx);
  registerLeadHomeActions(app, ctx);
  registerAdmin(app, ctx);
  registerProgrammeUpload(app, ctx);
  registerPartnerProfile(app, ctx);
  registerFeedback(app, ctx);
  registerChart(app, ctx);
  return handled;
}
