import type { Actor, SessionRequest } from "./types.ts";

/** An answer may be changed for this long after it was first given. */
export const feedbackChangeDays = 7;
const dayMs = 86_400_000;

export interface FeedbackInput {
  /** 1 (not useful) … 5 (very useful). */
  usefulness: number;
  wouldRecommend: boolean;
  /** Optional free text; null when left empty. */
  comment: string | null;
}

export interface Feedback extends FeedbackInput {
  requestId: string;
  personId: string;
  firstAnsweredAt: Date;
  answeredAt: Date;
}

export type FeedbackRefusal =
  | { ok: false; code: "request_not_found" }
  | { ok: false; code: "feedback_not_yours" }
  | { ok: false; code: "feedback_not_held" }
  /** With the programme's time zone, the one the date is shown in. */
  | { ok: false; code: "feedback_closed"; closedAt: Date; timezone: string };

export type FeedbackResult<T> = { ok: true; value: T } | FeedbackRefusal;

/**
 * Whether `actor` may give (or change) the feedback on `request` now: only the person who asked
 * for the session, only once it was held, and a given answer only for 7 days after the first one.
 * Decided from the data, so a forged button or modal reaches nothing else.
 */
export function decideFeedback(input: {
  actor: Pick<Actor, "personId"> | null;
  request: Pick<SessionRequest, "requesterId" | "state"> | null;
  existing: Pick<Feedback, "firstAnsweredAt"> | null;
  now: Date;
  timezone: string;
}): FeedbackResult<{ firstAnsweredAt: Date }> {
  const { actor, request, existing, now, timezone } = input;
  if (!request) return { ok: false, code: "request_not_found" };
  if (!actor || actor.personId !== request.requesterId) return { ok: false, code: "feedback_not_yours" };
  if (request.state !== "held") return { ok: false, code: "feedback_not_held" };
  if (existing) {
    const closedAt = new Date(existing.firstAnsweredAt.getTime() + feedbackChangeDays * dayMs);
    if (now >= closedAt) return { ok: false, code: "feedback_closed", closedAt, timezone };
    return { ok: true, value: { firstAnsweredAt: existing.firstAnsweredAt } };
  }
  return { ok: true, value: { firstAnsweredAt: now } };
}

export interface FeedbackFigures {
  answers: number;
  /** Mean usefulness, one decimal; null without answers. */
  meanUsefulness: number | null;
  recommendYes: number;
  recommendNo: number;
}

/** Figures from the sums over a set of answers (per partner or per topic): counts and the mean, never a comment. */
export function feedbackFigures(sums: { answers: number; usefulnessSum: number; recommendYes: number }): FeedbackFigures {
  return {
    answers: sums.answers,
    meanUsefulness: sums.answers === 0 ? null : Math.round((sums.usefulnessSum / sums.answers) * 10) / 10,
    recommendYes: sums.recommendYes,
    recommendNo: sums.answers - sums.recommendYes,
  };
}
