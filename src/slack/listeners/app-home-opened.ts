import { safeError } from "../../logger.ts";
import type { App } from "@slack/bolt";
import { publishHome } from "../home.ts";
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
  app.event("app_home_opened", async ({ event, body, client }) => {
    if (event.tab !== "home") return;
    const eventId = (body as { event_id?: string }).event_id;
    if (eventId && !rememberEvent(eventId)) return;
    try {
      await publishHome(client, ctx.db.prisma, ctx.service, event.user, await ctx.localeOf(event.user), ctx.clock);
    } catch (error) {
      ctx.logger.error({ listener: "app_home_opened", err: safeError(error) }, "home publish failed");
    }
  });
}
