import type { Prisma } from "./client.ts";

/** Every partner, erased or not: an accounting export may name any of them. */
export async function accountingExportNames(prisma: Prisma): Promise<string[]> {
  const rows = await prisma.partnerProfile.findMany({ select: { personId: true } });
  return rows.map((r) => r.personId);
}
