import { describe, expect, it } from "vitest";
import * as ids from "../../../src/slack/ids.ts";
import { correctionModal, searchOptions } from "../../../src/slack/views/correction-modal.ts";
import { assertWithinSlackLimits } from "../../support/block-kit-limits.ts";
import { EVIL, makeRequest, makeTopics, TZ } from "./fixtures.ts";

describe("correction modal", () => {
  it("shows the request without its question, escaped names, the four actions and a required reason", () => {
    const request = makeRequest({ question: "GEHEIM", municipalityName: EVIL });
    const view = correctionModal({ locale: "de", timezone: TZ, request, topics: makeTopics(40) });
    assertWithinSlackLimits(view, "modal");
    const json = JSON.stringify(view);
    expect(json).not.toContain("GEHEIM");
    expect(json).toContain("&lt;!channel&gt;");
    expect(view.private_metadata).toBe(request.id);
    const action = view.blocks.find((b) => b.block_id === ids.CORRECTION_ACTION_BLOCK) as { element: { options: Array<{ value: string }> } };
    expect(action.element.options.map((o) => o.value)).toEqual(["cancel", "mark_held", "mark_not_held", "move"]);
    const reason = view.blocks.find((b) => b.block_id === ids.CORRECTION_REASON_BLOCK) as { optional?: boolean };
    expect(reason.optional).toBeUndefined();
  });

  it("in English", () => {
    const view = correctionModal({ locale: "en", timezone: TZ, request: makeRequest(), topics: makeTopics(3) });
    expect(view.title.text).toBe("Correction");
  });

  it("search options: case, accents and ß do not matter; at most 100", () => {
    const items = Array.from({ length: 300 }, (_, i) => ({ name: i === 7 ? "Großgründlach" : `Gemeinde ${i}` }));
    expect(searchOptions(items, "grossgrund", (m) => m.name, (m) => m.name).options.map((o) => o.value)).toEqual(["Großgründlach"]);
    expect(searchOptions(items, "großgründ", (m) => m.name, (m) => m.name).options.map((o) => o.value)).toEqual(["Großgründlach"]);
    expect(searchOptions(items, "grundlach", (m) => m.name, (m) => m.name).options.map((o) => o.value)).toEqual(["Großgründlach"]);
    expect(searchOptions(items, "", (m) => m.name, (m) => m.name).options).toHaveLength(100);
  });
});
