import type { Prisma } from "./client.ts";
import type { RequestState } from "../domain/types.ts";

/** A request's state changes, oldest first: the calendar's SEQUENCE is derived from them. */
export async function requestHistory(prisma: Prisma, requestId: string): Promise<Array<{ fromState: RequestState | null; toState: RequestState }>> {
  return prisma.requestEvent.findMany({ where: { requestId }, orderBy: { id: "asc" }, select: { fromState: true, toState: true } });
}

const filePurpose = "calendar_file:";

/** The record of one delivery's calendar file (one file per outbox row and recipient). */
export function calendarFilePurpose(outboxId: bigint): string {
  return `${filePurpose}${outboxId}`;
}

/**
 * Whether the app put this request into the calendar of whoever reads `channel` (a DM) with a
 * delivery before `outboxId` (a retried row does not count its own file): only then does a
 * cancellation need a file. Files queued for deletion (erasure, retention) no longer count.
 */
export async function calendarFileSent(prisma: Prisma, requestId: string, channel: string, outboxId: bigint): Promise<boolean> {
  const found = await prisma.slackMessage.findFirst({
    where: {
      requestId, channel, fileId: { not: null }, scrubbedAt: null,
      AND: [{ purpose: { startsWith: filePurpose } }, { purpose: { not: calendarFilePurpose(outboxId) } }],
    },
    select: { id: true },
  });
  return found !== null;
}

/** Whether this delivery's file is recorded already (a retried row uploads it once). */
export async function calendarFileRecorded(prisma: Prisma, requestId: string, outboxId: bigint): Promise<boolean> {
  const found = await prisma.slackMessage.findUnique({ where: { requestId_purpose: { requestId, purpose: calendarFilePurpose(outboxId) } }, select: { id: true } });
  return found !== null;
}

/** Records an uploaded calendar file: it names people, so erasure and retention delete it (files.delete). */
export async function recordCalendarFile(
  prisma: Prisma,
  file: { requestId: string; outboxId: bigint; channel: string; fileId: string; personIds: string[] },
): Promise<void> {
  await prisma.slackMessage.createMany({
    data: [{ requestId: file.requestId, purpose: calendarFilePurpose(file.outboxId), channel: file.channel, fileId: file.fileId, personIds: file.personIds }],
    skipDuplicates: true,
  });
}
