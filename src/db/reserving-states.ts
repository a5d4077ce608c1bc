import { Prisma as P } from "./generated/client.ts";
import { unitCountOf } from "../domain/quota.ts";
import { reservingStates, type RequestState } from "../domain/types.ts";

/**
 * The SQL side of the domain's `reservingStates`: every filter on "units that hold against the
 * quota" is built here from the domain's list, so a state added there is counted everywhere.
 * `column` is a column name written in the code (e.g. "r.state"), never input.
 */

/** `<column> = ANY(<states>)`; the text[] is cast to the enum because PGlite does not cast a parameter to it. */
export function stateIn(states: readonly RequestState[], column = "state"): P.Sql {
  return P.sql`${P.raw(column)} = ANY(${[...states]}::text[]::"RequestState"[])`;
}

/** The request reserves units (requested, scheduled or held). */
export function isReserving(column = "state"): P.Sql {
  return stateIn(reservingStates, column);
}

/** For statements written as text ($queryRawUnsafe): the domain's reserving states as SQL literals. */
export function reservingStateList(): string {
  return reservingStates.map((state) => `'${state}'`).join(", ");
}

/**
 * `held`, `scheduled` and `pending` (UnitCounts) as sums of `units` by state, for a SELECT with
 * GROUP BY; `alias` is the requests table's alias with its dot ("r.") or "".
 */
export function unitCountColumns(alias = ""): P.Sql {
  return P.join(
    reservingStates.map(
      (state) => P.sql`COALESCE(SUM(${P.raw(`${alias}units`)}) FILTER (WHERE ${stateIn([state], `${alias}state`)}), 0)::int AS ${P.raw(unitCountOf[state])}`,
    ),
    ", ",
  );
}
