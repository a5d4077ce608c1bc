import type { Prisma } from "./client.ts";

/**
 * Every partner, erased or not: an accounting export may name any of them. And everyone whose
 * feedback comment feedback.csv carries: erasing them deletes the files too.
 */
export async function accountingExportNames(prisma: Prisma): Promise<string[]> {
  const [partners, commenters] = await Promise.all([
    prisma.partnerProfile.findMany({ select: { personId: true } }),
    prisma.sessionFeedback.findMany({ where: { comment: { not: null } }, select: { personId: true }, distinct: ["personId"] }),
  ]);
  return [...new Set([...partners.map((r) => r.personId), ...commenters.map((r) => r.personId)])];
}
