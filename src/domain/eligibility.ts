import { refuse, type Refusal } from "./refusals.ts";
import type { Municipality, ProgrammeRules } from "./types.ts";

type Rules = Pick<ProgrammeRules, "cohorts" | "cohortKinds">;

/**
 * Whether a municipality's round and kind may book. The announcement admits "alle Kommunen und
 * Landkreise aus dem Projekt 2018/2019 und die Kommunen im jetzigen Projekt 2020/2021": a round
 * alone is not enough, its kinds count too. Every place that decides eligibility asks this.
 */
export function checkEligibility(rules: Rules, municipality: Pick<Municipality, "key" | "kind" | "cohort">): Refusal | null {
  if (!rules.cohorts.includes(municipality.cohort)) {
    return refuse("not_eligible", { municipality: municipality.key, cohort: municipality.cohort });
  }
  const kinds = rules.cohortKinds[municipality.cohort];
  // A round without an entry admits every kind (programme files written before kinds existed).
  if (kinds && !kinds.includes(municipality.kind)) {
    return refuse("kind_not_eligible", { municipality: municipality.key, cohort: municipality.cohort, kind: municipality.kind, admitted: kinds });
  }
  return null;
}

export function isEligible(rules: Rules, municipality: Pick<Municipality, "key" | "kind" | "cohort">): boolean {
  return checkEligibility(rules, municipality) === null;
}
