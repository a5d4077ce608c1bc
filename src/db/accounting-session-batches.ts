import type { Prisma as P } from "./generated/client.ts";
import type { MunicipalityRow, SessionRow } from "./accounting-rows.ts";
import type { RequestState, SessionFormat } from "../domain/types.ts";

type Tx = Pick<P.TransactionClient, "$queryRawUnsafe">;
type Batch = { rows: string | null; count: number; lastAt: Date | null };

const sessionFields = 12;
const inPeriod = (column: string) => `${column} >= $1 AND ${column} < $2`;

/**
 * The requests made in [from, to) or with a session in it, in the sessions file's order
 * (created_at, id), in batches read by keyset pagination inside the caller's transaction.
 *
 * They are read in three ranges of created_at, in that order, each along an index: made before
 * the period with a session in it, made in the period, made after it with a session in it (one OR
 * of both conditions sorted the whole table for every batch). A row carries keys, not names: the
 * municipality's come from the municipalities file's rows, the partner's are looked up once each,
 * so a batch reads session_requests alone. The next batch is read while the caller writes this one.
 */
export async function* sessionBatches(
  tx: Tx,
  period: { from: Date; to: Date; timezone: string },
  batchSize: number,
  municipalities: readonly MunicipalityRow[],
): AsyncGenerator<SessionRow[]> {
  const { from, to, timezone } = period;
  const ranges = [
    `r.created_at < $1 AND ${inPeriod("r.scheduled_start")}`,
    inPeriod("r.created_at"),
    `r.created_at >= $2 AND ${inPeriod("r.scheduled_start")}`,
  ];
  const read = (range: string, after: { at: Date; id: string } | null) => {
    const batch = after
      ? tx.$queryRawUnsafe<Batch[]>(batchQuery(range, " AND (r.created_at, r.id) > ($4, $5::uuid)", batchSize), from, to, timezone, after.at, after.id)
      : tx.$queryRawUnsafe<Batch[]>(batchQuery(range, "", batchSize), from, to, timezone);
    // Awaited below; marked handled so a caller that stops early leaves no unhandled rejection.
    batch.catch(() => undefined);
    return batch;
  };
  const names = new Names(tx, municipalities);
  for (const range of ranges) {
    let next = read(range, null);
    for (;;) {
      const batch = (await next)[0];
      if (!batch || batch.rows === null || batch.lastAt === null) break;
      const lines = batch.rows.split("\x1e").map(fieldsOf);
      const lastId = lines[lines.length - 1]?.[0];
      const more = batch.count === batchSize && lastId !== undefined;
      await names.load(lines.map((f) => f[2]));
      if (more) next = read(range, { at: batch.lastAt, id: lastId });
      yield lines.map((f) => names.row(f));
      if (!more) break;
    }
  }
}

/**
 * One text per batch, fields split by the ASCII unit separator (31), rows by the record separator
 * (30), topics by the group separator (29): on PGlite ~10x faster than row objects through Prisma.
 * The batch's last row has the latest created_at, and its id is the last line's first field: the
 * keyset needs no second sort (an ordered aggregate sorts the batch once more).
 */
function batchQuery(range: string, after: string, batchSize: number): string {
  return `
    SELECT string_agg(b.line, chr(30) ORDER BY b.created_at, b.id) AS rows, COUNT(*)::int AS count, max(b.created_at) AS "lastAt"
    FROM (
      SELECT r.id, r.created_at, concat_ws(chr(31),
               r.id, r.municipality_key, r.partner_id, array_to_string(r.topics, chr(29)), r.state, r.units, r.counts_assigned::int,
               to_char(r.created_at AT TIME ZONE $3, 'DD.MM.YYYY'),
               COALESCE(to_char(r.scheduled_start AT TIME ZONE $3, 'DD.MM.YYYY'), ''),
               COALESCE(to_char(r.scheduled_start AT TIME ZONE $3, 'HH24:MI'), ''),
               COALESCE(r.format::text, ''),
               CASE WHEN r.state = 'held' AND ${inPeriod("r.scheduled_start")} THEN r.units ELSE 0 END) AS line
      FROM session_requests r
      WHERE ${range}${after}
      ORDER BY r.created_at, r.id
      LIMIT ${batchSize}) b`;
}

type Fields = [string, string, string, string, string, string, string, string, string, string, string, string];

function fieldsOf(line: string): Fields {
  const f = line.split("\x1f");
  if (f.length !== sessionFields) throw new Error(`session row with ${f.length} fields instead of ${sessionFields}`);
  return f as Fields;
}

/** Municipality and partner names by key; partners are read when a batch first names them. */
class Names {
  private readonly municipalities: Map<string, MunicipalityRow>;
  private readonly partners = new Map<string, string>();

  constructor(private readonly tx: Tx, municipalities: readonly MunicipalityRow[]) {
    this.municipalities = new Map(municipalities.map((m) => [m.key, m]));
  }

  async load(partnerIds: string[]): Promise<void> {
    const missing = new Set<string>();
    for (const id of partnerIds) if (!this.partners.has(id)) missing.add(id);
    if (missing.size === 0) return;
    const rows = await this.tx.$queryRawUnsafe<Array<{ id: string; name: string }>>(
      "SELECT id::text AS id, name FROM people WHERE id = ANY($1::text[]::uuid[])", [...missing]);
    for (const row of rows) this.partners.set(row.id, row.name);
  }

  row([id, municipalityKey, partnerId, topics, state, units, countsAssigned, requestedOn, date, time, format, held]: Fields): SessionRow {
    const municipality = this.municipalities.get(municipalityKey);
    const partner = this.partners.get(partnerId);
    // Both are read in the same snapshot as the requests: a miss is a bug, not a race.
    if (!municipality || partner === undefined) throw new Error(`session ${id}: municipality or partner not read`);
    return {
      id, municipality: municipality.name, kind: municipality.kind, cohort: municipality.cohort, partner,
      topics: topics === "" ? [] : topics.split("\x1d"),
      state: state as RequestState,
      units: Number(units),
      countsAssigned: countsAssigned === "1",
      requestedOn, date, time,
      format: format === "" ? null : (format as SessionFormat),
      held: Number(held),
    };
  }
}
