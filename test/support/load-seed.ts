/**
 * Many municipalities with one contact each, and many partners: the data of the load scenarios
 * (test/faults/notification-burst.test.ts and `npm run bench`), written in a few bulk statements.
 * Municipality `<prefix>-<i>` (a Kommune of `cohort`) has the contact `U<PREFIX>C<i>`; partner i is
 * `U<PREFIX>P<i>` and offers `online-events` by video.
 */
import type { Prisma } from "../../src/db/client.ts";

export const loadContact = (prefix: string, i: number): string => `U${prefix.toUpperCase()}C${i}`;
export const loadPartner = (prefix: string, i: number): string => `U${prefix.toUpperCase()}P${i}`;

export async function seedContacts(prisma: Prisma, prefix: string, count: number, cohort = "2020/21"): Promise<void> {
  await prisma.municipality.createMany({
    data: Array.from({ length: count }, (_, i) => ({ key: `${prefix.toLowerCase()}-${i}`, name: `Gemeinde ${prefix} ${i}`, kind: "Kommune" as const, cohort })),
  });
  await prisma.person.createMany({
    data: Array.from({ length: count }, (_, i) => ({ slackId: loadContact(prefix, i), name: `Kontakt ${i}`, contactOfKey: `${prefix.toLowerCase()}-${i}` })),
  });
}

/** Returns the partners' person ids, partner 0 first. */
export async function seedPartners(prisma: Prisma, prefix: string, count: number): Promise<string[]> {
  const slackIds = Array.from({ length: count }, (_, i) => loadPartner(prefix, i));
  await prisma.person.createMany({ data: slackIds.map((slackId, i) => ({ slackId, name: `Begleitung ${i}` })) });
  const byId = new Map((await prisma.person.findMany({ where: { slackId: { in: slackIds } } })).map((p) => [p.slackId, p.id]));
  const ids = slackIds.map((s) => byId.get(s)!);
  await prisma.partnerProfile.createMany({ data: ids.map((personId) => ({ personId, topics: ["online-events"], formats: ["video" as const] })) });
  return ids;
}
