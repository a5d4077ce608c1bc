import { safeError } from "../../logger.ts";
import { publishHomeInBackground } from "../home-publisher.ts";
import type { ListenerContext } from "./context.ts";
import type { Registrar } from "./registrar.ts";

/** Slack resends events it thinks were lost: receive-once.ts lets one delivery per event_id through. */
export function registerAppHomeOpened(app: Registrar, ctx: ListenerContext): void {
  // Not Bolt's `client`: a 429 on views.publish would pause it for everyone's views.open (rate-limit.ts).
  app.event("app_home_opened", async ({ event }) => {
    if (event.tab !== "home") return;
    try {
      const deps = { client: ctx.background, deliveries: ctx.deliveries, service: ctx.service, clock: ctx.clock, logger: ctx.logger };
      await publishHomeInBackground(deps, event.user, await ctx.localeOf(event.user));
    } catch (error) {
      ctx.logger.error({ listener: "app_home_opened", err: safeError(error) }, "home publish failed");
    }
  });
}
