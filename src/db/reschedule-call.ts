import type { Database, Prisma } from "./client.ts";
import type { Prisma as P } from "./generated/client.ts";
import { recordStateChange } from "./audit.ts";
import { claimIdempotencyKey, replay, storeIdempotentResult } from "./idempotency.ts";
import { enqueueNotice } from "./outbox.ts";
import { findActor, loadRequest, requireRules, transactionOptions } from "./queries.ts";
import type { RequestEvent } from "../domain/notifications.ts";
import { ok, refuse, type Result } from "../domain/refusals.ts";
import { decideAskNewDate, decideProposal, decideProposalAnswer, type Proposal } from "../domain/reschedule.ts";
import type { AcceptInput } from "../domain/service.ts";
import type { Clock, SessionRequest } from "../domain/types.ts";

type Tx = P.TransactionClient;

/**
 * The reschedule use cases, each in one transaction: the request's row is locked first, so a
 * proposal, its answer, a cancel and an accept of the same request run one after the other; the
 * caller's idempotency key makes a double click or a Slack retry one change.
 */
async function once(
  db: Database, key: string, operation: string, work: (tx: Tx) => Promise<Result<SessionRequest>>,
): Promise<Result<SessionRequest>> {
  return db.prisma.$transaction(async (tx) => {
    const claim = await claimIdempotencyKey(tx, key, operation);
    if (!claim.claimed) return replay(tx, claim.result);
    const result = await work(tx);
    await storeIdempotentResult(tx, key, result.ok ? { ok: true, requestId: result.value.id } : result);
    return result;
  }, transactionOptions);
}

async function lockedRequest(tx: Tx, requestId: string): Promise<SessionRequest | null> {
  await tx.$queryRaw`SELECT id FROM session_requests WHERE id = ${requestId}::uuid FOR UPDATE`;
  return loadRequest(tx, requestId);
}

/** Closes the open proposal or ask of a request (a newer one replaces it, or the session ended). Its link goes. */
export async function closeOpenProposals(tx: Tx, requestId: string, state: "superseded" | "void", now: Date): Promise<void> {
  await tx.rescheduleProposal.updateMany({
    where: { requestId, state: "open" },
    data: { state, decidedAt: now, meetingLink: null, meetingPhone: null },
  });
}

