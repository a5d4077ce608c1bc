import type { Locale } from "../domain/types.ts";

/**
 * Texts of the leads' insights (forecast, feedback, nudges, charts), German and English. Kept apart
 * from de.ts / en.ts so each feature's texts sit together; `insights(locale)` picks the language.
 */
const deTexts = {
  forecast: {
    header: "Prognose bis Programmende (beim bisherigen Tempo)",
    total: (expected: number, funded: number, used: number) =>
      `Voraussichtlich genutzt: *${expected}* von ${funded} geförderten Einheiten (bisher ${used})`,
    line: (name: string, used: number, expected: number, funded: number) => `${name}: ${used} → ${expected} von ${funded}`,
  },
};

export type InsightTexts = typeof deTexts;

const enTexts: InsightTexts = {
  forecast: {
    header: "Forecast to the programme end (at the rate so far)",
    total: (expected, funded, used) => `Likely used: *${expected}* of ${funded} funded units (so far ${used})`,
    line: (name, used, expected, funded) => `${name}: ${used} → ${expected} of ${funded}`,
  },
};

export function insights(locale: Locale): InsightTexts {
  return locale === "en" ? enTexts : deTexts;
}
