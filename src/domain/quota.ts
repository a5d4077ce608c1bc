import type { ProgrammeRules, Quota } from "./types.ts";

/** Units of one municipality by state; `assignedUsed` counts reserving requests with assigned partners. */
export interface QuotaCounts {
  held: number;
  scheduled: number;
  pending: number;
  assignedUsed: number;
}

export function buildQuota(
  municipalityKey: string,
  rules: Pick<ProgrammeRules, "quotaUnits" | "assignedQuotaUnits">,
  counts: QuotaCounts,
): Quota {
  const used = counts.held + counts.scheduled + counts.pending;
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
