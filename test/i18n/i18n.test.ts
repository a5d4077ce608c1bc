import { describe, expect, it } from "vitest";
import type { Refusal, RefusalCode } from "../../src/domain/refusals.ts";
import { de } from "../../src/i18n/de.ts";
import { en } from "../../src/i18n/en.ts";
import { describeRefusal, formatDate, formatDateTime, localeFromSlack, messages, slackDate, slackDateTime } from "../../src/i18n/index.ts";
import { START, TZ } from "../slack/views/fixtures.ts";

/** One sample per code; the mapped type makes a new code a compile error here too. */
const samples: { [C in RefusalCode]: Extract<Refusal, { code: C }> } = {
  unknown_person: { ok: false, code: "unknown_person" },
  not_a_contact: { ok: false, code: "not_a_contact" },
  forbidden: { ok: false, code: "forbidden", action: "accept" },
  municipality_inactive: { ok: false, code: "municipality_inactive", municipality: "Musterstadt" },
  not_eligible: { ok: false, code: "not_eligible", municipality: "Musterstadt", cohort: "2022/23" },
  kind_not_eligible: { ok: false, code: "kind_not_eligible", municipality: "Landkreis Hügelland", cohort: "2020/21", kind: "Landkreis", admitted: ["Kommune"] },
  format_not_offered: { ok: false, code: "format_not_offered", partner: "Tobias Brückner", format: "phone", offered: ["video"] },
  programme_not_started: { ok: false, code: "programme_not_started", start: "2019-03-01" },
  programme_ended: { ok: false, code: "programme_ended", end: "2021-12-31" },
  partner_unknown: { ok: false, code: "partner_unknown" },
  partner_inactive: { ok: false, code: "partner_inactive", partner: "Max Partner" },
  no_topic: { ok: false, code: "no_topic" },
  too_late_to_change: { ok: false, code: "too_late_to_change" },
  proposal_not_current: { ok: false, code: "proposal_not_current" },
  topic_unknown: { ok: false, code: "topic_unknown", topic: "Astrologie" },
  topic_retired: { ok: false, code: "topic_retired", topic: { key: "old", labelDe: "Alt", labelEn: "" } },
  topic_not_offered: { ok: false, code: "topic_not_offered", topic: { key: "surveys", labelDe: "Umfragen", labelEn: "Surveys" } },
  units_invalid: { ok: false, code: "units_invalid", max: 2 },
  quota_exhausted: { ok: false, code: "quota_exhausted", used: 12, limit: 12 },
  assigned_quota_exhausted: { ok: false, code: "assigned_quota_exhausted", used: 5, limit: 5 },
  request_not_found: { ok: false, code: "request_not_found" },
  illegal_transition: { ok: false, code: "illegal_transition", from: "cancelled", action: "accept" },
  start_in_past: { ok: false, code: "start_in_past" },
  start_outside_period: { ok: false, code: "start_outside_period", start: "2019-03-01", end: "2021-12-31" },
  session_not_started: { ok: false, code: "session_not_started" },
  session_already_started: { ok: false, code: "session_already_started" },
  meeting_details_missing: { ok: false, code: "meeting_details_missing", format: "video" },
  municipality_unknown: { ok: false, code: "municipality_unknown" },
  invalid_input: { ok: false, code: "invalid_input", field: "question" },
};

/** What each described refusal must mention (numbers, names, dates), per locale. */
const mentions: Partial<Record<RefusalCode, { de: string[]; en: string[] }>> = {
  quota_exhausted: { de: ["12 von 12 Einheiten"], en: ["12 of 12 sessions"] },
  assigned_quota_exhausted: {
    de: ["5 von 5 Einheiten mit bereits zugeordneten Prozessbegleiterinnen und Prozessbegleitern"],
    en: ["5 of 5 sessions with facilitators already assigned"],
  },
  programme_ended: { de: ["31.12.2021"], en: ["31 Dec 2021"] },
  programme_not_started: { de: ["01.03.2019"], en: ["1 Mar 2019"] },
  start_outside_period: { de: ["01.03.2019", "31.12.2021"], en: ["1 Mar 2019", "31 Dec 2021"] },
  units_invalid: { de: ["2 Einheiten"], en: ["2 sessions"] },
  not_eligible: { de: ["Musterstadt", "2022/23"], en: ["Musterstadt", "2022/23"] },
  partner_inactive: { de: ["Max Partner"], en: ["Max Partner"] },
  kind_not_eligible: {
    de: ["Landkreise der Projektrunde 2020/21 können keine Sparring-Einheiten buchen", "nur Kommunen berechtigt", "Landkreis Hügelland"],
    en: ["Districts (Landkreise) of project round 2020/21 cannot book", "only municipalities (Kommunen) are eligible", "Landkreis Hügelland"],
  },
  format_not_offered: {
    de: ["Tobias Brückner bietet kein Sparring per Telefon an, nur per Videokonferenz"],
    en: ["Tobias Brückner does not offer sessions by phone, only by video call"],
  },
  illegal_transition: { de: ["Diese Anfrage ist bereits storniert und kann nicht mehr angenommen werden."], en: ["This request is already cancelled and can no longer be accepted."] },
  forbidden: { de: ["anzunehmen"], en: ["accept this request"] },
  invalid_input: { de: ["Ihr Anliegen"], en: ["Your question"] },
  topic_unknown: { de: ["Astrologie"], en: ["Astrologie"] },
  // The label in the reader's language; German where the programme file has no English one.
  topic_not_offered: { de: ["„Umfragen“"], en: ["Surveys"] },
  topic_retired: { de: ["„Alt“"], en: ["Alt"] },
};

