import { accountingRows, type MunicipalityRow, type PartnerRow, type SessionRow } from "../db/accounting-rows.ts";
import type { Prisma } from "../db/client.ts";
import { addCalendarDays, startOfCalendarDay, type CalendarDay } from "../domain/calendar-day.ts";
import type { ProgrammeRules } from "../domain/types.ts";
import { de } from "../i18n/de.ts";
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

type Rules = Pick<ProgrammeRules, "timezone" | "quotaUnits" | "assignedQuotaUnits">;

/**
 * The accounting files for [from, to] (rows: src/db/accounting-rows.ts), and feedback.csv. The held column of
 * sessions.csv, partners.csv and municipalities.csv add up to the same number.
 */
export async function buildAccountingExports(prisma: Prisma, programme: Rules, period: AccountingPeriod): Promise<AccountingExports> {
  const from = startOfCalendarDay(period.from, programme.timezone);
  const to = startOfCalendarDay(addCalendarDays(period.to, 1), programme.timezone);
  const { sessions, partners, municipalities, topics } = await accountingRows(prisma, { from, to, timezone: programme.timezone });
  const labels = new Map(topics.map((t) => [t.key, t.labelDe]));
  return {
    sessions: sessionsCsv(sessions, labels),
    partners: partnersCsv(partners),
    municipalities: municipalitiesCsv(municipalities, programme),
    feedback: await buildFeedbackCsv(prisma, { from, to, timezone: programme.timezone }),
  };
}

function sessionsCsv(rows: SessionRow[], labels: Map<string, string>): string {
  const header = [
    "ID", "Kommune", "Art", "Projektrunde", "Sparring-Partner/-in", "Themen", "Status", "Einheiten",
    "Zählt zum Teilkontingent", "Angefragt am", "Termin", "Uhrzeit", "Format", "Durchgeführte Einheiten im Zeitraum",
  ];
  const body: Cell[][] = rows.map((r) => [
    r.id, r.municipality, r.kind, r.cohort, r.partner,
    r.topics.map((key) => labels.get(key) ?? key).join(", "),
    de.states[r.state], r.units, r.countsAssigned ? "ja" : "nein", r.requestedOn,
    r.date, r.time, r.format === null ? null : de.formats[r.format], r.held,
  ]);
  return toExcelCsv(header, body);
}
function partnersCsv(rows: PartnerRow[]): string {
  const header = ["Sparring-Partner/-in", "Organisation", "Durchgeführte Einheiten im Zeitraum", "Vereinbarte Einheiten im Zeitraum"];
  const body: Cell[][] = rows.map((r) => [r.name, r.organisation, r.held, r.scheduled]);
  body.push(["Summe", null, sum(rows, (r) => r.held), sum(rows, (r) => r.scheduled)]);
  return toExcelCsv(header, body);
}

function municipalitiesCsv(rows: MunicipalityRow[], rules: Rules): string {
  const header = [
    "Schlüssel", "Kommune", "Art", "Projektrunde", "Durchgeführte Einheiten im Zeitraum",
    `Genutzt im Programm (von ${rules.quotaUnits})`,
    `davon bei zugeordneten Prozessbegleiter/-innen (von ${rules.assignedQuotaUnits})`,
  ];
  const body: Cell[][] = rows.map((r) => [r.key, r.name, r.kind, r.cohort, r.held, r.used, r.assignedUsed]);
  body.push(["Summe", null, null, null, sum(rows, (r) => r.held), sum(rows, (r) => r.used), sum(rows, (r) => r.assignedUsed)]);
  return toExcelCsv(header, body);
}

const sum = <T>(rows: T[], pick: (row: T) => number) => rows.reduce((total, row) => total + pick(row), 0);
