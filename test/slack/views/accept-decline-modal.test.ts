import { describe, expect, it } from "vitest";
import * as ids from "../../../src/slack/ids.ts";
import { acceptModal, proposedStart } from "../../../src/slack/views/accept-modal.ts";
import { declineModal } from "../../../src/slack/views/decline-modal.ts";
import { assertWithinSlackLimits } from "../../support/block-kit-limits.ts";
import { makeRequest, makeTopics, NOW, TZ } from "./fixtures.ts";

type Json = Record<string, any>;
const block = (view: Json, id: string): Json => view.blocks.find((b: Json) => b.block_id === id);

describe("acceptModal", () => {
  const request = makeRequest({ preferredFormat: "phone", question: "x".repeat(2000) + "<!channel>" });

  it("proposes a future date, the requested format and optional link and phone", () => {
    const view = acceptModal({ locale: "de", timezone: TZ, request, topics: makeTopics(3), now: NOW }) as Json;
    assertWithinSlackLimits(view);
    expect(view.callback_id).toBe(ids.ACCEPT_MODAL);
    expect(view.private_metadata).toBe(request.id);
    expect(view.title.text).toBe("Anfrage annehmen");
    const start = block(view, ids.ACCEPT_START_BLOCK).element;
    expect(start.type).toBe("datetimepicker");
    expect(start.action_id).toBe(ids.ACCEPT_START);
    expect(start.initial_date_time * 1000).toBeGreaterThan(NOW.getTime());
    expect(block(view, ids.ACCEPT_FORMAT_BLOCK).element.initial_option.value).toBe("phone");
    expect(block(view, ids.ACCEPT_LINK_BLOCK)).toMatchObject({ optional: true, element: { action_id: ids.ACCEPT_LINK } });
    expect(block(view, ids.ACCEPT_PHONE_BLOCK)).toMatchObject({ optional: true, element: { action_id: ids.ACCEPT_PHONE } });
    expect(JSON.stringify(view)).not.toContain("<!channel>");
  });

  it("speaks English", () => {
    const view = acceptModal({ locale: "en", timezone: TZ, request, topics: makeTopics(3), now: NOW }) as Json;
    assertWithinSlackLimits(view);
    expect(view.title.text).toBe("Accept request");
    expect(block(view, ids.ACCEPT_FORMAT_BLOCK).element.options[1].text.text).toBe("Video call");
  });

  it("proposes 10:00 tomorrow in the programme's zone", () => {
    expect(proposedStart(new Date("2026-12-06T23:30:00Z"), TZ).toISOString()).toBe("2026-12-08T09:00:00.000Z");
    expect(proposedStart(new Date("2026-07-01T12:00:00Z"), TZ).toISOString()).toBe("2026-07-02T08:00:00.000Z");
  });
});

describe("declineModal", () => {
  it("has an optional reason of at most 500 chars", () => {
    for (const locale of ["de", "en"] as const) {
      const view = declineModal({ locale, request: makeRequest(), topics: makeTopics(3) }) as Json;
      assertWithinSlackLimits(view);
      expect(view.callback_id).toBe(ids.DECLINE_MODAL);
      expect(view.private_metadata).toBe(makeRequest().id);
      expect(block(view, ids.DECLINE_REASON_BLOCK)).toMatchObject({ optional: true, element: { action_id: ids.DECLINE_REASON, max_length: 500 } });
      expect(view.title.text).toBe(locale === "de" ? "Anfrage ablehnen" : "Decline request");
    }
  });
});
