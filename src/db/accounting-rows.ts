import type { Prisma } from "./client.ts";
import { reservingStateList } from "./reserving-states.ts";
import type { RequestState, SessionFormat } from "../domain/types.ts";

/** One request as the sessions file lists it; dates and times already in the programme's time zone. */
export interface SessionRow {
  id: string;
  municipality: string;
  kind: string;
  cohort: string;
  partner: string;
  topics: string[];
  state: RequestState;
  units: number;
  countsAssigned: boolean;
  /** dd.mm.yyyy */
  requestedOn: string;
  /** dd.mm.yyyy, or "" without a date. */
  date: string;
  /** HH:MM, or "". */
  time: string;
  format: SessionFormat | null;
  /** Units held with the session's date in the period. */
  held: number;
}
export interface PartnerRow { name: string; organisation: string; held: number; scheduled: number }
export interface MunicipalityRow { key: string; name: string; kind: string; cohort: string; held: number; used: number; assignedUsed: number }

export interface AccountingRows {
  sessions: SessionRow[];
  partners: PartnerRow[];
  municipalities: MunicipalityRow[];
  topics: Array<{ key: string; labelDe: string; labelEn: string }>;
}

const clean = (column: string) => `translate(${column}, chr(29) || chr(30) || chr(31), '')`;
const sessionFields = 14;

/**
 * The rows of the three accounting files for [from, to), read in one snapshot. "Held in the period"
 * means: state held and the session's date inside the period; partners are paid for exactly these
 * units, so the held figures of the three files add up to the same number. No free-text question
 * and no requester name leaves the database here.
 */
export async function accountingRows(prisma: Prisma, period: { from: Date; to: Date; timezone: string }): Promise<AccountingRows> {
  const { from, to, timezone: tz } = period;
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
             COALESCE(SUM(r.units) FILTER (WHERE r.state IN (${reservingStateList()})), 0)::int AS used,
             COALESCE(SUM(r.units) FILTER (WHERE r.state IN (${reservingStateList()}) AND r.counts_assigned), 0)::int AS "assignedUsed"
      FROM municipalities m
      LEFT JOIN session_requests r ON r.municipality_key = m.key
      GROUP BY m.key
      HAVING m.active OR COUNT(r.id) > 0
      ORDER BY m.name, m.key`, from, to),
    prisma.topic.findMany({ select: { key: true, labelDe: true, labelEn: true } }),
  ]);

  return { sessions: sessionRows(sessions[0]?.rows ?? null), partners, municipalities, topics };
}

function sessionRows(text: string | null): SessionRow[] {
  if (text === null) return [];
  return text.split("\x1e").map((line) => {
    const f = line.split("\x1f");
    if (f.length !== sessionFields) throw new Error(`session row with ${f.length} fields instead of ${sessionFields}`);
    const [id, municipality, kind, cohort, partner, topics, state, units, countsAssigned, requestedOn, date, time, format, held] = f as [
      string, string, string, string, string, string, string, string, string, string, string, string, string, string,
    ];
    return {
      id, municipality, kind, cohort, partner,
      topics: topics === "" ? [] : topics.split("\x1d"),
      state: state as RequestState,
      units: Number(units),
      countsAssigned: countsAssigned === "1",
      requestedOn, date, time,
      format: format === "" ? null : (format as SessionFormat),
      held: Number(held),
    };
  });
}
