import { withAccountingRows, type MunicipalityRow, type PartnerRow, type SessionRow } from "../db/accounting-rows.ts";
import type { Prisma } from "../db/client.ts";
import { addCalendarDays, startOfCalendarDay, type CalendarDay } from "../domain/calendar-day.ts";
import { defaultLocale, type ProgrammeRules } from "../domain/types.ts";
import { messages, type Messages } from "../i18n/index.ts";
import { excelCsvField, excelCsvHeader, toExcelCsv, type Cell } from "./csv.ts";
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

/** The four files by name; each is written as a stream of text parts in file order. */
export type AccountingExportFile = keyof AccountingExports;
export interface CsvSink {
  write(part: string): Promise<void> | void;
  end(): Promise<void> | void;
}

/**
 * The accounting files for [from, to) (rows: src/db/accounting-rows.ts), and feedback.csv, as strings
 * (the Slack upload needs whole files): each file's text is kept once, never its rows beside it.
 */
export async function buildAccountingExports(prisma: Prisma, programme: Rules, period: AccountingPeriod): Promise<AccountingExports> {
  const parts: Record<AccountingExportFile, string[]> = { sessions: [], partners: [], municipalities: [], feedback: [] };
  await writeAccountingExports(prisma, programme, period, (file) => ({ write: (part) => void parts[file].push(part), end: () => undefined }));
  return {
    sessions: parts.sessions.join(""),
    partners: parts.partners.join(""),
    municipalities: parts.municipalities.join(""),
    feedback: parts.feedback.join(""),
  };
}

/**
 * Streams the four files into the sinks `open` returns, one after the other (sessions first, in
 * batches as the database yields them). The held column of sessions.csv, partners.csv and
 * municipalities.csv add up to the same number.
 */
export async function writeAccountingExports(
  prisma: Prisma,
  programme: Rules,
  period: AccountingPeriod,
  open: (file: AccountingExportFile) => CsvSink,
): Promise<void> {
  const from = startOfCalendarDay(period.from, programme.timezone);
  const to = startOfCalendarDay(addCalendarDays(period.to, 1), programme.timezone);
  const language = programme.language ?? defaultLocale;
  const t = messages(language);
  await withAccountingRows(prisma, { from, to, timezone: programme.timezone }, {}, async ({ sessionBatches, partners, municipalities, topics }) => {
    const labels = new Map(topics.map((topic) => [topic.key, language === "en" ? topic.labelEn : topic.labelDe]));
    const sessions = open("sessions");
    await sessions.write(excelCsvHeader(t.csv.sessions));
    const records = sessionRecords(labels, t);
    for await (const batch of sessionBatches) await sessions.write(records(batch));
    await sessions.end();
    await writeWhole(open("partners"), partnersCsv(partners, t));
    await writeWhole(open("municipalities"), municipalitiesCsv(municipalities, programme, t));
  });
  await writeWhole(open("feedback"), await buildFeedbackCsv(prisma, { from, to, timezone: programme.timezone }));
}

async function writeWhole(sink: CsvSink, text: string): Promise<void> {
  await sink.write(text);
  await sink.end();
}

/**
 * The sessions file's records, as excelCsvRecords writes them, built without a cell array per
 * row: at a million rows those arrays cost more than the text. Names, kinds, rounds and topic
 * lists repeat, so each distinct one is quoted once; ids, dates, times and numbers never need it.
 */
function sessionRecords(labels: Map<string, string>, t: Messages): (rows: SessionRow[]) => string {
  const quoted = new Map<string, string>();
  const cell = (value: string) => {
    let field = quoted.get(value);
    if (field === undefined) quoted.set(value, (field = excelCsvField(value)));
    return field;
  };
  const topicCells = new Map<string, string>();
  const topicsCell = (keys: string[]) => {
    const id = keys.join("\x1d");
    let field = topicCells.get(id);
    if (field === undefined) topicCells.set(id, (field = excelCsvField(keys.map((key) => labels.get(key) ?? key).join(", "))));
    return field;
  };
  const states = new Map(Object.entries(t.states).map(([state, label]) => [state, excelCsvField(label)]));
  const formats = new Map(Object.entries(t.formats).map(([format, label]) => [format, excelCsvField(label)]));
  const [yes, no] = [excelCsvField(t.csv.yes), excelCsvField(t.csv.no)];
  return (rows) => {
    let text = "";
    for (const r of rows) {
      text += `${r.id};${cell(r.municipality)};${cell(r.kind)};${cell(r.cohort)};${cell(r.partner)};${topicsCell(r.topics)};` +
        `${states.get(r.state) ?? ""};${r.units};${r.countsAssigned ? yes : no};${r.requestedOn};${r.date};${r.time};` +
        `${r.format === null ? "" : (formats.get(r.format) ?? "")};${r.held}\r\n`;
    }
    return text;
  };
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
