import type { Prisma } from "./client.ts";
import type { Prisma as P } from "./generated/client.ts";
import { recordStateChange } from "./audit.ts";
import { claimIdempotencyKey, replay, storeIdempotentResult } from "./idempotency.ts";
import { isUuid, toMunicipality, toPartner, partnerInclude } from "./map-rows.ts";
import { enqueueNotice } from "./outbox.ts";
import { findActor, loadPartner, loadRequest, municipalityUnits, requireRules, transactionOptions } from "./queries.ts";
import { ok, refuse, type Result } from "../domain/refusals.ts";
import type { Actor, Clock, Municipality, PartnerProfile, RequestState, SessionRequest } from "../domain/types.ts";

export interface MoveInput {
  municipalityKey?: string | undefined;
  partnerId?: string | undefined;
  reason: string;
}

/** Held units may be moved too: a correction of the accounts, not a new booking. */
const movableStates: readonly RequestState[] = ["requested", "scheduled", "held"];

/**
 * A lead moves a request to another municipality and/or partner. The target municipality's row
 * is locked like a booking's, so the quota re-check and the move cannot interleave with a booking
 * for the last unit. The request itself moves by compare-and-swap on what was decided on.
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
  if (!rules.cohorts.includes(target.cohort)) return refuse("not_eligible", { municipality: target.key, cohort: target.cohort });
  const partner = await loadPartner(tx, targetPartnerId);
  if (!partner) return refuse("partner_unknown", {});
  // A future session needs a partner who still works; held units may be booked to a partner who left since.
  if (request.state !== "held" && partner.personId !== request.partnerId && !partner.active) {
    return refuse("partner_inactive", { partner: partner.name });
  }

  // The request's own units leave its current place; they count again only if it stays in this municipality.
  const units = await municipalityUnits(tx, target.key, partner.personId);
  const stays = target.key === request.municipalityKey;
  const used = units.held + units.scheduled + units.pending - (stays ? request.units : 0);
  const assignedUsed = units.assignedUsed - (stays && request.countsAssigned ? request.units : 0);
  if (used + request.units > rules.quotaUnits) return refuse("quota_exhausted", { used, limit: rules.quotaUnits });
  const countsAssigned = units.partnerAssigned;
  if (countsAssigned && assignedUsed + request.units > rules.assignedQuotaUnits) {
    return refuse("assigned_quota_exhausted", { used: assignedUsed, limit: rules.assignedQuotaUnits });
  }

  const { count } = await tx.sessionRequest.updateMany({
    where: { id: request.id, state: request.state, municipalityKey: request.municipalityKey, partnerId: request.partnerId },
    data: { municipalityKey: target.key, partnerId: partner.personId, countsAssigned, updatedAt: now },
  });
  if (count === 0) {
    const current = await loadRequest(tx, request.id);
    return current ? refuse("illegal_transition", { from: current.state, action: "move" }) : refuse("request_not_found", {});
  }
  const from = { municipalityKey: request.municipalityKey, partnerId: request.partnerId, countsAssigned: request.countsAssigned };
  const to = { municipalityKey: target.key, partnerId: partner.personId, countsAssigned };
  await recordStateChange(tx, {
    requestId: request.id, actorId: lead.value.personId, at: now, from: request.state, to: request.state, reason, details: { from, to },
  });
  await enqueueNotice(tx, { kind: "request", event: "moved", requestId: request.id, actorId: lead.value.personId });
  const moved = await loadRequest(tx, request.id);
  if (!moved) throw new Error(`moved request ${request.id} vanished inside its transaction`);
  return ok(moved);
}

/**
 * Leads only. `forbidden` needs an action from the refusal's list; "move" ("correct records") is
 * the lead-only one closest to switching partners and municipalities on and off.
 */
async function requireLead(db: P.TransactionClient, slackId: string, action: "move"): Promise<Result<Actor>> {
  const actor = await findActor(db, slackId);
  if (!actor) return refuse("unknown_person", {});
  return actor.isLead ? ok(actor) : refuse("forbidden", { action });
}

/** Switches a partner's profile on or off (off: no longer offered in the directory or bookable). */
export async function setPartnerActive(prisma: Prisma, leadSlackId: string, partnerId: string, active: boolean): Promise<Result<PartnerProfile>> {
  const lead = await requireLead(prisma, leadSlackId, "move");
  if (!lead.ok) return lead;
  if (!isUuid(partnerId)) return refuse("partner_unknown", {});
  const { count } = await prisma.partnerProfile.updateMany({ where: { personId: partnerId }, data: { active } });
  if (count === 0) return refuse("partner_unknown", {});
  const row = await prisma.partnerProfile.findUniqueOrThrow({ where: { personId: partnerId }, include: partnerInclude });
  return ok(toPartner(row));
}

/** Switches a municipality on or off (off: its contacts can no longer book; its history stays). */
export async function setMunicipalityActive(prisma: Prisma, leadSlackId: string, key: string, active: boolean): Promise<Result<Municipality>> {
  const lead = await requireLead(prisma, leadSlackId, "move");
  if (!lead.ok) return lead;
  const { count } = await prisma.municipality.updateMany({ where: { key }, data: { active } });
  if (count === 0) return refuse("municipality_unknown", {});
  return ok(toMunicipality(await prisma.municipality.findUniqueOrThrow({ where: { key } })));
}
