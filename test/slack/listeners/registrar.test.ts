import { describe, expect, it } from "vitest";
import type { ListenerContext } from "../../../src/slack/listeners/context.ts";
import { registerListeners } from "../../../src/slack/listeners/index.ts";
import { recordingRegistrar } from "../../../src/slack/listeners/registrar.ts";
import * as ids from "../../../src/slack/ids.ts";

/** Bolt's registration methods, recording what reaches them. */
function fakeBolt() {
  const calls: Array<[string, unknown]> = [];
  const method = (name: string) => (id: unknown) => void calls.push([name, id]);
  return {
    calls,
    bolt: { use: method("use"), action: method("action"), view: method("view"), options: method("options"), command: method("command"), event: method("event") } as never,
  };
}

describe("the registrar", () => {
  it("hands every registration to Bolt and lists its id as handled", () => {
    const { bolt, calls } = fakeBolt();
    const { registrar, handled } = recordingRegistrar(bolt);
    registrar.action("new_button", async () => undefined);
    registrar.view("new_modal", async () => undefined);
    registrar.options("new_search", async () => undefined);
    expect(calls).toEqual([["action", "new_button"], ["view", "new_modal"], ["options", "new_search"]]);
    expect([...handled.actions]).toEqual(["new_button"]);
    expect([...handled.views]).toEqual(["new_modal"]);
    expect([...handled.options]).toEqual(["new_search"]);
  });

  it("refuses an id it could not list (a pattern would be acked and dropped)", () => {
    const { registrar } = recordingRegistrar(fakeBolt().bolt);
    expect(() => registrar.action(/^open_/, async () => undefined)).toThrow(/by their id/);
  });

  it("lists exactly what the app's listeners register", () => {
    const { bolt, calls } = fakeBolt();
    const handled = registerListeners(bolt, {} as ListenerContext);
    const registered = (kind: string) => new Set(calls.filter(([name]) => name === kind).map(([, id]) => id));
    expect(handled.actions).toEqual(registered("action"));
    expect(handled.views).toEqual(registered("view"));
    expect(handled.options).toEqual(registered("options"));
    // The ids the app's messages and modals send today are all among them.
    for (const id of [ids.OPEN_BOOKING, ids.ACCEPT_REQUEST, ids.DECLINE_REQUEST, ids.CANCEL_REQUEST, ids.MARK_HELD, ids.MARK_NOT_HELD, ids.ERASE_PERSON]) {
      expect(handled.actions.has(id), id).toBe(true);
    }
    for (const id of [ids.BOOKING_MODAL, ids.ACCEPT_MODAL, ids.DECLINE_MODAL, ids.CORRECTION_MODAL]) expect(handled.views.has(id), id).toBe(true);
  });
});
