import type { Prisma } from "./client.ts";
import type { Prisma as P } from "./generated/client.ts";
import { recordStateChange } from "./audit.ts";
import { claimIdempotencyKey, replay, storeIdempotentResult } from "./idempotency.ts";
import { toMunicipality } from "./map-rows.ts";
import { enqueueNotice } from "./outbox.ts";
import { loadPartner, loadRequest, municipalityUnits, requireRules, transactionOptions } from "./queries.ts";
import { requireLead } from "./require-lead.ts";
import { closeOpenProposals } from "./reschedule-call.ts";
import { checkEligibility } from "../domain/eligibility.ts";
import { unitsUsed } from "../domain/quota.ts";
import type { MoveInput } from "../domain/ports/leads.ts";
import { decideMove, movableStates } from "../domain/move.ts";
import { ok, refuse, type Result } from "../domain/refusals.ts";
import type { Clock, SessionRequest } from "../domain/types.ts";

/**
 * A lead moves a request to another municipality and/or partner. The target municipality's row
 * is locked like a booking's, so the quota re-check and the move cannot interleave with a booking
 * for the last unit. The request itself moves by compare-and-swap on what was decided on (state,
 * municipality, partner); `transitionRequest` swaps on the same three, so an accept or cancel
 * decided on the old partner or municipality loses to the move instead of overwriting it.
 * The domain decides the state after the move (`decideMove`); the old partner's DMs are re-keyed
 * here, in the same transaction, so no later delivery can mistake them for the new partner's.
 */
export async function moveRequest(
  prisma: Prisma,
  clock: Clock,
  leadSlackId: string,
  requestId: string,
  input: MoveInput,
  idempotencyKey: string,
): Promise<Result<SessionRequest>> {
  return prisma.$transaction(async (tx) => {
    const claim = await claimIdempotencyKey(tx, idempotencyKey, "move");
    if (!claim.claimed) return replay(tx, claim.result);
    const result = await move(tx, clock(), leadSlackId, requestId, input);
    await storeIdempotentResult(tx, idempotencyKey, result.ok ? { ok: true, requestId: result.value.id } : result);
    return result;
  }, transactionOptions);
}

async function move(tx: P.TransactionClient, now: Date, leadSlackId: string, requestId: string, input: MoveInput): Promise<Result<SessionRequest>> {
  const lead = await requireLead(tx, leadSlackId, "move");
  if (!lead.ok) return lead;
  const reason = input.reason.trim();
  if (reason === "") return refuse("invalid_input", { field: "reason" });
  const request = await loadRequest(tx, requestId);
  if (!request) return refuse("request_not_found", {});
  const targetKey = input.municipalityKey ?? request.municipalityKey;
  const targetPartnerId = input.partnerId ?? request.partnerId;
  if (targetKey === request.municipalityKey && targetPartnerId === request.partnerId) {
    return refuse("invalid_input", { field: input.partnerId === undefined ? "municipalityKey" : "partnerId" });
  }
  if (!movableStates.includes(request.state)) return refuse("illegal_transition", { from: request.state, action: "move" });

  const [row] = await tx.$queryRaw<Array<Parameters<typeof toMunicipality>[0]>>`
    SELECT key, name, kind::text AS kind, cohort, active FROM municipalities WHERE key = ${targetKey} FOR UPDATE`;
  if (!row) return refuse("municipality_unknown", {});
  const target = toMunicipality(row);
  const rules = await requireRules(tx);
  const ineligible = checkEligibility(rules, target);
  if (ineligible) return ineligible;
  const partner = await loadPartner(tx, targetPartnerId);
  if (!partner) return refuse("partner_unknown", {});
  // A future session needs a partner who still works; held units may be booked to a partner who left since.
  if (request.state !== "held" && partner.personId !== request.partnerId && !partner.active) {
    return refuse("partner_inactive", { partner: partner.name });
  }

  // The request's own units leave its current place; they count again only if it stays in this municipality.
  const units = await municipalityUnits(tx, target.key, partner.personId);
  const stays = target.key === request.municipalityKey;
  const used = unitsUsed(units) - (stays ? request.units : 0);
  const assignedUsed = units.assignedUsed - (stays && request.countsAssigned ? request.units : 0);
  if (used + request.units > rules.quotaUnits) return refuse("quota_exhausted", { used, limit: rules.quotaUnits });
  const countsAssigned = units.partnerAssigned;
  if (countsAssigned && assignedUsed + request.units > rules.assignedQuotaUnits) {
    return refuse("assigned_quota_exhausted", { used: assignedUsed, limit: rules.assignedQuotaUnits });
  }

  const decision = decideMove(request, { municipalityKey: target.key, partnerId: partner.personId }, rules.timezone);
  if (!decision.ok) return decision;
  const { count } = await tx.sessionRequest.updateMany({
    where: { id: request.id, state: request.state, municipalityKey: request.municipalityKey, partnerId: request.partnerId },
    data: { ...decision.value.changes, state: decision.value.to, municipalityKey: target.key, partnerId: partner.personId, countsAssigned, updatedAt: now },
  });
  if (count === 0) {
    const current = await loadRequest(tx, request.id);
    return current ? refuse("illegal_transition", { from: current.state, action: "move" }) : refuse("request_not_found", {});
  }
  const from = { municipalityKey: request.municipalityKey, partnerId: request.partnerId, countsAssigned: request.countsAssigned };
  const to = { municipalityKey: target.key, partnerId: partner.personId, countsAssigned };
  const fromStart = decision.value.to !== request.state ? (request.scheduledStart?.toISOString() ?? null) : null;
  const dropped = fromStart ? { scheduledStart: fromStart } : {};
  await recordStateChange(tx, {
    requestId: request.id, actorId: lead.value.personId, at: now, from: request.state, to: decision.value.to, reason, details: { from, to, ...dropped },
  });
  // The old partner's proposal of a new date (or the requester's ask to them) ends with their part:
  // the new partner confirms a date themselves. Its link or phone number goes with it.
  if (decision.value.partnerChanged || decision.value.to !== request.state) await closeOpenProposals(tx, request.id, "void", now);
  const handedOver = decision.value.partnerChanged ? await handOverPartnerMessages(tx, request.id) : [];
  await enqueueNotice(tx, {
    kind: "request", event: "moved", requestId: request.id, actorId: lead.value.personId,
    move: {
      fromPartnerId: request.partnerId, fromMunicipalityKey: request.municipalityKey, fromState: request.state, toState: decision.value.to, fromStart,
      notify: decision.value.notify, handedOver,
    },
  });
  const moved = await loadRequest(tx, request.id);
  if (!moved) throw new Error(`moved request ${request.id} vanished inside its transaction`);
  return ok(moved);
}

/** The partner's DMs about a request; after a handover they belong to the old partner only. */
const partnerPurposes = ["partner_request", "held_question"];

/**
 * Re-keys the old partner's DMs (`partner_request:handed_over:<id>`), so the new partner's DM is
 * posted fresh and the old one is updated to "handed over" by its own delivery, in either order.
 */
async function handOverPartnerMessages(tx: P.TransactionClient, requestId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<Array<{ purpose: string }>>`
    UPDATE slack_messages SET purpose = purpose || ':handed_over:' || id::text
    WHERE request_id = ${requestId}::uuid AND purpose = ANY(${partnerPurposes}::text[])
    RETURNING purpose`;
  return rows.map((r) => r.purpose).sort();
}
