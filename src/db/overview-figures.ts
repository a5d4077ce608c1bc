import type { Prisma } from "./client.ts";
import { isReserving, unitCountColumns } from "./reserving-states.ts";
import { isEligible } from "../domain/eligibility.ts";
import type { UnitCounts } from "../domain/quota.ts";
import type { MunicipalityKind, ProgrammeRules } from "../domain/types.ts";

export interface MunicipalityFigures extends UnitCounts {
  key: string;
  name: string;
  active: boolean;
  /** Its round and kind may book (src/domain/eligibility.ts). */
  eligible: boolean;
  /** It has requests in any state. */
  hasRequests: boolean;
  assignedUsed: number;
}

export interface WaitingRequest {
  requestId: string;
  municipalityKey: string;
  municipalityName: string;
  partnerName: string;
  createdAt: Date;
}

export interface OverviewFigures {
  /** Every municipality, by name. */
  municipalities: MunicipalityFigures[];
  /** Partners with reserving requests or an active profile, by name. */
  partners: Array<UnitCounts & { personId: string; name: string }>;
  /** Catalogue topics (retired ones only with units) and keys no longer in it, in catalogue order. */
  topics: Array<UnitCounts & { key: string; labelDe: string; labelEn: string }>;
  /** The oldest requests still waiting, and how many wait in all. */
  waiting: { count: number; requests: WaitingRequest[] };
  /** Held units with a date in the window; units requested in the window (any state now). */
  lastWeek: { held: number; requested: number };
  weekBefore: { held: number; requested: number };
}

export interface OverviewWindow {
  cohorts: string[];
  cohortKinds: ProgrammeRules["cohortKinds"];
  now: Date;
  weekAgo: Date;
  twoWeeksAgo: Date;
  /** Requests made before this still waiting for an answer count as waiting long. */
  waitingBefore: Date;
  waitingListLimit: number;
}

/** The figures of the lead's overview, in five statements run at once. */
export async function overviewFigures(prisma: Prisma, w: OverviewWindow): Promise<OverviewFigures> {
  const { now, weekAgo, twoWeeksAgo } = w;
  const [municipalities, partners, topics, waiting, weeks] = await Promise.all([
    // Sums over the reserving requests only (at most 12 units each; the long history of declined,
    // cancelled and expired ones is not read), and one index probe for "has any request".
    prisma.$queryRaw<Array<Omit<MunicipalityFigures, "eligible"> & { kind: MunicipalityKind; cohort: string }>>`
      WITH used AS (
        SELECT municipality_key, ${unitCountColumns()},
               COALESCE(SUM(units) FILTER (WHERE counts_assigned), 0)::int AS "assignedUsed"
        FROM session_requests WHERE ${isReserving()}
        GROUP BY municipality_key)
      SELECT m.key, m.name, m.active, m.kind::text AS kind, m.cohort,
             (u.municipality_key IS NOT NULL OR EXISTS (SELECT 1 FROM session_requests x WHERE x.municipality_key = m.key)) AS "hasRequests",
             COALESCE(u.held, 0) AS held, COALESCE(u.scheduled, 0) AS scheduled, COALESCE(u.pending, 0) AS pending,
             COALESCE(u."assignedUsed", 0) AS "assignedUsed"
      FROM municipalities m
      LEFT JOIN used u ON u.municipality_key = m.key
      ORDER BY m.name, m.key`,
    prisma.$queryRaw<Array<UnitCounts & { personId: string; name: string }>>`
      WITH used AS (
        SELECT partner_id, ${unitCountColumns()}
        FROM session_requests WHERE ${isReserving()}
        GROUP BY partner_id)
      SELECT p.id::text AS "personId", p.name,
             COALESCE(u.held, 0) AS held, COALESCE(u.scheduled, 0) AS scheduled, COALESCE(u.pending, 0) AS pending
      FROM people p
      LEFT JOIN partner_profiles pp ON pp.person_id = p.id
      LEFT JOIN used u ON u.partner_id = p.id
      WHERE u.partner_id IS NOT NULL OR (pp.active AND p.active)
      ORDER BY p.name, p.id`,
    // A request about two topics counts its units for each: topic rows may add up to more than the totals.
    prisma.$queryRaw<Array<UnitCounts & { key: string; labelDe: string; labelEn: string }>>`
      WITH used AS (
        SELECT t.key, ${unitCountColumns("r.")}
        FROM session_requests r CROSS JOIN LATERAL (SELECT DISTINCT unnest(r.topics) AS key) t
        WHERE ${isReserving("r.state")}
        GROUP BY t.key)
      SELECT COALESCE(c.key, u.key) AS key, COALESCE(c.label_de, u.key) AS "labelDe", COALESCE(c.label_en, u.key) AS "labelEn",
             COALESCE(u.held, 0) AS held, COALESCE(u.scheduled, 0) AS scheduled, COALESCE(u.pending, 0) AS pending
      FROM topics c FULL JOIN used u ON u.key = c.key
      WHERE u.key IS NOT NULL OR NOT c.retired
      ORDER BY c.sort_order NULLS LAST, COALESCE(c.key, u.key)`,
    prisma.$queryRaw<Array<WaitingRequest & { total: number }>>`
      SELECT r.id::text AS "requestId", r.municipality_key AS "municipalityKey", m.name AS "municipalityName",
             p.name AS "partnerName", r.created_at AS "createdAt", (COUNT(*) OVER ())::int AS total
      FROM session_requests r
      JOIN municipalities m ON m.key = r.municipality_key
      JOIN people p ON p.id = r.partner_id
      WHERE r.state = 'requested' AND r.created_at < ${w.waitingBefore}
      ORDER BY r.created_at, r.id
      LIMIT ${w.waitingListLimit}`,
    // Two ranges read separately, each along its own index (an OR of the two made it a full scan).
    prisma.$queryRaw<Array<{ heldLast: number; heldBefore: number; requestedLast: number; requestedBefore: number }>>`
      SELECT h."heldLast", h."heldBefore", c."requestedLast", c."requestedBefore"
      FROM (SELECT COALESCE(SUM(units) FILTER (WHERE scheduled_start >= ${weekAgo}), 0)::int AS "heldLast",
                   COALESCE(SUM(units) FILTER (WHERE scheduled_start < ${weekAgo}), 0)::int AS "heldBefore"
            FROM session_requests
            WHERE state = 'held' AND scheduled_start >= ${twoWeeksAgo} AND scheduled_start < ${now}) h,
           (SELECT COALESCE(SUM(units) FILTER (WHERE created_at >= ${weekAgo}), 0)::int AS "requestedLast",
                   COALESCE(SUM(units) FILTER (WHERE created_at < ${weekAgo}), 0)::int AS "requestedBefore"
            FROM session_requests
            WHERE created_at >= ${twoWeeksAgo} AND created_at < ${now}) c`,
  ]);
  const week = weeks[0] ?? { heldLast: 0, heldBefore: 0, requestedLast: 0, requestedBefore: 0 };
  return {
    municipalities: municipalities.map(({ kind, cohort, ...m }) => ({ ...m, eligible: isEligible(w, { kind, cohort }) })),
    partners,
    topics,
    waiting: { count: waiting[0]?.total ?? 0, requests: waiting.map(({ total: _total, ...request }) => request) },
    lastWeek: { held: week.heldLast, requested: week.requestedLast },
    weekBefore: { held: week.heldBefore, requested: week.requestedBefore },
  };
}
