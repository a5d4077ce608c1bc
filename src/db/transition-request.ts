import type { Database } from "./client.ts";
import type { Prisma as P } from "./generated/client.ts";
import { recordStateChange } from "./audit.ts";
import { claimIdempotencyKey, replay, storeIdempotentResult } from "./idempotency.ts";
import { enqueueNotice } from "./outbox.ts";
import { closeOpenProposals } from "./reschedule-call.ts";
import { findActor, loadRequest, requireRules, transactionOptions } from "./queries.ts";
import { ok, refuse, type Result } from "../domain/refusals.ts";
import type { AcceptInput } from "../domain/service.ts";
import { decideTransition, mayPerform, type TransitionAction, type TransitionDecision } from "../domain/transitions.ts";
import type { Actor, Clock, SessionRequest } from "../domain/types.ts";

export interface TransitionCall {
  actorSlackId: string;
  requestId: string;
  action: Exclude<TransitionAction, "expire">;
  accept?: AcceptInput;
  reason?: string | undefined;
  idempotencyKey: string;
}

/** Runs one person's state change in one transaction: decide, compare-and-swap, audit, notice. */
export async function transitionRequest(db: Database, clock: Clock, call: TransitionCall): Promise<Result<SessionRequest>> {
  return db.prisma.$transaction(async (tx) => {
    const claim = await claimIdempotencyKey(tx, call.idempotencyKey, call.action);
    if (!claim.claimed) return replay(tx, claim.result);

    const result = await decideAndApply(tx, clock(), call);
    await storeIdempotentResult(tx, call.idempotencyKey, result.ok ? { ok: true, requestId: result.value.id } : result);
    return result;
  }, transactionOptions);
}

async function decideAndApply(tx: P.TransactionClient, now: Date, call: TransitionCall): Promise<Result<SessionRequest>> {
  const actor = await findActor(tx, call.actorSlackId);
  if (!actor) return refuse("unknown_person", {});
  const request = await loadRequest(tx, call.requestId);
  if (!request) return refuse("request_not_found", {});
  const rules = await requireRules(tx);
  const { action, accept } = call;
  const decision = decideTransition({ request, actor, action, now, rules, reason: call.reason, ...(accept ? { accept } : {}) });
  if (!decision.ok) return decision;

  const reason = call.reason?.trim() || undefined;
  const changes: RequestChanges = accept
    ? {
        scheduledStart: accept.start,
        format: accept.format,
        meetingLink: accept.meetingLink?.trim() || null,
        meetingPhone: accept.meetingPhone?.trim() || null,
      }
    : action === "decline" ? { declineReason: reason ?? null } : {};
  const details = accept ? { start: accept.start.toISOString(), format: accept.format } : undefined;
  return applyTransition(tx, { request, action, decision: decision.value, actor, now, changes, reason, details });
}

export type RequestChanges = Partial<Pick<SessionRequest, "scheduledStart" | "format" | "meetingLink" | "meetingPhone" | "declineReason">>;

export interface AppliedTransition {
  request: SessionRequest;
  action: TransitionAction;
  decision: TransitionDecision;
  /** null for jobs. */
  actor: Actor | null;
  now: Date;
  changes: RequestChanges;
  reason?: string | undefined;
  details?: P.InputJsonObject | undefined;
}

/**
 * Compare-and-swap on what was decided on: the state, and the partner and municipality whose
 * permission the decision checked. If another transaction changed any of them meanwhile (a second
 * "accept" click, a cancel racing an accept, a lead moving the request to another partner or
 * municipality), no row matches and the caller learns what it lost to: the state, or `forbidden`
 * when the request is no longer theirs. Otherwise writes the audit row and the notice in the same
 * transaction. (Without the parties, an old partner's accept racing a move committed a session
 * for the new partner with the old partner's link.)
 */
export async function applyTransition(tx: P.TransactionClient, t: AppliedTransition): Promise<Result<SessionRequest>> {
  const { count } = await tx.sessionRequest.updateMany({
    where: { id: t.request.id, state: t.decision.from, partnerId: t.request.partnerId, municipalityKey: t.request.municipalityKey },
    data: { ...t.changes, state: t.decision.to, updatedAt: t.now },
  });
  if (count === 0) {
    const current = await loadRequest(tx, t.request.id);
    if (!current) return refuse("request_not_found", {});
    if (!mayPerform(t.actor, t.action, current)) return refuse("forbidden", { action: t.action });
    return refuse("illegal_transition", { from: current.state, action: t.action });
  }
  // A proposed new date (or an ask for one) cannot be answered once the session is no longer scheduled.
  if (t.decision.from === "scheduled" && t.decision.to !== "scheduled") await closeOpenProposals(tx, t.request.id, "void", t.now);
  const actorId = t.actor?.personId ?? null;
  await recordStateChange(tx, {
    requestId: t.request.id, actorId, at: t.now, from: t.decision.from, to: t.decision.to, reason: t.reason, details: t.details,
  });
  await enqueueNotice(tx, { kind: "request", event: t.decision.event, requestId: t.request.id, actorId });
  return ok({ ...t.request, ...t.changes, state: t.decision.to, updatedAt: t.now });
}