async function notice(tx: Tx, event: RequestEvent, requestId: string, actorId: string): Promise<void> {
  await enqueueNotice(tx, { kind: "request", event, requestId, actorId });
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The partner proposes a new date; any open proposal or ask is replaced. */
export function proposeNewDate(
  db: Database, clock: Clock, actorSlackId: string, requestId: string, input: AcceptInput, key: string,
): Promise<Result<SessionRequest>> {
  return once(db, key, "propose_date", async (tx) => {
    const now = clock();
    const actor = await findActor(tx, actorSlackId);
    if (!actor) return refuse("unknown_person", {});
    const request = uuid.test(requestId) ? await lockedRequest(tx, requestId) : null;
    if (!request) return refuse("request_not_found", {});
    const decision = decideProposal(request, actor, input, now, await requireRules(tx));
    if (!decision.ok) return decision;
    await closeOpenProposals(tx, request.id, "superseded", now);
    await tx.rescheduleProposal.create({
      data: {
        requestId: request.id, kind: "date", proposedById: actor.personId, start: input.start, format: input.format,
        meetingLink: input.format === "video" ? input.meetingLink?.trim() || null : null,
        meetingPhone: input.format === "phone" ? input.meetingPhone?.trim() || null : null,
        createdAt: now,
      },
      select: { id: true },
    });
    await notice(tx, "reschedule_proposed", request.id, actor.personId);
    return ok(request);
  });
}

/** The requester's side asks the partner for a new date (an open proposal is replaced by the ask). */
export function askNewDate(db: Database, clock: Clock, actorSlackId: string, requestId: string, key: string): Promise<Result<SessionRequest>> {
  return once(db, key, "ask_new_date", async (tx) => {
    const now = clock();
    const actor = await findActor(tx, actorSlackId);
    if (!actor) return refuse("unknown_person", {});
    const request = uuid.test(requestId) ? await lockedRequest(tx, requestId) : null;
    if (!request) return refuse("request_not_found", {});
    const decision = decideAskNewDate(request, actor, now);
    if (!decision.ok) return decision;
    await closeOpenProposals(tx, request.id, "superseded", now);
    await tx.rescheduleProposal.create({ data: { requestId: request.id, kind: "ask", proposedById: actor.personId, createdAt: now }, select: { id: true } });
    await notice(tx, "new_date_asked", request.id, actor.personId);
    return ok(request);
  });
}

/**
 * The requester's side answers a proposed date. Accepting moves the session (compare-and-swap on
 * the state, the partner and the old date), clears the reminders sent for the old date, and
 * writes the audit row scheduled → scheduled with `details.kind = "rescheduled"`.
 */
export function answerProposal(
  db: Database, clock: Clock, actorSlackId: string, proposalId: string, answer: "accept" | "reject", key: string,
): Promise<Result<SessionRequest>> {
  return once(db, key, `${answer}_proposal`, async (tx) => {
    const now = clock();
    const actor = await findActor(tx, actorSlackId);
    if (!actor) return refuse("unknown_person", {});
    const found = uuid.test(proposalId) ? await tx.rescheduleProposal.findUnique({ where: { id: proposalId }, select: { requestId: true } }) : null;
    if (!found) return refuse("request_not_found", {});
    const request = await lockedRequest(tx, found.requestId);
    if (!request) return refuse("request_not_found", {});
    // Read after the lock: a concurrent answer or newer proposal has committed by now.
    const proposal = (await tx.rescheduleProposal.findUnique({ where: { id: proposalId } })) as Proposal | null;
    const decision = decideProposalAnswer(request, proposal, actor, answer, now);
    if (!decision.ok || !proposal) return decision.ok ? refuse("proposal_not_current", {}) : decision;

    if (answer === "reject") {
      await tx.rescheduleProposal.update({ where: { id: proposal.id }, data: { state: "rejected", decidedAt: now, meetingLink: null, meetingPhone: null } });
      await notice(tx, "reschedule_rejected", request.id, actor.personId);
      return ok(request);
    }
    const changes = {
      scheduledStart: proposal.start!,
      format: proposal.format!,
      meetingLink: proposal.meetingLink,
      meetingPhone: proposal.meetingPhone,
    };
    const { count } = await tx.sessionRequest.updateMany({
      where: { id: request.id, state: "scheduled", partnerId: request.partnerId, scheduledStart: request.scheduledStart },
      data: { ...changes, reminderSentAt: null, soonReminderSentAt: null, heldAskCount: 0, heldAskedAt: null, updatedAt: now },
    });
    if (count === 0) return refuse("proposal_not_current", {});
    // The request holds the details now: the proposal keeps only the date, for the record.
    await tx.rescheduleProposal.update({ where: { id: proposal.id }, data: { state: "accepted", decidedAt: now, meetingLink: null, meetingPhone: null } });
    await recordStateChange(tx, {
      requestId: request.id, actorId: actor.personId, at: now, from: "scheduled", to: "scheduled",
      details: { kind: "rescheduled", from: request.scheduledStart?.toISOString() ?? null, to: changes.scheduledStart.toISOString(), format: changes.format },
    });
    await notice(tx, "rescheduled", request.id, actor.personId);
    return ok({ ...request, ...changes, updatedAt: now });
  });
}

/** The open proposal (or ask) of a request, if any: what the requester's notice shows and answers. */
export async function openProposal(prisma: Prisma, requestId: string): Promise<Proposal | null> {
  const row = await prisma.rescheduleProposal.findFirst({ where: { requestId, state: "open" } });
  return row as Proposal | null;
}

/** The latest proposal of a request with a date (the rejected one the partner is told about). */
export async function latestDateProposal(prisma: Prisma, requestId: string): Promise<Proposal | null> {
  const row = await prisma.rescheduleProposal.findFirst({ where: { requestId, kind: "date" }, orderBy: { createdAt: "desc" } });
  return row as Proposal | null;
}
