/** Shared pieces of the security tests: what "nothing changed" means, and a short settle. */
import type { Flow } from "../slack/flow-helpers.ts";

/** Requests (full rows), audit events, outbox and people: everything a refused input must leave alone. */
export async function dbSnapshot(flow: Flow) {
  const prisma = flow.db.prisma;
  return {
    requests: await prisma.sessionRequest.findMany({ orderBy: { id: "asc" } }),
    events: await prisma.requestEvent.count(),
    outbox: await prisma.outboxMessage.count(),
    people: await prisma.person.findMany({ orderBy: { id: "asc" }, select: { id: true, slackId: true, name: true, erasedAt: true, active: true } }),
  };
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const nowSeconds = () => Math.floor(Date.now() / 1000);
