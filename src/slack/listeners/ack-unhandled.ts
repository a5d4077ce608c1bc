import type { AnyMiddlewareArgs, App } from "@slack/bolt";

/** The ids some listener answers; filled by the registrations (registrar.ts) and read per request. */
export interface Handled {
  actions: ReadonlySet<string>;
  views: ReadonlySet<string>;
  options: ReadonlySet<string>;
}

/**
 * A button from an old message, a view this version no longer handles, or a forged id would get
 * no ack from any listener, and Bolt answers 404 only after 3 seconds. Acked at once instead;
 * nothing else happens.
 */
export function ackUnhandled(app: Pick<App, "use">, handled: Handled): void {
  const { actions, views, options } = handled;
  app.use(async (args) => {
    const { body, next } = args as AnyMiddlewareArgs & { next: () => Promise<void> };
    const ack = (args as { ack?: (response?: unknown) => Promise<void> }).ack;
    const payload = body as { type?: string; actions?: Array<{ action_id?: string }>; view?: { callback_id?: string }; action_id?: string };
    const unhandled =
      (payload.type === "block_actions" && !(payload.actions ?? []).some((a) => a.action_id !== undefined && actions.has(a.action_id))) ||
      ((payload.type === "view_submission" || payload.type === "view_closed") && !views.has(payload.view?.callback_id ?? "")) ||
      (payload.type === "block_suggestion" && !options.has(payload.action_id ?? ""));
    if (unhandled && ack) {
      await ack(payload.type === "block_suggestion" ? { options: [] } : undefined);
      return;
    }
    await next();
  });
}
