import type { Prisma } from "../db/client.ts";
import { municipalityFigures, overviewFigures, waitingFigures, type MunicipalityFigures, type WaitingRequest } from "../db/overview-figures.ts";
import { addCalendarDays, calendarDayOf, startOfCalendarDay, type CalendarDay } from "../domain/calendar-day.ts";
import { feedbackByPartnerAndTopic } from "../db/session-feedback.ts";
import { usageWeeks, type UsageWeekRow } from "../db/usage-weeks.ts";
import { feedbackFigures, type FeedbackFigures } from "../domain/feedback.ts";
import { forecastUsage, type Forecast } from "../domain/forecast.ts";
import { unitsUsed, type UnitCounts } from "../domain/quota.ts";
import type { ProgrammeRules } from "../domain/types.ts";
import { addWorkingDays } from "../domain/working-days.ts";

export type { UnitCounts, WaitingRequest };

export interface MunicipalityUsage extends UnitCounts {
  key: string;
  name: string;
  /** held + scheduled + pending, against the quota. */
  used: number;
  assignedUsed: number;
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
  /** Active municipalities that may book (round and kind) without any request. */
  unused: Array<{ key: string; name: string }>;
  /** Held: sessions held with a date in the window; requested: requests made in the window (any state now). */
  lastWeek: { held: number; requested: number };
  weekBefore: { held: number; requested: number };
  /** Units likely used by the programme end at the rate so far, per municipality that may book (or has booked). */
  forecast: Forecast;
  /** The requesters' feedback per partner and per topic: figures only, never a comment. */
  /** Units per week by state (the weekly chart), weeks by their Monday in the programme's zone. */
  weeks: UsageWeekRow[];
  feedback: { byPartner: Array<FeedbackFigures & { name: string }>; byTopic: Array<FeedbackFigures & { key: string; name: string }> };
}

export interface OverviewOptions {
  /** Most waiting requests listed (all are counted). */
  waitingListLimit?: number;
}

const dayMs = 86_400_000;

/** What the lead's Home shows of the overview: the units, the quota lists and the waiting count. */
export type QuotaOverview = Pick<Overview, "totals" | "byMunicipality" | "quota" | "nearQuota" | "atQuota" | "waiting" | "unused">;

export async function buildOverview(prisma: Prisma, programme: ProgrammeRules, now: Date, options: OverviewOptions = {}): Promise<Overview> {
  const waitingDays = waitingWorkingDays(programme);
  const weekAgo = new Date(now.getTime() - 7 * dayMs);
  const twoWeeksAgo = new Date(now.getTime() - 14 * dayMs);

  const [figures, feedback, weeks] = await Promise.all([
    overviewFigures(prisma, {
      cohorts: programme.cohorts, cohortKinds: programme.cohortKinds, now, weekAgo, twoWeeksAgo,
      waitingBefore: waitingCutoff(now, waitingDays, programme), waitingListLimit: options.waitingListLimit ?? 50,
    }),
    feedbackByPartnerAndTopic(prisma),
    usageWeeks(prisma, programme.timezone),
  ]);
  const { municipalities } = figures;
  return {
    generatedAt: now,
    ...quotaFigures(programme, municipalities),
    byPartner: figures.partners,
    byTopic: figures.topics,
    waiting: { workingDays: waitingDays, ...figures.waiting },
    lastWeek: figures.lastWeek,
    weekBefore: figures.weekBefore,
    forecast: forecastUsage(
      programme,
      municipalities
        .filter((m) => (m.active && m.eligible) || unitsUsed(m) > 0)
        .map((m) => ({ key: m.key, name: m.name, used: unitsUsed(m) })),
      now,
    ),
    weeks,
    feedback: {
      byPartner: feedback.byPartner.map((g) => ({ name: g.name, ...feedbackFigures(g) })),
      byTopic: feedback.byTopic.map((g) => ({ key: g.key, name: g.name, ...feedbackFigures(g) })),
    },
  };
}

/** The lead's Home: only the municipalities' units and the waiting count (two statements, not nine). */
export async function buildQuotaOverview(prisma: Prisma, programme: ProgrammeRules, now: Date): Promise<QuotaOverview> {
  const waitingDays = waitingWorkingDays(programme);
  const [municipalities, waiting] = await Promise.all([
    municipalityFigures(prisma, programme),
    waitingFigures(prisma, waitingCutoff(now, waitingDays, programme), 0),
  ]);
  return { ...quotaFigures(programme, municipalities), waiting: { workingDays: waitingDays, ...waiting } };
}

const waitingWorkingDays = (programme: Pick<ProgrammeRules, "requestExpiryWorkingDays">) => Math.max(1, programme.requestExpiryWorkingDays - 2);

function quotaFigures(programme: ProgrammeRules, municipalities: MunicipalityFigures[]): Omit<QuotaOverview, "waiting"> {
  const nearFrom = programme.quotaUnits - 2;
  const byMunicipality = municipalities
    .filter((m) => m.active || m.hasRequests)
    .map(({ key, name, held, scheduled, pending, assignedUsed }) => ({
      key, name, held, scheduled, pending, used: unitsUsed({ held, scheduled, pending }), assignedUsed,
    }));
  return {
    totals: {
      held: byMunicipality.reduce((t, m) => t + m.held, 0),
      scheduled: byMunicipality.reduce((t, m) => t + m.scheduled, 0),
      pending: byMunicipality.reduce((t, m) => t + m.pending, 0),
    },
    byMunicipality,
    quota: { limit: programme.quotaUnits, nearFrom },
    nearQuota: byMunicipality.filter((m) => m.used >= nearFrom && m.used < programme.quotaUnits).map(({ key, name, used }) => ({ key, name, used })),
    atQuota: byMunicipality.filter((m) => m.used >= programme.quotaUnits).map(({ key, name, used }) => ({ key, name, used })),
    unused: municipalities.filter((m) => m.active && m.eligible && !m.hasRequests).map(({ key, name }) => ({ key, name })),
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
