import type { Prisma } from "./client.ts";

/** The DM channel (D…) stored for a Slack user, or null when none was learned yet. */
export async function storedDmChannel(prisma: Prisma, slackId: string): Promise<string | null> {
  const rows = await prisma.$queryRaw<Array<{ dm_channel: string | null }>>`
    SELECT dm_channel FROM people WHERE slack_id = ${slackId}`;
  return rows[0]?.dm_channel ?? null;
}

/** Keeps the DM channel Slack answered a post to the user id with (only for a person not erased). */
export async function rememberDmChannel(prisma: Prisma, slackId: string, channel: string): Promise<void> {
  await prisma.$executeRaw`
    UPDATE people SET dm_channel = ${channel}
    WHERE slack_id = ${slackId} AND dm_channel IS DISTINCT FROM ${channel}`;
}
