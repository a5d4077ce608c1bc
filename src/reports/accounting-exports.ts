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

const clean = (column: string) => `translate(${column}, chr(29) || chr(30) || chr(31), '')`;
const sessionFields = 14;
interface PartnerRow { name: string; organisation: string; held: number; scheduled: number }
interface MunicipalityRow { key: string; name: string; kind: string; cohort: string; held: number; used: number; assignedUsed: number }

/**
 * The three accounting files for [from, to]. "Held in the period" means: state held and the
 * session's date inside the period; partners are paid for exactly these units, so the held
 * column of sessions.csv, partners.csv and municipalities.csv add up to the same number.
 * No free-text question and no requester name leaves the database here.
 */
export async function buildAccountingExports(prisma: Prisma, programme: Rules, period: AccountingPeriod): Promise<AccountingExports> {
  const from = startOfCalendarDay(period.from, programme.timezone);
  const to = startOfCalendarDay(addCalendarDays(period.to, 1), programme.timezone);
  const tz = programme.timezone;
  const inPeriod = (column: string) => `${column} >= $1 AND ${column} < $2`;

  // One snapshot for all three files: on a live server a session marked held between two
  // statements would otherwise make the sums differ.
  const [sessions, partners, municipalities, topics] = await prisma.$transaction([
    // All rows as one text, fields split by the ASCII unit separator (31), rows by the record
    // separator (30), topics by the group separator (29): on PGlite this is ~10x faster than row
    // objects through Prisma and ~4x faster than json_agg. Names lose those control characters.
    prisma.$queryRawUnsafe<Array<{ rows: string | null }>>(`
      SELECT string_agg(concat_ws(chr(31),
               r.id, ${clean("m.name")}, m.kind, ${clean("m.cohort")}, ${clean("p.name")},
               array_to_string(r.topics, chr(29)), r.state, r.units, r.counts_assigned::int,
               to_char(r.created_at AT TIME ZONE $3, 'DD.MM.YYYY'),
               COALESCE(to_char(r.scheduled_start AT TIME ZONE $3, 'DD.MM.YYYY'), ''),
               COALESCE(to_char(r.scheduled_start AT TIME ZONE $3, 'HH24:MI'), ''),
               COALESCE(r.format::text, ''),
               CASE WHEN r.state = 'held' AND ${inPeriod("r.scheduled_start")} THEN r.units ELSE 0 END),
             chr(30) ORDER BY r.created_at, r.id) AS rows
      FROM session_requests r
      JOIN municipalities m ON m.key = r.municipality_key
      JOIN people p ON p.id = r.partner_id
      WHERE (${inPeriod("r.created_at")}) OR (${inPeriod("r.scheduled_start")})`, from, to, tz),
    prisma.$queryRawUnsafe<PartnerRow[]>(`
      WITH used AS (
        SELECT partner_id,
               COALESCE(SUM(units) FILTER (WHERE state = 'held'), 0)::int AS held,
               COALESCE(SUM(units) FILTER (WHERE state = 'scheduled'), 0)::int AS scheduled
        FROM session_requests
        WHERE state IN ('held', 'scheduled') AND ${inPeriod("scheduled_start")}
        GROUP BY partner_id)
      SELECT p.name, COALESCE(pp.organisation, '') AS organisation,
             COALESCE(u.held, 0) AS held, COALESCE(u.scheduled, 0) AS scheduled
      FROM people p
      LEFT JOIN partner_profiles pp ON pp.person_id = p.id
      LEFT JOIN used u ON u.partner_id = p.id
      WHERE u.partner_id IS NOT NULL OR (pp.active AND p.active)
      ORDER BY p.name, p.id`, from, to),
    prisma.$queryRawUnsafe<MunicipalityRow[]>(`
      SELECT m.key, m.name, m.kind::text AS kind, m.cohort,
             COALESCE(SUM(r.units) FILTER (WHERE r.state = 'held' AND ${inPeriod("r.scheduled_start")}), 0)::int AS held,
             COALESCE(SUM(r.units) FILTER (WHERE r.state IN ('requested', 'scheduled', 'held')), 0)::int AS used,
             COALESCE(SUM(r.units) FILTER (WHERE r.state IN ('requested', 'scheduled', 'held') AND r.counts_assigned), 0)::int AS "assignedUsed"
      FROM municipalities m
      LEFT JOIN session_requests r ON r.municipality_key = m.key
      GROUP BY m.key
      HAVING m.active OR COUNT(r.id) > 0
      ORDER BY m.name, m.key`, from, to),
    prisma.topic.findMany({ select: { key: true, labelDe: true } }),
  ]);

  const labels = new Map(topics.map((t) => [t.key, t.labelDe]));
  return {
    sessions: sessionsCsv(sessions[0]?.rows ?? null, labels),
    partners: partnersCsv(partners),
    municipalities: municipalitiesCsv(municipalities, programme),
    feedback: await buildFeedbackCsv(prisma, { from, to, timezone: tz }),
  };
}

function sessionsCsv(text: string | null, labels: Map<string, string>): string {
  const header = [
    "ID", "Kommune", "Art", "Projektrunde", "Sparring-Partner/-in", "Themen", "Status", "Einheiten",
    "Zählt zum Teilkontingent", "Angefragt am", "Termin", "Uhrzeit", "Format", "Durchgeführte Einheiten im Zeitraum",
  ];
  const body: Cell[][] = text === null ? [] : text.split("\x1e").map((line) => {
    const f = line.split("\x1f");
    if (f.length !== sessionFields) throw new Error(`session row with ${f.length} fields instead of ${sessionFields}`);
    const [id, municipality, kind, cohort, partner, topics, state, units, countsAssigned, requestedOn, date, time, format, held] = f as [
      string, string, string, string, string, string, keyof typeof de.states, string, string, string, string, string, string, string,
    ];
    return [
      id, municipality, kind, cohort, partner,
      topics === "" ? "" : topics.split("\x1d").map((key) => labels.get(key) ?? key).join(", "),
      de.states[state], Number(units), countsAssigned === "1" ? "ja" : "nein", requestedOn,
      date, time, format === "" ? null : de.formats[format as keyof typeof de.formats], Number(held),
    ];
  });
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