describe("describeRefusal", () => {
  for (const locale of ["de", "en"] as const) {
    for (const refusal of Object.values(samples)) {
      it(`describes ${refusal.code} in ${locale} with its details`, () => {
        const text = describeRefusal(refusal, locale);
        expect(text.trim().length).toBeGreaterThan(10);
        for (const expected of mentions[refusal.code]?.[locale] ?? []) expect(text).toContain(expected);
      });
    }
  }

  it("says the quota sentence of the product brief word for word", () => {
    expect(describeRefusal(samples.quota_exhausted, "de")).toBe("Ihre Kommune hat bereits 12 von 12 Einheiten genutzt oder reserviert.");
  });

  it("gives German and English texts that differ", () => {
    for (const refusal of Object.values(samples)) {
      expect(describeRefusal(refusal, "de")).not.toBe(describeRefusal(refusal, "en"));
    }
  });

  it("asks for a phone number when a phone session lacks one", () => {
    expect(describeRefusal({ ok: false, code: "meeting_details_missing", format: "phone" }, "de")).toContain("Telefonnummer");
  });
});

describe("locale and formatting", () => {
  it("maps English Slack locales to en and everything else to de", () => {
    expect(localeFromSlack("en-US")).toBe("en");
    expect(localeFromSlack("en-GB")).toBe("en");
    expect(localeFromSlack("de-DE")).toBe("de");
    expect(localeFromSlack("fr-FR")).toBe("de");
    expect(localeFromSlack(undefined)).toBe("de");
    expect(localeFromSlack("")).toBe("de");
  });

  it("formats dates in the programme time zone", () => {
    expect(formatDateTime(START, TZ, "de")).toBe("Mo., 07.12.2026, 10:00 Uhr");
    expect(formatDateTime(START, TZ, "en")).toBe("Mon, 7 Dec 2026, 10:00");
    expect(formatDate(START, TZ, "de")).toBe("Mo., 07.12.2026");
    expect(formatDate(START, TZ, "en")).toBe("Mon, 7 Dec 2026");
    expect(formatDateTime(new Date("2026-07-06T08:00:00Z"), TZ, "de")).toBe("Mo., 06.07.2026, 10:00 Uhr");
  });

  it("writes dates for Slack as date tokens with the weekday and date in the programme's zone as fallback", () => {
    const monday = new Date("2026-06-22T08:00:00Z"); // 10:00 in Berlin (summer time)
    const seconds = monday.getTime() / 1000;
    expect(slackDateTime(monday, TZ, "de")).toBe(`<!date^${seconds}^{date_long_pretty} {time}|Mo., 22.06.2026, 10:00 Uhr>`);
    expect(slackDateTime(monday, TZ, "en")).toBe(`<!date^${seconds}^{date_long_pretty} {time}|Mon, 22 Jun 2026, 10:00>`);
    expect(slackDateTime(monday, TZ, "de", { pretty: false })).toBe(`<!date^${seconds}^{date_long} {time}|Mo., 22.06.2026, 10:00 Uhr>`);
    expect(slackDate(monday, TZ, "de")).toBe(`<!date^${seconds}^{date_short}|Mo., 22.06.2026>`);
    // Late in the evening in Berlin is already the next day in UTC: the fallback follows the programme's zone.
    expect(slackDateTime(new Date("2026-06-21T22:30:00Z"), TZ, "de")).toMatch(/\|Mo\., 22\.06\.2026, 00:30 Uhr>$/);
  });

  it("names every state in both languages", () => {
    expect(Object.values(messages("de").states)).toEqual(["Angefragt", "Vereinbart", "Durchgeführt", "Abgelehnt", "Storniert", "Abgelaufen"]);
    expect(Object.keys(en.states)).toEqual(Object.keys(de.states));
  });

  it("has an English text for every German key", () => {
    const keys = (o: object, prefix = ""): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(en).sort()).toEqual(keys(de).sort());
  });
});
