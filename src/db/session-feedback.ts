import type { Prisma } from "./client.ts";
import { Prisma as P } from "./generated/client.ts";
import { findActor, loadRequest, loadRules, transactionOptions } from "./queries.ts";
import { decideFeedback, type Feedback, type FeedbackInput, type FeedbackResult } from "../domain/feedback.ts";
import { timezoneOf } from "../domain/timezone.ts";
import type { Clock, SessionRequest } from "../domain/types.ts";
import { isUuid } from "../domain/uuid.ts";

type Db = Prisma | P.TransactionClient;

const toFeedback = (row: P.SessionFeedbackModel): Feedback => ({
  requestId: row.requestId,
  personId: row.personId,
  usefulness: row.usefulness,
  wouldRecommend: row.wouldRecommend,
  comment: row.comment,
  firstAnsweredAt: row.firstAnsweredAt,
  answeredAt: row.answeredAt,
});

export async function loadFeedback(db: Db, requestId: string): Promise<Feedback | null> {
  if (!isUuid(requestId)) return null;
  const row = await db.sessionFeedback.findUnique({ where: { requestId } });
  return row ? toFeedback(row) : null;
}

/** What the feedback form needs: the request and the earlier answer, if the person may answer now. */
export async function feedbackFormFor(
  prisma: Prisma, clock: Clock, actorSlackId: string, requestId: string,
): Promise<FeedbackResult<{ request: SessionRequest; existing: Feedback | null }>> {
  const [actor, request, existing, rules] = await Promise.all([
    findActor(prisma, actorSlackId),
    isUuid(requestId) ? loadRequest(prisma, requestId) : null,
    loadFeedback(prisma, requestId),
    loadRules(prisma),
  ]);
  const decision = decideFeedback({ actor, request, existing, now: clock(), timezone: timezoneOf(rules) });
  if (!decision.ok) return decision;
  return { ok: true, value: { request: request!, existing } };
}

/**
 * Stores the answer: the request's row is locked first, so two submissions at once are decided
 * one after the other (the second sees the first as "existing" and keeps its first-answer time).
 */
export async function giveFeedback(
  prisma: Prisma, clock: Clock, actorSlackId: string, requestId: string, input: FeedbackInput,
): Promise<FeedbackResult<Feedback>> {
  if (!isUuid(requestId)) return { ok: false, code: "request_not_found" };
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM session_requests WHERE id = ${requestId}::uuid FOR UPDATE`;
    const [actor, request, existing, rules] = await Promise.all([findActor(tx, actorSlackId), loadRequest(tx, requestId), loadFeedback(tx, requestId), loadRules(tx)]);
    const now = clock();
    const decision = decideFeedback({ actor, request, existing, now, timezone: timezoneOf(rules) });
    if (!decision.ok) return decision;
    const data = { usefulness: input.usefulness, wouldRecommend: input.wouldRecommend, comment: input.comment, answeredAt: now };
    const row = await tx.sessionFeedback.upsert({
      where: { requestId },
      create: { requestId, personId: actor!.personId, firstAnsweredAt: decision.value.firstAnsweredAt, ...data },
      update: data,
    });
    return { ok: true as const, value: toFeedback(row) };
  }, transactionOptions);
}

export interface FeedbackGroup {
  key: string;
  name: string;
  answers: number;
  usefulnessSum: number;
  recommendYes: number;
}

/**
 * Answers per partner and per topic (a request about two topics counts for each). Counts only.
 * One statement: the answers are joined to their requests once, summed per partner and set of
 * topics, and both lists are built from those few sums.
 */
export async function feedbackByPartnerAndTopic(
  prisma: Prisma, period: { from: Date; to: Date } = { from: new Date("1970-01-01T00:00:00Z"), to: new Date("9999-12-31T00:00:00Z") },
): Promise<{ byPartner: FeedbackGroup[]; byTopic: FeedbackGroup[] }> {
  const { from, to } = period;
  const figures = (alias: string) => `'answers', SUM(${alias}.answers)::int, 'usefulnessSum', SUM(${alias}.usefulness)::int, 'recommendYes', SUM(${alias}.recommend)::int`;
  const [lists] = await prisma.$queryRaw<Array<{ byPartner: FeedbackGroup[] | null; byTopic: FeedbackGroup[] | null }>>`
    WITH g AS MATERIALIZED (
      SELECT r.partner_id, r.topics, COUNT(*) AS answers, SUM(f.usefulness) AS usefulness, COUNT(*) FILTER (WHERE f.would_recommend) AS recommend
      FROM session_feedback f JOIN session_requests r ON r.id = f.request_id
      WHERE r.scheduled_start >= ${from} AND r.scheduled_start < ${to}
      GROUP BY r.partner_id, r.topics)
    SELECT
      (SELECT json_agg(x.o ORDER BY x.name, x.id) FROM (
         SELECT p.id, p.name, json_build_object('key', p.id::text, 'name', p.name, ${P.raw(figures("g"))}) AS o
         FROM g JOIN people p ON p.id = g.partner_id GROUP BY p.id) x) AS "byPartner",
      (SELECT json_agg(y.o ORDER BY y.sort_order NULLS LAST, y.key) FROM (
         SELECT t.key, c.sort_order, json_build_object('key', t.key, 'name', COALESCE(c.label_de, t.key), ${P.raw(figures("g"))}) AS o
         FROM g CROSS JOIN LATERAL (SELECT DISTINCT unnest(g.topics) AS key) t
         LEFT JOIN topics c ON c.key = t.key
         GROUP BY t.key, c.label_de, c.sort_order) y) AS "byTopic"`;
  return { byPartner: lists?.byPartner ?? [], byTopic: lists?.byTopic ?? [] };
}

export interface FeedbackComment {
  partnerName: string;
  topics: string[];
  heldOn: Date | null;
  usefulness: number;
  wouldRecommend: boolean;
  comment: string;
}

/** The comments still stored (retention and erasure remove them), oldest session first. */
export async function feedbackComments(prisma: Prisma, period: { from: Date; to: Date }): Promise<FeedbackComment[]> {
  return prisma.$queryRaw<FeedbackComment[]>`
    SELECT p.name AS "partnerName", r.topics, r.scheduled_start AS "heldOn", f.usefulness, f.would_recommend AS "wouldRecommend", f.comment
    FROM session_feedback f JOIN session_requests r ON r.id = f.request_id JOIN people p ON p.id = r.partner_id
    WHERE f.comment IS NOT NULL AND r.scheduled_start >= ${period.from} AND r.scheduled_start < ${period.to}
    ORDER BY r.scheduled_start NULLS LAST, r.id`;
}
