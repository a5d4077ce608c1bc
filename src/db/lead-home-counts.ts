import type { Prisma } from "./client.ts";
import type { LeadHomeCounts } from "../domain/ports/leads.ts";
import type { ProgrammeRules } from "../domain/types.ts";
import { buildQuotaOverview } from "../reports/overview.ts";

/** The figures a lead's Home shows: the overview without its waiting list, and what is switched off. */
export async function leadHomeCounts(prisma: Prisma, programme: ProgrammeRules, now: Date): Promise<LeadHomeCounts> {
  const [overview, pausedPartners, inactiveMunicipalities] = await Promise.all([
    buildQuotaOverview(prisma, programme, now),
    prisma.partnerProfile.count({ where: { active: false, person: { erasedAt: null } } }),
    prisma.municipality.count({ where: { active: false } }),
  ]);
  return { overview, pausedPartners, inactiveMunicipalities };
}
