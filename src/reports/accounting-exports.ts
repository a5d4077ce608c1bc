import { accountingRows, type MunicipalityRow, type PartnerRow, type SessionRow } from "../db/accounting-rows.ts";
import type { Prisma } from "../db/client.ts";
import { addCalendarDays, startOfCalendarDay, type CalendarDay } from "../domain/calendar-day.ts";
import type { ProgrammeRules } from "../domain/types.ts";
import { messages, type Messages } from "../i18n/index.ts";
import { toExcelCsv, type Cell } from "./csv.ts";
import { buildFeedbackCsv } from "./feedback-export.ts";

export interface AccountingPeriod {
  /** Calendar days (YYYY-MM-DD) in the programme's time zone, both inclusive. */
  from: CalendarDay;
  to: CalendarDay;
}

export interface AccountingExports {
  sessions: string;
  partners: string;
  municipalities: string;
  /** Feedback per partner and topic, and the comments still stored (the lead's export only). */
  feedback: string;
}

/** `language` (default de): the programme's setting for the CSV headers and words. */
type Rules = Pick<ProgrammeRules, "timezone" | "quotaUnits" | "assignedQuotaUnits"> & Partial<Pick<ProgrammeRules, "language">>;

/**
 * The accounting files for [from, to] (rows: src/db/accounting-rows.ts), and feedback.csv. The held column of
 * sessions.csv, partners.csv and municipalities.csv add up to the same number.
 */
export async function buildAccountingExports(prisma: Prisma, programme: Rules, period: AccountingPeriod): Promise<AccountingExports> {
  const from = startOfCalendarDay(period.from, programme.timezone);
  const to = startOfCalendarDay(addCalendarDays(period.to, 1), programme.timezone);
  const { sessions, partners, municipalities, topics } = await accountingRows(prisma, { from, to, timezone: programme.timezone });
  const language = programme.language ?? "de";
  const t = messages(language);
  const labels = new Map(topics.map((topic) => [topic.key, language === "en" ? topic.labelEn : topic.labelDe]));
  return {
    sessions: sessionsCsv(sessions, labels, t),
    partners: partnersCsv(partners, t),
    municipalities: municipalitiesCsv(municipalities, programme, t),
    feedback: await buildFeedbackCsv(prisma, { from, to, timezone: programme.timezone }),
  };
}

function sessionsCsv(rows: SessionRow[], labels: Map<string, string>, t: Messages): string {
  const header = t.csv.sessions;
  const body: Cell[][] = rows.map((r) => [
    r.id, r.municipality, r.kind, r.cohort, r.partner,
    r.topics.map((key) => labels.get(key) ?? key).join(", "),
    t.states[r.state], r.units, r.countsAssigned ? t.csv.yes : t.csv.no, r.requestedOn,
    r.date, r.time, r.format === null ? null : t.formats[r.format], r.held,
  ]);
  return toExcelCsv(header, body);
}
function partnersCsv(rows: PartnerRow[], t: Messages): string {
  const header = t.csv.partners;
  const body: Cell[][] = rows.map((r) => [r.name, r.organisation, r.held, r.scheduled]);
  body.push([t.csv.total, null, sum(rows, (r) => r.held), sum(rows, (r) => r.scheduled)]);
  return toExcelCsv(header, body);
}

function municipalitiesCsv(rows: MunicipalityRow[], rules: Rules, t: Messages): string {
  const header = t.csv.municipalities(rules.quotaUnits, rules.assignedQuotaUnits);
  const body: Cell[][] = rows.map((r) => [r.key, r.name, r.kind, r.cohort, r.held, r.used, r.assignedUsed]);
  body.push([t.csv.total, null, null, null, sum(rows, (r) => r.held), sum(rows, (r) => r.used), sum(rows, (r) => r.assignedUsed)]);
  return toExcelCsv(header, body);
}

const sum = <T>(rows: T[], pick: (row: T) => number) => rows.reduce((total, row) => total + pick(row), 0);
