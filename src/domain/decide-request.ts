import { ok, refuse, topicName, type Result } from "./refusals.ts";
import { checkEligibility } from "./eligibility.ts";
import { checkRequestWindow } from "./period.ts";
import type { RequestInput } from "./service.ts";
import type { Actor, Municipality, PartnerProfile, ProgrammeRules, Topic } from "./types.ts";

export interface RequestDecisionContext {
  rules: ProgrammeRules;
  now: Date;
  /** null: the Slack user is not known (or not active). */
  actor: Actor | null;
  /** The actor's municipality; null when the actor is no contact or the row is missing. */
  municipality: Municipality | null;
  /** null: no partner profile with that id. */
  partner: PartnerProfile | null;
  /** The catalogue entries for the requested topic keys (retired ones included). */
  topics: Topic[];
  /** Units the municipality holds now (requested + scheduled + held), and those with assigned partners. */
  usage: { used: number; assignedUsed: number };
  /** Is the chosen partner assigned to the municipality (then the request counts against the sub-quota)? */
  partnerAssigned: boolean;
  input: RequestInput;
}

export interface RequestDecision {
  units: number;
  countsAssigned: boolean;
}

/** Decides whether a contact may request a session; refusals in the order users should meet them. */
export function decideRequest(ctx: RequestDecisionContext): Result<RequestDecision> {
  const { rules, actor, municipality, partner, input } = ctx;
  if (!actor) return refuse("unknown_person", {});
  if (!actor.contactOf || !municipality) return refuse("not_a_contact", {});
  if (!municipality.active) return refuse("municipality_inactive", { municipality: municipality.name });
  const ineligible = checkEligibility(rules, municipality);
  if (ineligible) return ineligible;
  const window = checkRequestWindow(ctx.now, rules);
  if (window) return window;
  if (!partner) return refuse("partner_unknown", {});
  if (!partner.active) return refuse("partner_inactive", { partner: partner.name });

  const topicRefusal = checkTopics(input.topics, ctx.topics, partner);
  if (topicRefusal) return topicRefusal;

  // The partner must offer the format asked for (phone / video).
  if (!partner.formats.includes(input.preferredFormat)) {
    return refuse("format_not_offered", { partner: partner.name, format: input.preferredFormat, offered: partner.formats });
  }

  const units = input.units ?? 1;
  if (!Number.isInteger(units) || units < 1 || units > rules.maxUnitsPerRequest) {
    return refuse("units_invalid", { max: rules.maxUnitsPerRequest });
  }
  if (input.question.trim() === "") return refuse("invalid_input", { field: "question" });

  if (ctx.usage.used + units > rules.quotaUnits) {
    return refuse("quota_exhausted", { used: ctx.usage.used, limit: rules.quotaUnits });
  }
  const countsAssigned = ctx.partnerAssigned;
  if (countsAssigned && ctx.usage.assignedUsed + units > rules.assignedQuotaUnits) {
    return refuse("assigned_quota_exhausted", { used: ctx.usage.assignedUsed, limit: rules.assignedQuotaUnits });
  }
  return ok({ units, countsAssigned });
}

function checkTopics(requested: string[], catalogue: Topic[], partner: PartnerProfile) {
  if (requested.length === 0) return refuse("no_topic", {});
  const byKey = new Map(catalogue.map((t) => [t.key, t]));
  const topics: Topic[] = [];
  for (const key of requested) {
    const topic = byKey.get(key);
    if (!topic) return refuse("topic_unknown", { topic: key });
    if (topic.retired) return refuse("topic_retired", { topic: topicName(topic) });
    topics.push(topic);
  }
  // The partner must offer every topic the municipality asks about.
  const missing = topics.find((topic) => !partner.topics.includes(topic.key));
  if (missing) return refuse("topic_not_offered", { topic: topicName(missing) });
  return null;
}
