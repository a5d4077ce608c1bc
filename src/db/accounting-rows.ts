import type { Prisma } from "./client.ts";
import { sessionBatches } from "./accounting-session-batches.ts";
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


/** The small files' rows and the topics; the sessions come in batches (see withAccountingRows). */
export interface AccountingSummaryRows {
  partners: PartnerRow[];
  municipalities: MunicipalityRow[];
  topics: Array<{ key: string; labelDe: string; labelEn: string }>;
  /** The sessions in file order, read by keyset pagination on (created_at, id) in the same snapshot. */
  sessionBatches: AsyncIterable<SessionRow[]>;
}

/** batchSize: sessions per read (tests use tiny batches to cross batch borders). */
export interface BatchOptions { batchSize?: number }

/** Rows per session batch: big enough for few round trips, small enough to keep memory flat. */
const sessionBatchSize = 5_000;

/**
 * The rows of the three accounting files for [from, to), read in one snapshot. "Held in the period"
 * means: state held and the session's date inside the period; partners are paid for exactly these
 * units, so the held figures of the three files add up to the same number. No free-text question
 * and no requester name leaves the database here.
 */
export async function accountingRows(prisma: Prisma, period: { from: Date; to: Date; timezone: string }, options: BatchOptions = {}): Promise<AccountingRows> {
  return withAccountingRows(prisma, period, options, async ({ sessionBatches, ...rest }) => {
    const sessions: SessionRow[] = [];
    for await (const batch of sessionBatches) for (const row of batch) sessions.push(row);
    return { ...rest, sessions };
  });
}

/**
 * Runs `use` with the rows of the accounting files inside one REPEATABLE READ transaction (one
 * snapshot: on a live server a session marked held between two statements would otherwise make the
 * sums differ). The sessions are read in batches so 100 000 requests never sit in memory at once;
 * `use` must consume `sessionBatches` before it returns.
 */
export async function withAccountingRows<T>(
  prisma: Prisma,
  period: { from: Date; to: Date; timezone: string },
  options: BatchOptions,
  use: (rows: AccountingSummaryRows) => Promise<T>,
): Promise<T> {
  const { from, to } = period;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? sessionBatchSize));
  const inPeriod = (column: string) => `${column} >= $1 AND ${column} < $2`;

  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      const partners = await tx.$queryRawUnsafe<PartnerRow[]>(`
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
      ORDER BY p.name, p.id`, from, to);
      // Sums over the reserving requests only (held is one of them), not the long history of
      // declined, cancelled and expired ones; an index probe keeps switched-off municipalities with requests.
      const municipalities = await tx.$queryRawUnsafe<MunicipalityRow[]>(`
      WITH used AS (
        SELECT municipality_key,
               COALESCE(SUM(units) FILTER (WHERE state = 'held' AND ${inPeriod("scheduled_start")}), 0)::int AS held,
               COALESCE(SUM(units), 0)::int AS used,
               COALESCE(SUM(units) FILTER (WHERE counts_assigned), 0)::int AS "assignedUsed"
        FROM session_requests WHERE state IN (${reservingStateList()})
        GROUP BY municipality_key)
      SELECT m.key, m.name, m.kind::text AS kind, m.cohort,
             COALESCE(u.held, 0) AS held, COALESCE(u.used, 0) AS used, COALESCE(u."assignedUsed", 0) AS "assignedUsed"
      FROM municipalities m
      LEFT JOIN used u ON u.municipality_key = m.key
      WHERE m.active OR u.municipality_key IS NOT NULL OR EXISTS (SELECT 1 FROM session_requests x WHERE x.municipality_key = m.key)
      ORDER BY m.name, m.key`, from, to);
      const topics = await tx.topic.findMany({ select: { key: true, labelDe: true, labelEn: true } });
      return use({ partners, municipalities, topics, sessionBatches: sessionBatches(tx, period, batchSize, municipalities) });
    },
    // A million requests take seconds; Prisma's default of 5 s made `/sparring export` time out.
    { timeout: 120_000, maxWait: 10_000 },
  );
}
