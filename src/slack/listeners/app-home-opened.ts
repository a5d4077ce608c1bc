import { safeError } from "../../logger.ts";
import type { App } from "@slack/bolt";
import { publishHome } from "../home.ts";
import type { ListenerContext } from "./context.ts";

/** Slack resends events it thinks were lost: receive-once.ts lets one delivery per event_id through. */
export function registerAppHomeOpened(app: App, ctx: ListenerContext): void {
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    try {
      await publishHome(client, ctx.db.prisma, ctx.service, event.user, await ctx.localeOf(event.user), ctx.clock);
    } catch (error) {
      ctx.logger.error({ listener: "app_home_opened", err: safeError(error) }, "home publish failed");
    }
  });
}
