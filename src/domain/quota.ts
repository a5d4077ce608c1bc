import type { ProgrammeRules, Quota, ReservingState } from "./types.ts";

/**
 * Units by the state that reserves them: the one count of quota use, for a municipality's quota,
 * the lead's overview and the reports alike.
 */
export interface UnitCounts {
  held: number;
  scheduled: number;
  /** Requested, not yet answered. */
  pending: number;
}

/** Which count each reserving state adds to. */
export const unitCountOf: Readonly<Record<ReservingState, keyof UnitCounts>> = {
  requested: "pending",
  scheduled: "scheduled",
  held: "held",
};

/** Units held against the quota: every reserving state. */
export const unitsUsed = (counts: UnitCounts): number => counts.held + counts.scheduled + counts.pending;

/**
 * A municipality's quota from its counts; `assignedUsed` counts reserving units with partners
 * assigned to it (the sub-quota).
 */
export function buildQuota(
  municipalityKey: string,
  rules: Pick<ProgrammeRules, "quotaUnits" | "assignedQuotaUnits">,
  counts: UnitCounts & { assignedUsed: number },
): Quota {
  const used = unitsUsed(counts);
  return {
    municipalityKey,
    limit: rules.quotaUnits,
    used,
    held: counts.held,
    scheduled: counts.scheduled,
    pending: counts.pending,
    remaining: Math.max(0, rules.quotaUnits - used),
    assignedLimit: rules.assignedQuotaUnits,
    assignedUsed: counts.assignedUsed,
    // The sub-quota is part of the quota: it can never offer more than the quota has left.
    assignedRemaining: Math.max(0, Math.min(rules.assignedQuotaUnits - counts.assignedUsed, rules.quotaUnits - used)),
  };
}
