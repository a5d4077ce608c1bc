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

/** Where the app posted a request's DM (to update it in place later); `scrubbed`: overwritten for data protection, leave it. */
export async function findSlackMessage(
  prisma: Prisma,
  requestId: string,
  purpose: string,
): Promise<{ channel: string; ts: string; scrubbed: boolean } | null> {
  const row = await prisma.slackMessage.findUnique({
    where: { requestId_purpose: { requestId, purpose } },
    select: { channel: true, ts: true, scrubbedAt: true },
  });
  return row ? { channel: row.channel, ts: row.ts ?? "", scrubbed: row.scrubbedAt !== null } : null;
}

/**
 * Records a request's message under a purpose that is updated in place (one per request and
 * purpose). `personIds`: the people it names or is addressed to; a later post adds to them, so a
 * message keeps pointing at everyone it ever named.
 */
export async function saveSlackMessage(
  prisma: Prisma,
  requestId: string,
  purpose: string,
  channel: string,
  ts: string,
  personIds: string[] = [],
): Promise<void> {
  await prisma.$executeRaw`
    INSERT INTO slack_messages (request_id, purpose, channel, ts, person_ids)
    VALUES (${requestId}::uuid, ${purpose}, ${channel}, ${ts}, ${personIds}::text[])
    ON CONFLICT (request_id, purpose) DO UPDATE SET channel = EXCLUDED.channel, ts = EXCLUDED.ts,
      person_ids = ARRAY(SELECT DISTINCT unnest(slack_messages.person_ids || EXCLUDED.person_ids))`;
}

/** Records a one-off message (a notice, a reminder) that names people or shows a question, so erasure and retention can overwrite it. */
export async function recordPostedMessage(
  prisma: Prisma,
  message: { requestId: string | null; purpose: string; channel: string; ts: string; personIds: string[] },
): Promise<void> {
  // A retried delivery may record the same message twice: the first record is enough.
  await prisma.slackMessage.createMany({ data: [message], skipDuplicates: true });
}

/** Records files the app uploaded with personal data (my-data exports, accounting CSVs), so erasure can delete them. */
export async function recordUploadedFiles(
  prisma: Prisma,
  files: { purpose: string; channel: string; fileIds: string[]; personIds: string[] },
): Promise<void> {
  if (files.fileIds.length === 0) return;
  await prisma.slackMessage.createMany({
    data: files.fileIds.map((fileId) => ({ purpose: files.purpose, channel: files.channel, fileId, personIds: files.personIds })),
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
