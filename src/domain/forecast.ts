import { periodBounds } from "./period.ts";
import type { ProgrammeRules } from "./types.ts";

export interface ForecastInput {
  key: string;
  name: string;
  /** Units reserved so far (requested + scheduled + held). */
  used: number;
}

export interface MunicipalityForecast extends ForecastInput {
  /** Units likely used by the end of the period at the rate so far, capped at the quota. */
  expected: number;
  funded: number;
}

export interface Forecast {
  /** Share of the period gone by (0…1). */
  elapsed: number;
  byMunicipality: MunicipalityForecast[];
  total: { used: number; expected: number; funded: number };
}

/**
 * Units likely used by the programme end if each municipality keeps its rate so far: used divided
 * by the share of the period gone by, never more than its quota. Before the period starts nothing
 * is projected; after it ends the forecast is what was used. Funded: the quota of each municipality
 * that may book (the ones given here), as the funder pays per municipality.
 */
export function forecastUsage(
  rules: Pick<ProgrammeRules, "periodStart" | "periodEnd" | "timezone" | "quotaUnits">,
  municipalities: ForecastInput[],
  now: Date,
): Forecast {
  const { start, end } = periodBounds(rules);
  const span = end.getTime() - start.getTime();
  const elapsed = span <= 0 ? 1 : Math.min(1, Math.max(0, (now.getTime() - start.getTime()) / span));
  const byMunicipality = municipalities.map((m) => ({
    ...m,
    expected: elapsed === 0 ? m.used : Math.min(rules.quotaUnits, Math.max(m.used, Math.round(m.used / elapsed))),
    funded: rules.quotaUnits,
  }));
  const sum = (pick: (m: MunicipalityForecast) => number) => byMunicipality.reduce((t, m) => t + pick(m), 0);
  return { elapsed, byMunicipality, total: { used: sum((m) => m.used), expected: sum((m) => m.expected), funded: sum((m) => m.funded) } };
}
