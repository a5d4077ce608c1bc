import { refuse, type Refusal } from "./refusals.ts";
import type { Municipality, MunicipalityKind, ProgrammeRules } from "./types.ts";

type Rules = Pick<ProgrammeRules, "cohorts" | "cohortKinds">;

/**
 * Whether a municipality's round and kind may book. The announcement admits "alle Kommunen und
 * Landkreise aus dem Projekt 2018/2019 und die Kommunen im jetzigen Projekt 2020/2021": a round
 * alone is not enough, its kinds count too. Every place that decides eligibility asks this.
 */
function ineligibility(rules: Rules, municipality: Pick<Municipality, "kind" | "cohort">): { round: true } | { admitted: MunicipalityKind[] } | null {
  if (!rules.cohorts.includes(municipality.cohort)) return { round: true };
  const kinds = rules.cohortKinds[municipality.cohort];
  // A round without an entry admits every kind (programme files written before kinds existed).
  return kinds && !kinds.includes(municipality.kind) ? { admitted: kinds } : null;
}

/** The refusal for a municipality that may not book, naming it; null when it may. */
export function checkEligibility(rules: Rules, municipality: Pick<Municipality, "name" | "kind" | "cohort">): Refusal | null {
  const { name, cohort, kind } = municipality;
  const why = ineligibility(rules, municipality);
  if (!why) return null;
  return "round" in why ? refuse("not_eligible", { municipality: name, cohort }) : refuse("kind_not_eligible", { municipality: name, cohort, kind, admitted: why.admitted });
}

export function isEligible(rules: Rules, municipality: Pick<Municipality, "kind" | "cohort">): boolean {
  return ineligibility(rules, municipality) === null;
}
