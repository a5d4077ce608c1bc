import type { Prisma } from "./client.ts";

/** Slack ids of the active contacts of a municipality (whose Home shows its requests). */
export async function contactSlackIds(prisma: Prisma, municipalityKey: string): Promise<string[]> {
  return (await contactsOf(prisma, municipalityKey)).map((c) => c.slackId);
}

/** The active contacts of a municipality with a Slack id, as person id and Slack id. */
export async function contactsOf(prisma: Prisma, municipalityKey: string): Promise<Array<{ personId: string; slackId: string }>> {
  const people = await prisma.person.findMany({
    where: { contactOfKey: municipalityKey, active: true, slackId: { not: null } },
    select: { id: true, slackId: true },
  });
  return people.flatMap((p) => (p.slackId ? [{ personId: p.id, slackId: p.slackId }] : []));
}

/** The municipality a person is a contact of, if any (to tell whether a requester still speaks for a request). */
export async function contactOfPerson(prisma: Prisma, personId: string): Promise<string | null> {
  const person = await prisma.person.findUnique({ where: { id: personId }, select: { contactOfKey: true } });
  return person?.contactOfKey ?? null;
}

export async function storedLocale(prisma: Prisma, slackId: string): Promise<string | null> {
  const person = await prisma.person.findUnique({ where: { slackId }, select: { locale: true } });
  return person?.locale ?? null;
}

/** Where the app posted a request's DM (to update it in place later). */
export async function findSlackMessage(prisma: Prisma, requestId: string, purpose: string): Promise<{ channel: string; ts: string } | null> {
  return prisma.slackMessage.findUnique({ where: { requestId_purpose: { requestId, purpose } }, select: { channel: true, ts: true } });
}

export async function saveSlackMessage(prisma: Prisma, requestId: string, purpose: string, channel: string, ts: string): Promise<void> {
  await prisma.slackMessage.upsert({
    where: { requestId_purpose: { requestId, purpose } },
    create: { requestId, purpose, channel, ts },
    update: { channel, ts },
  });
}

/**
 * Re-keys one recorded partner DM as handed over (`<purpose>:handed_over:<id>`), like a move does
 * in its transaction; for a DM that was still on its way to Slack when the move committed.
 * Returns false when the move's own re-keying got to it first.
 */
export async function markSlackMessageHandedOver(prisma: Prisma, requestId: string, purpose: string, ts: string): Promise<boolean> {
  const count = await prisma.$executeRaw`
    UPDATE slack_messages SET purpose = purpose || ':handed_over:' || id::text
    WHERE request_id = ${requestId}::uuid AND purpose = ${purpose} AND ts = ${ts}`;
  return count > 0;
}
