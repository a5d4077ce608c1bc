import type { Prisma } from "./client.ts";
import { unansweredHeldQuestions } from "./due-sessions.ts";
import type { LeadOverviewFigures } from "../domain/ports/leads.ts";
import type { ProgrammeRules } from "../domain/types.ts";
import { buildOverview, type OverviewOptions } from "../reports/overview.ts";

/** `/sparring übersicht` and the weekly digest: the overview and the held questions nobody answered. */
export async function leadOverview(prisma: Prisma, programme: ProgrammeRules, now: Date, options?: OverviewOptions): Promise<LeadOverviewFigures> {
  const [overview, unansweredHeld] = await Promise.all([buildOverview(prisma, programme, now, options), unansweredHeldQuestions(prisma, now)]);
  return { overview, unansweredHeld };
}
