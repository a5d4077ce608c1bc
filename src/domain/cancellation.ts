import { refuse, type Refusal } from "./refusals.ts";
import type { Actor, SessionRequest } from "./types.ts";

/** Who cancelled, as the other side is told: never "the request to you", always a role and a name. */
export type Canceller = "partner" | "requester" | "lead";

/** The canceller's side of the request, from the data (the actor who wrote the audit row). */
export function cancellerOf(request: Pick<SessionRequest, "partnerId" | "requesterId">, actorId: string | null, actorIsLead: boolean): Canceller {
  if (actorId !== null && actorId === request.partnerId) return "partner";
  if (actorIsLead && actorId !== request.requesterId) return "lead";
  return "requester";
}

/** Acting as the request's partner, not for its municipality (a person may hold both roles). */
export function actsAsPartner(actor: Actor | null, request: Pick<SessionRequest, "partnerId" | "municipalityKey">): boolean {
  return !!actor && !actor.isLead && actor.isPartner && actor.personId === request.partnerId && actor.contactOf !== request.municipalityKey;
}

/**
 * A partner's cancel: only a scheduled session (an open request is declined, not cancelled), only
 * until it starts (the contacts' cut-off, `hasStarted`), and with a reason the requester is told.
 */
export function checkPartnerCancel(
  request: Pick<SessionRequest, "state" | "scheduledStart">,
  reason: string | undefined,
  now: Date,
): Refusal | null {
  if (request.state === "requested") return refuse("illegal_transition", { from: "requested", action: "cancel" });
  if (request.state === "scheduled" && request.scheduledStart !== null && request.scheduledStart <= now) return refuse("too_late_to_change", {});
  if (request.state === "scheduled" && !reason?.trim()) return refuse("invalid_input", { field: "reason" });
  return null;
}
