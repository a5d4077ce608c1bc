import { ok, refuse, type Action, type Result } from "./refusals.ts";
import { actsAsPartner, checkPartnerCancel } from "./cancellation.ts";
import { isSessionInsidePeriod } from "./period.ts";
import type { RequestEvent } from "./notifications.ts";
import type { AcceptInput } from "./service.ts";
import type { Actor, ProgrammeRules, RequestState, SessionRequest } from "./types.ts";

export type TransitionAction = "accept" | "decline" | "cancel" | "mark_held" | "mark_not_held" | "expire";

/** The request lifecycle: every legal move, and the notice it sends. */
export const transitionTable: Record<TransitionAction, { from: readonly RequestState[]; to: RequestState; event: RequestEvent }> = {
  accept: { from: ["requested"], to: "scheduled", event: "accepted" },
  decline: { from: ["requested"], to: "declined", event: "declined" },
  cancel: { from: ["requested", "scheduled"], to: "cancelled", event: "cancelled" },
  mark_held: { from: ["scheduled"], to: "held", event: "held" },
  mark_not_held: { from: ["scheduled"], to: "cancelled", event: "not_held" },
  expire: { from: ["requested"], to: "expired", event: "expired" },
};

export function nextState(from: RequestState, action: TransitionAction): Result<RequestState> {
  const move = transitionTable[action];
  return move.from.includes(from) ? ok(move.to) : refuse("illegal_transition", { from, action });
}

type RequestParties = Pick<SessionRequest, "partnerId" | "municipalityKey">;

/**
 * Who may do what to a request. `null` is the system (jobs), which may only expire.
 * Partners answer for their own requests, contacts cancel for their municipality, leads do all.
 */
export function mayPerform(actor: Actor | null, action: TransitionAction, request: RequestParties): boolean {
  if (action === "expire") return actor === null;
  if (!actor) return false;
  if (actor.isLead) return true;
  switch (action) {
    case "accept":
    case "decline":
    case "mark_held":
    case "mark_not_held":
      return actor.isPartner && actor.personId === request.partnerId;
    case "cancel":
      // The municipality's contacts, and the partner (with a reason: src/domain/cancellation.ts).
      return actor.contactOf === request.municipalityKey || (actor.isPartner && actor.personId === request.partnerId);
  }
}

export interface TransitionContext {
  request: Pick<SessionRequest, "state" | "partnerId" | "municipalityKey" | "units" | "scheduledStart">;
  actor: Actor | null;
  action: TransitionAction;
  now: Date;
  rules: Pick<ProgrammeRules, "periodStart" | "periodEnd" | "timezone" | "unitMinutes">;
  /** Required for accept. */
  accept?: AcceptInput;
  /** The reason given (a partner's cancel needs one). */
  reason?: string | undefined;
}

export interface TransitionDecision {
  from: RequestState;
  to: RequestState;
  event: RequestEvent;
}

/** Permission first (outsiders learn nothing about the state), then the table, then the action's own checks. */
export function decideTransition(ctx: TransitionContext): Result<TransitionDecision> {
  const { request, action } = ctx;
  if (!mayPerform(ctx.actor, action, request)) return refuse("forbidden", { action: action as Action });
  const next = nextState(request.state, action);
  if (!next.ok) return next;
  const decision = ok<TransitionDecision>({ from: request.state, to: next.value, event: transitionTable[action].event });

  if (action === "accept") {
    if (!ctx.accept) return refuse("invalid_input", { field: "start" });
    const refusal = checkAccept(ctx.accept, request.units, ctx.now, ctx.rules);
    if (refusal) return refusal;
  }
  if (action === "mark_held" && !hasStarted(request, ctx.now)) {
    return refuse("session_not_started", {});
  }
  if (action === "cancel" && actsAsPartner(ctx.actor, request)) {
    const refusal = checkPartnerCancel(request, ctx.reason, ctx.now);
    if (refusal) return refusal;
  }
  if (action === "cancel" && request.state === "scheduled" && hasStarted(request, ctx.now) && !ctx.actor?.isLead) {
    return refuse("session_already_started", {});
  }
  return decision;
}

/**
 * Has the scheduled session begun? From its start on, the session is the partner's to report
 * (held / not held) or a lead's to correct: a contact's cancel would hand back a unit that may
 * already have been used, so it is refused (issue 9, §6).
 */
export function hasStarted(request: Pick<SessionRequest, "scheduledStart">, now: Date): boolean {
  return request.scheduledStart !== null && request.scheduledStart <= now;
}

export function checkAccept(input: AcceptInput, units: number, now: Date, rules: TransitionContext["rules"]) {
  if (Number.isNaN(input.start.getTime())) return refuse("invalid_input", { field: "start" });
  if (input.start <= now) return refuse("start_in_past", {});
  const end = new Date(input.start.getTime() + units * rules.unitMinutes * 60_000);
  if (!isSessionInsidePeriod(input.start, end, rules)) {
    return refuse("start_outside_period", { start: rules.periodStart, end: rules.periodEnd });
  }
  if (input.format === "video" && !input.meetingLink?.trim()) return refuse("meeting_details_missing", { format: "video" });
  if (input.format === "phone" && !input.meetingPhone?.trim()) return refuse("meeting_details_missing", { format: "phone" });
  return null;
}
