import { describe, expect, it } from "vitest";
import * as ids from "../../../src/slack/ids.ts";
import { bookingModal, partnerSuggestions } from "../../../src/slack/views/booking-modal.ts";
import { refusalModal } from "../../../src/slack/views/refusal-modal.ts";
import { assertWithinSlackLimits } from "../../support/block-kit-limits.ts";
import { makePartners, makeQuota, makeTopics } from "./fixtures.ts";

type Json = Record<string, any>;
const inputBlock = (view: Json, blockId: string): Json => view.blocks.find((b: Json) => b.block_id === blockId);

describe("bookingModal", () => {
  const topics = makeTopics(3);
  const partners = makePartners(3);
  const base = { locale: "de" as const, topics, selectedTopics: ["online"], partners, quota: makeQuota() };

  it("shows units left, topics, partners, question, format and times in German", () => {
    const view = bookingModal(base) as Json;
    assertWithinSlackLimits(view);
    expect(view.callback_id).toBe(ids.BOOKING_MODAL);
    expect(view.title.text).toBe("Sparring anfragen");
    expect(inputBlock(view, ids.BOOKING_QUOTA_BLOCK).elements[0].text).toBe("Noch 9 von 12 Einheiten");
    const topicsBlock = inputBlock(view, ids.BOOKING_TOPICS_BLOCK);
    expect(topicsBlock.dispatch_action).toBe(true);
    expect(topicsBlock.element.type).toBe("multi_static_select");
    expect(topicsBlock.element.initial_options.map((o: Json) => o.value)).toEqual(["online"]);
    const partner = inputBlock(view, ids.BOOKING_PARTNER_BLOCK).element;
    expect(partner.type).toBe("static_select");
    expect(partner.action_id).toBe(ids.BOOKING_PARTNER);
    expect(partner.options[0].value).toBe(partners[0]!.personId);
    expect(partner.options[0].text.text).toMatch(/^Dr\. Partnerin 1 Mustermann-Langname – Institut/);
    const question = inputBlock(view, ids.BOOKING_QUESTION_BLOCK);
    expect(question.element).toMatchObject({ type: "plain_text_input", multiline: true, max_length: 2000 });
    expect(question.optional).toBeUndefined();
    expect(inputBlock(view, ids.BOOKING_FORMAT_BLOCK).element.options.map((o: Json) => o.value)).toEqual(["phone", "video"]);
    expect(inputBlock(view, ids.BOOKING_TIMES_BLOCK)).toMatchObject({ optional: true, element: { max_length: 500 } });
    expect(view).not.toHaveProperty("private_metadata");
  });

  it("speaks English and shows the sub-quota when the chosen partner is assigned", () => {
    const view = bookingModal({
      ...base,
      locale: "en",
      selectedPartnerId: partners[1]!.personId,
      selectedFormat: "phone",
      quota: makeQuota({ partnerAssigned: true }),
    }) as Json;
    assertWithinSlackLimits(view);
    expect(view.title.text).toBe("Request a session");
    expect(inputBlock(view, ids.BOOKING_QUOTA_BLOCK).elements[0].text).toBe(
      "9 of 12 sessions left; with already assigned facilitators 3 of 5 left",
    );
    expect(inputBlock(view, ids.BOOKING_PARTNER_BLOCK).element.initial_option.value).toBe(partners[1]!.personId);
    expect(inputBlock(view, ids.BOOKING_FORMAT_BLOCK).element.initial_option.value).toBe("phone");
  });

  it("mentions the 5 only with an assigned partner, in German", () => {
    const view = bookingModal({ ...base, quota: makeQuota({ partnerAssigned: true }) }) as Json;
    expect(inputBlock(view, ids.BOOKING_QUOTA_BLOCK).elements[0].text).toBe(
      "Noch 9 von 12 Einheiten; mit bereits zugeordneten Prozessbegleiterinnen und Prozessbegleitern noch 3 von 5",
    );
  });

  it("opens with the programme's theme, in German and English", () => {
    const de = bookingModal(base) as Json;
    expect(de.blocks[0].block_id).toBe(ids.BOOKING_THEME_BLOCK);
    expect(de.blocks[0].elements[0].text).toContain("Teilhabe von Menschen mit Migrationserfahrung am bürgerschaftlichen Engagement");
    const en = bookingModal({ ...base, locale: "en" }) as Json;
    expect(en.blocks[0].elements[0].text).toContain("participation of people with a migration background in civic engagement");
  });

  it("lists each partner with the formats offered, marks assigned ones, and names the chosen partner's formats", () => {
    const [first, second] = makePartners(2);
    const partners = [{ ...first!, formats: ["video" as const] }, { ...second!, formats: ["phone" as const, "video" as const] }];
    const view = bookingModal({ ...base, partners, assignedIds: [second!.personId], selectedPartnerId: first!.personId }) as Json;
    assertWithinSlackLimits(view);
    const options = inputBlock(view, ids.BOOKING_PARTNER_BLOCK).element.options.map((o: Json) => o.text.text);
    expect(options[0]).toMatch(/ \(Videokonferenz\)$/);
    expect(options[1]).toMatch(/ \(Telefon, Videokonferenz\) · zugeordnet$/);
    const formats = view.blocks.find((b: Json) => b.block_id === ids.BOOKING_PARTNER_FORMATS_BLOCK);
    expect(formats.elements[0].text).toBe(`${first!.name} bietet an: Videokonferenz`);
  });

  it("stays within limits with 40 topics and 200 partners, switching to an external select", () => {
    const many = makePartners(200);
    const view = bookingModal({ ...base, topics: makeTopics(40), selectedTopics: ["topic-39"], partners: many, selectedPartnerId: many[150]!.personId }) as Json;
    assertWithinSlackLimits(view);
    const partner = inputBlock(view, ids.BOOKING_PARTNER_BLOCK).element;
    expect(partner.type).toBe("external_select");
    expect(partner.min_query_length).toBe(0);
    expect(partner.initial_option.value).toBe(many[150]!.personId);
    expect(inputBlock(view, ids.BOOKING_TOPICS_BLOCK).element.options).toHaveLength(40);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  it("keeps the static select up to exactly 100 partners", () => {
    const view = bookingModal({ ...base, partners: makePartners(100) }) as Json;
    assertWithinSlackLimits(view);
    expect(inputBlock(view, ids.BOOKING_PARTNER_BLOCK).element.type).toBe("static_select");
  });

  it("cuts more than 100 topics but keeps the selected ones", () => {
    const view = bookingModal({ ...base, topics: makeTopics(130), selectedTopics: ["topic-120"] }) as Json;
    assertWithinSlackLimits(view);
    expect(inputBlock(view, ids.BOOKING_TOPICS_BLOCK).element.initial_options[0].value).toBe("topic-120");
  });

  it("says so when no partner offers the topics", () => {
    const view = bookingModal({ ...base, partners: [] }) as Json;
    assertWithinSlackLimits(view);
    expect(inputBlock(view, ids.BOOKING_PARTNER_BLOCK)).toBeUndefined();
    expect(JSON.stringify(view)).toContain("keine Sparring-Partner/-innen");
  });

  it("offers a refusal-only modal", () => {
    const view = refusalModal({ locale: "de", refusal: { ok: false, code: "quota_exhausted", used: 12, limit: 12 } }) as Json;
    assertWithinSlackLimits(view);
    expect(view.callback_id).toBe(ids.REFUSAL_MODAL);
    expect(view.submit).toBeUndefined();
    expect(view.blocks[0].block_id).toBe(ids.REFUSAL_BLOCK);
    expect(view.blocks[0].text.text).toContain("12 von 12");
  });

  it("the same modal for a lead's Home action: titled as an action, a missing role said as such", () => {
    const forbidden = refusalModal({ locale: "en", refusal: { ok: false, code: "forbidden", action: "move" }, of: "leadAction" }) as Json;
    assertWithinSlackLimits(forbidden);
    expect(forbidden.callback_id).toBe(ids.REFUSAL_MODAL);
    expect(forbidden.title.text).toBe("Not possible");
    expect(forbidden.blocks[0].text.text).toBe(":warning: Only the programme lead can do this.");
    const unknown = refusalModal({ locale: "de", refusal: { ok: false, code: "municipality_unknown" }, of: "leadAction" }) as Json;
    expect(unknown.blocks[0].text.text).toBe(":warning: Diese Kommune ist nicht bekannt.");
    expect(refusalModal({ locale: "de", refusal: { ok: false, code: "forbidden", action: "move" } }).blocks[0]).toMatchObject({ text: { text: expect.stringContaining("nicht berechtigt") } });
  });
});

describe("partnerSuggestions", () => {
  it("filters by name or organisation, at most 100", () => {
    const partners = makePartners(200);
    expect(partnerSuggestions(partners, "").options).toHaveLength(100);
    expect(partnerSuggestions(partners, "Partnerin 150 ").options.map((o) => o.value)).toEqual([partners[149]!.personId]);
    expect(partnerSuggestions(partners, "nummer 7 ggmbh").options).toHaveLength(1);
    assertWithinSlackLimits([{ type: "actions", elements: [{ type: "static_select", action_id: "x", options: partnerSuggestions(partners, "").options }] }]);
  });
});
