import type { Prisma } from "../db/client.ts";
import { addCalendarDays, calendarDayOf, startOfCalendarDay, type CalendarDay } from "../domain/calendar-day.ts";
import { forecastUsage, type Forecast } from "../domain/forecast.ts";
import type { ProgrammeRules } from "../domain/types.ts";
import { addWorkingDays } from "../domain/working-days.ts";

export interface UnitCounts {
  held: number;
  scheduled: number;
  /** Requested, not yet answered. */
  pending: number;
}

export interface MunicipalityUsage extends UnitCounts {
  key: string;
  name: string;
  /** held + scheduled + pending, against the quota. */
  used: number;
  assignedUsed: number;
}

export interface WaitingRequest {
  requestId: string;
  municipalityKey: string;
  municipalityName: string;
  partnerName: string;
  createdAt: Date;
}

/**
 * What leads see (the programme's rules on what each role sees), for the whole programme. Names of
 * municipalities, partners and topics and counts only: no requester, no question.
 */
export interface Overview {
  generatedAt: Date;
  totals: UnitCounts;
  byMunicipality: MunicipalityUsage[];
  byPartner: Array<UnitCounts & { personId: string; name: string }>;
  byTopic: Array<UnitCounts & { key: string; labelDe: string; labelEn: string }>;
  quota: { limit: number; nearFrom: number };
  /** used ≥ limit − 2 but below the limit. */
  nearQuota: Array<{ key: string; name: string; used: number }>;
  atQuota: Array<{ key: string; name: string; used: number }>;
  waiting: { workingDays: number; count: number; requests: WaitingRequest[] };
  /** Active municipalities of the programme's cohorts without any request. */
  unused: Array<{ key: string; name: string }>;
  /** Held: sessions held with a date in the window; requested: requests made in the window (any state now). */
  lastWeek: { held: number; requested: number };
  weekBefore: { held: number; requested: number };
  /** Units likely used by the programme end at the rate so far, per municipality that may book (or has booked). */
  forecast: Forecast;
}

export interface OverviewOptions {
  /** Most waiting requests listed (all are counted). */
  waitingListLimit?: number;
}

const dayMs = 86_400_000;

