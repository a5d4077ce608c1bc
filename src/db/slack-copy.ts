import type { Prisma } from "./client.ts";
import type { SlackCopy } from "../domain/ports/delivery-records.ts";

/** One recorded Slack copy (message, file, Home) that erasure or retention queued for scrubbing. */
export async function slackCopy(prisma: Prisma, id: bigint): Promise<SlackCopy | null> {
  const row = await prisma.slackMessage.findUnique({ where: { id }, select: { purpose: true, channel: true, ts: true, fileId: true } });
  return row;
}

/** The record held the channel and timestamp only to scrub the copy: it goes once that is done. */
export async function forgetSlackCopy(prisma: Prisma, id: bigint): Promise<void> {
  await prisma.slackMessage.deleteMany({ where: { id } });
}
