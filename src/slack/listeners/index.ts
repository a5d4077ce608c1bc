import type { App } from "@slack/bolt";
import { registerAppHomeOpened } from "./app-home-opened.ts";
import { registerBooking } from "./booking.ts";
import type { ListenerContext } from "./context.ts";
import { leadSubcommands } from "./lead-commands.ts";
import { registerLeadHomeActions } from "./lead-home-actions.ts";
import { personalDataSubcommands, registerErasure } from "./personal-data-commands.ts";
import { registerRequestActions } from "./request-actions.ts";
import { registerSparringCommand } from "./sparring-command.ts";

export type { ListenerContext } from "./context.ts";

export function registerListeners(app: App, ctx: ListenerContext): void {
  registerSparringCommand(app, ctx, new Map([...leadSubcommands, ...personalDataSubcommands]));
  registerBooking(app, ctx);
  registerRequestActions(app, ctx);
  registerErasure(app, ctx);
  registerAppHomeOpened(app, ctx);
  registerLeadHomeActions(app, ctx);
}
