import type { App } from "@slack/bolt";
import type { Handled } from "./ack-unhandled.ts";

/**
 * What listeners register through: Bolt's own methods, with every action, view and options id
 * written down as it is registered. ack-unhandled.ts acks at once whatever is not in these lists,
 * so the lists come from the registrations themselves: a new listener cannot be forgotten there
 * and silently acked and dropped.
 */
export type Registrar = Pick<App, "action" | "view" | "options" | "command" | "event">;

export interface RecordingRegistrar {
  registrar: Registrar;
  /** The ids registered so far (live: read at request time). */
  handled: Handled;
}

type Target = Pick<App, "action" | "view" | "options" | "command" | "event">;

export function recordingRegistrar(app: Target): RecordingRegistrar {
  const actions = new Set<string>();
  const views = new Set<string>();
  const options = new Set<string>();
  const record = (kind: string, into: Set<string>, id: unknown) => {
    // A pattern or constraint object could not be listed: every listener here names its id.
    if (typeof id !== "string") throw new TypeError(`${kind} listeners are registered by their id, not ${typeof id}`);
    into.add(id);
  };
  const registrar: Registrar = {
    action: ((id: unknown, ...listeners: unknown[]) => {
      record("action", actions, id);
      return (app.action as (...args: unknown[]) => void)(id, ...listeners);
    }) as App["action"],
    view: ((id: unknown, ...listeners: unknown[]) => {
      record("view", views, id);
      return (app.view as (...args: unknown[]) => void)(id, ...listeners);
    }) as App["view"],
    options: ((id: unknown, ...listeners: unknown[]) => {
      record("options", options, id);
      return (app.options as (...args: unknown[]) => void)(id, ...listeners);
    }) as App["options"],
    command: app.command.bind(app),
    event: app.event.bind(app),
  };
  return { registrar, handled: { actions, views, options } };
}