export async function buildOverview(prisma: Prisma, programme: ProgrammeRules, now: Date, options: OverviewOptions = {}): Promise<Overview> {
  const waitingDays = Math.max(1, programme.requestExpiryWorkingDays - 2);
  const waitingBefore = waitingCutoff(now, waitingDays, programme);
  const weekAgo = new Date(now.getTime() - 7 * dayMs);
  const twoWeeksAgo = new Date(now.getTime() - 14 * dayMs);
  const limit = options.waitingListLimit ?? 50;

  const [municipalities, partners, topics, waiting, weeks] = await Promise.all([
    prisma.$queryRaw<Array<MunicipalityUsage & { eligible: boolean; requests: number; active: boolean }>>`
      SELECT m.key, m.name, m.active, m.cohort = ANY(${programme.cohorts}::text[]) AS eligible,
             COUNT(r.id)::int AS requests,
             COALESCE(SUM(r.units) FILTER (WHERE r.state = 'held'), 0)::int AS held,
             COALESCE(SUM(r.units) FILTER (WHERE r.state = 'scheduled'), 0)::int AS scheduled,
             COALESCE(SUM(r.units) FILTER (WHERE r.state = 'requested'), 0)::int AS pending,
             COALESCE(SUM(r.units) FILTER (WHERE r.state IN ('requested', 'scheduled', 'held') AND r.counts_assigned), 0)::int AS "assignedUsed"
      FROM municipalities m
      LEFT JOIN session_requests r ON r.municipality_key = m.key
      GROUP BY m.key
      ORDER BY m.name, m.key`,
    prisma.$queryRaw<Array<UnitCounts & { personId: string; name: string }>>`
      WITH used AS (
        SELECT partner_id,
               COALESCE(SUM(units) FILTER (WHERE state = 'held'), 0)::int AS held,
               COALESCE(SUM(units) FILTER (WHERE state = 'scheduled'), 0)::int AS scheduled,
               COALESCE(SUM(units) FILTER (WHERE state = 'requested'), 0)::int AS pending
        FROM session_requests WHERE state IN ('requested', 'scheduled', 'held')
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
        SELECT t.key,
               COALESCE(SUM(r.units) FILTER (WHERE r.state = 'held'), 0)::int AS held,
               COALESCE(SUM(r.units) FILTER (WHERE r.state = 'scheduled'), 0)::int AS scheduled,
               COALESCE(SUM(r.units) FILTER (WHERE r.state = 'requested'), 0)::int AS pending
        FROM session_requests r CROSS JOIN LATERAL (SELECT DISTINCT unnest(r.topics) AS key) t
        WHERE r.state IN ('requested', 'scheduled', 'held')
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
      WHERE r.state = 'requested' AND r.created_at < ${waitingBefore}
      ORDER BY r.created_at, r.id
      LIMIT ${limit}`,
    prisma.$queryRaw<Array<{ heldLast: number; heldBefore: number; requestedLast: number; requestedBefore: number }>>`
      SELECT
        COALESCE(SUM(units) FILTER (WHERE state = 'held' AND scheduled_start >= ${weekAgo} AND scheduled_start < ${now}), 0)::int AS "heldLast",
        COALESCE(SUM(units) FILTER (WHERE state = 'held' AND scheduled_start >= ${twoWeeksAgo} AND scheduled_start < ${weekAgo}), 0)::int AS "heldBefore",
        COALESCE(SUM(units) FILTER (WHERE created_at >= ${weekAgo} AND created_at < ${now}), 0)::int AS "requestedLast",
        COALESCE(SUM(units) FILTER (WHERE created_at >= ${twoWeeksAgo} AND created_at < ${weekAgo}), 0)::int AS "requestedBefore"
      FROM session_requests
      WHERE (scheduled_start >= ${twoWeeksAgo} AND scheduled_start < ${now}) OR (created_at >= ${twoWeeksAgo} AND created_at < ${now})`,
  ]);

  const nearFrom = programme.quotaUnits - 2;
  const byMunicipality = municipalities
    .filter((m) => m.active || m.requests > 0)
    .map(({ key, name, held, scheduled, pending, assignedUsed }) => ({
      key, name, held, scheduled, pending, used: held + scheduled + pending, assignedUsed,
    }));
  const week = weeks[0] ?? { heldLast: 0, heldBefore: 0, requestedLast: 0, requestedBefore: 0 };
  return {
    generatedAt: now,
    totals: {
      held: byMunicipality.reduce((t, m) => t + m.held, 0),
      scheduled: byMunicipality.reduce((t, m) => t + m.scheduled, 0),
      pending: byMunicipality.reduce((t, m) => t + m.pending, 0),
    },
    byMunicipality,
    byPartner: partners,
    byTopic: topics,
    quota: { limit: programme.quotaUnits, nearFrom },
    nearQuota: byMunicipality.filter((m) => m.used >= nearFrom && m.used < programme.quotaUnits).map(({ key, name, used }) => ({ key, name, used })),
    atQuota: byMunicipality.filter((m) => m.used >= programme.quotaUnits).map(({ key, name, used }) => ({ key, name, used })),
    waiting: {
      workingDays: waitingDays,
      count: waiting[0]?.total ?? 0,
      requests: waiting.map(({ total: _total, ...request }) => request),
    },
    unused: municipalities.filter((m) => m.active && m.eligible && m.requests === 0).map(({ key, name }) => ({ key, name })),
    lastWeek: { held: week.heldLast, requested: week.requestedLast },
    weekBefore: { held: week.heldBefore, requested: week.requestedBefore },
    forecast: forecastUsage(
      programme,
      municipalities
        .filter((m) => (m.active && m.eligible) || m.held + m.scheduled + m.pending > 0)
        .map((m) => ({ key: m.key, name: m.name, used: m.held + m.scheduled + m.pending })),
      now,
    ),
  };
}

/**
 * Requests made before the returned instant have waited longer than `workingDays` full working
 * days (counted like the expiry in src/domain/working-days.ts). The deadline grows with the day a
 * request was made, so the last day whose deadline has passed bounds them all.
 */
export function waitingCutoff(now: Date, workingDays: number, rules: Pick<ProgrammeRules, "timezone" | "holidayRegion">): Date {
  const deadline = (day: CalendarDay) => startOfCalendarDay(addCalendarDays(addWorkingDays(day, workingDays, rules), 1), rules.timezone);
  let day = calendarDayOf(now, rules.timezone);
  while (deadline(day) > now) day = addCalendarDays(day, -1);
  return startOfCalendarDay(addCalendarDays(day, 1), rules.timezone);
}
