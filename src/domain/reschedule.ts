import { hasStarted, checkAccept, type TransitionContext } from "./transitions.ts";
import { ok, refuse, type Result } from "./refusals.ts";
import type { AcceptInput } from "./service.ts";
import type { Actor, SessionRequest } from "./types.ts";

/**
 * A new date for a scheduled session. The partner proposes one (date, format, link or phone);
 * the requester's side accepts it or asks for another; until then the old date stands. The
 * requester's side may also ask for a new date; the partner answers with a proposal.
 * Cut-off: the contacts' cancel rule, until the session starts (`hasStarted`).
 */
export type ProposalKind = "date" | "ask";
export type ProposalState = "open" | "accepted" | "rejected" | "superseded" | "void";

export interface Proposal {
  id: string;
  requestId: string;
  kind: ProposalKind;
  proposedById: string | null;
  start: Date | null;
  format: AcceptInput["format"] | null;
  meetingLink: string | null;
  meetingPhone: string | null;
  state: ProposalState;
  createdAt: Date;
}

type Parties = Pick<SessionRequest, "state" | "partnerId" | "municipalityKey" | "scheduledStart" | "units">;
type Rules = TransitionContext["rules"];

const isPartnerOf = (actor: Actor | null, request: Parties) => !!actor && actor.isPartner && actor.personId === request.partnerId;
/** The requester's side: the municipality's contacts (the municipality owns its requests, as for cancel). */
const isRequesterSideOf = (actor: Actor | null, request: Parties) => !!actor && actor.contactOf === request.municipalityKey;

/** Permission first (outsiders learn nothing), then the state, then the cut-off. */
function checkChangeable(allowed: boolean, request: Parties, now: Date): Result<null> {
  if (!allowed) return refuse("forbidden", { action: "reschedule" });
  if (request.state !== "scheduled") return refuse("illegal_transition", { from: request.state, action: "reschedule" });
  if (hasStarted(request, now)) return refuse("too_late_to_change", {});
  return ok(null);
}

/** The partner proposes a new date: the same checks as an accept's date (future, inside the period, details). */
export function decideProposal(request: Parties, actor: Actor | null, input: AcceptInput, now: Date, rules: Rules): Result<AcceptInput> {
  const changeable = checkChangeable(isPartnerOf(actor, request), request, now);
  if (!changeable.ok) return changeable;
  const refusal = checkAccept(input, request.units, now, rules);
  return refusal ?? ok(input);
}

/** May the partner open the new-date form now (the form's date is checked on submit)? */
export function mayProposeNow(request: Parties, actor: Actor | null, now: Date): Result<null> {
  return checkChangeable(isPartnerOf(actor, request), request, now);
}

/** The requester's side asks the partner for a new date. */
export function decideAskNewDate(request: Parties, actor: Actor | null, now: Date): Result<null> {
  return checkChangeable(isRequesterSideOf(actor, request), request, now);
}

/**
 * The requester's side answers a proposed date. It must be the open proposal of the request's
 * current partner (a newer one, an answered one or one from before a move is not current), and
 * an accepted date must still lie ahead.
 */
export function decideProposalAnswer(
  request: Parties,
  proposal: Pick<Proposal, "kind" | "state" | "proposedById" | "start"> | null,
  actor: Actor | null,
  answer: "accept" | "reject",
  now: Date,
): Result<null> {
  const changeable = checkChangeable(isRequesterSideOf(actor, request), request, now);
  if (!changeable.ok) return changeable;
  if (!proposal || proposal.kind !== "date" || proposal.state !== "open" || proposal.proposedById !== request.partnerId) {
    return refuse("proposal_not_current", {});
  }
  if (answer === "accept" && (!proposal.start || proposal.start <= now)) return refuse("start_in_past", {});
  return ok(null);
}
