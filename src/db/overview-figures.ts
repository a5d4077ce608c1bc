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

/** The figures of the lead's overview, in six statements run at once. */
export async function overviewFigures(prisma: Prisma, w: OverviewWindow): Promise<OverviewFigures> {
  const [municipalities, partners, topics, waiting, recent] = await Promise.all([
    municipalityFigures(prisma, w),
    partnerFigures(prisma),
    topicFigures(prisma),
    waitingFigures(prisma, w.waitingBefore, w.waitingListLimit),
    recentFigures(prisma, w),
  ]);
  return { municipalities, partners, topics, waiting, ...recent };
}

/** Every municipality, by name, with its units. */
export async function municipalityFigures(prisma: Prisma, w: Pick<OverviewWindow, "cohorts" | "cohortKinds">): Promise<MunicipalityFigures[]> {
  // Sums over the reserving requests only (at most 12 units each; the long history of declined,
  // cancelled and expired ones is not read), and one index probe for "has any request".
  const rows = await prisma.$queryRaw<Array<Omit<MunicipalityFigures, "eligible"> & { kind: MunicipalityKind; cohort: string }>>`
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
    ORDER BY m.name, m.key`;
  return rows.map(({ kind, cohort, ...m }) => ({ ...m, eligible: isEligible(w, { kind, cohort }) }));
}

async function partnerFigures(prisma: Prisma): Promise<OverviewFigures["partners"]> {
  return prisma.$queryRaw<Array<UnitCounts & { personId: string; name: string }>>`
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
    ORDER BY p.name, p.id`;
}

async function topicFigures(prisma: Prisma): Promise<OverviewFigures["topics"]> {
  // A request about two topics counts its units for each: topic rows may add up to more than the totals.
  // Summed per set of topics first (a handful of distinct sets), then per topic.
  return prisma.$queryRaw<Array<UnitCounts & { key: string; labelDe: string; labelEn: string }>>`
    WITH sets AS (
      SELECT topics, ${unitCountColumns()}
      FROM session_requests WHERE ${isReserving()}
      GROUP BY topics),
    used AS (
      SELECT t.key, SUM(s.held)::int AS held, SUM(s.scheduled)::int AS scheduled, SUM(s.pending)::int AS pending
      FROM sets s CROSS JOIN LATERAL (SELECT DISTINCT unnest(s.topics) AS key) t
      GROUP BY t.key)
    SELECT COALESCE(c.key, u.key) AS key, COALESCE(c.label_de, u.key) AS "labelDe", COALESCE(c.label_en, u.key) AS "labelEn",
           COALESCE(u.held, 0) AS held, COALESCE(u.scheduled, 0) AS scheduled, COALESCE(u.pending, 0) AS pending
    FROM topics c FULL JOIN used u ON u.key = c.key
    WHERE u.key IS NOT NULL OR NOT c.retired
    ORDER BY c.sort_order NULLS LAST, COALESCE(c.key, u.key)`;
}

/** How many requests wait since before `waitingBefore`, and the oldest `limit` of them. */
export async function waitingFigures(prisma: Prisma, waitingBefore: Date, limit: number): Promise<OverviewFigures["waiting"]> {
  const [counted, requests] = await Promise.all([
    // Counted apart from the list, so the Home (which lists none) gets the count too.
    prisma.$queryRaw<Array<{ count: number }>>`
      SELECT COUNT(*)::int AS count FROM session_requests WHERE state = 'requested' AND created_at < ${waitingBefore}`,
    // The oldest first; names only for the rows listed.
    limit <= 0 ? Promise.resolve([]) : prisma.$queryRaw<WaitingRequest[]>`
      SELECT r.id::text AS "requestId", r.municipality_key AS "municipalityKey", m.name AS "municipalityName",
             p.name AS "partnerName", r.created_at AS "createdAt"
      FROM (SELECT id, municipality_key, partner_id, created_at FROM session_requests
            WHERE state = 'requested' AND created_at < ${waitingBefore}
            ORDER BY created_at, id
            LIMIT ${limit}) r
      JOIN municipalities m ON m.key = r.municipality_key
      JOIN people p ON p.id = r.partner_id
      ORDER BY r.created_at, r.id`,
  ]);
  return { count: counted[0]?.count ?? 0, requests };
}

async function recentFigures(prisma: Prisma, w: Pick<OverviewWindow, "now" | "weekAgo" | "twoWeeksAgo">): Promise<Pick<OverviewFigures, "lastWeek" | "weekBefore">> {
  const { now, weekAgo, twoWeeksAgo } = w;
  // Two ranges read separately, each along its own index (an OR of the two made it a full scan).
  const [week] = await prisma.$queryRaw<Array<{ heldLast: number; heldBefore: number; requestedLast: number; requestedBefore: number }>>`
    SELECT h."heldLast", h."heldBefore", c."requestedLast", c."requestedBefore"
    FROM (SELECT COALESCE(SUM(units) FILTER (WHERE scheduled_start >= ${weekAgo}), 0)::int AS "heldLast",
                 COALESCE(SUM(units) FILTER (WHERE scheduled_start < ${weekAgo}), 0)::int AS "heldBefore"
          FROM session_requests
          WHERE state = 'held' AND scheduled_start >= ${twoWeeksAgo} AND scheduled_start < ${now}) h,
         (SELECT COALESCE(SUM(units) FILTER (WHERE created_at >= ${weekAgo}), 0)::int AS "requestedLast",
                 COALESCE(SUM(units) FILTER (WHERE created_at < ${weekAgo}), 0)::int AS "requestedBefore"
          FROM session_requests
          WHERE created_at >= ${twoWeeksAgo} AND created_at < ${now}) c`;
  return {
    lastWeek: { held: week?.heldLast ?? 0, requested: week?.requestedLast ?? 0 },
    weekBefore: { held: week?.heldBefore ?? 0, requested: week?.requestedBefore ?? 0 },
  };
}
