import { safeError } from "../../logger.ts";
import type { App } from "@slack/bolt";
import { publishHomeInBackground } from "../home-publisher.ts";
import type { ListenerContext } from "./context.ts";

/** Slack resends events it thinks were lost; one publish per event_id is enough. */
const recentEvents = new Set<string>();
const rememberEvent = (id: string): boolean => {
  if (recentEvents.has(id)) return false;
  recentEvents.add(id);
  if (recentEvents.size > 1_000) recentEvents.delete(recentEvents.values().next().value as string);
  return true;
};

export function registerAppHomeOpened(app: App, ctx: ListenerContext): void {
  // Not Bolt's `client`: a 429 on views.publish would pause it for everyone's views.open (rate-limit.ts).
  app.event("app_home_opened", async ({ event, body }) => {
    if (event.tab !== "home") return;
    const eventId = (body as { event_id?: string }).event_id;
    if (eventId && !rememberEvent(eventId)) return;
    try {
      const deps = { client: ctx.background, prisma: ctx.db.prisma, service: ctx.service, clock: ctx.clock, logger: ctx.logger };
      await publishHomeInBackground(deps, event.user, await ctx.localeOf(event.user));
    } catch (error) {
      ctx.logger.error({ listener: "app_home_opened", err: safeError(error) }, "home publish failed");
    }
  });
}
