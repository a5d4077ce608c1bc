import { Prisma as P } from "./generated/client.ts";
import { unitCountOf } from "../domain/quota.ts";
import { reservingStates, type RequestState } from "../domain/types.ts";

/**
 * The SQL side of the domain's `reservingStates`: every filter on "units that hold against the
 * quota" is built here from the domain's list, so a state added there is counted everywhere.
 * `column` is a column name written in the code (e.g. "r.state"), never input.
 */

/**
 * `<column> IN ('requested', …)` with the states written as literals, not as a parameter: the
 * planner then knows the states when it plans, estimates how few rows they are among a long
 * history and uses the indexes led by state (a `= ANY($1::text[]::"RequestState"[])` parameter made
 * it scan all of session_requests). The states are the domain's constants, never input.
 */
export function stateIn(states: readonly RequestState[], column = "state"): P.Sql {
  return P.raw(`${column} IN (${stateLiterals(states)})`);
}

function stateLiterals(states: readonly RequestState[]): string {
  if (states.length === 0 || states.some((s) => !/^[a-z]+$/.test(s))) throw new Error(`not a list of request states: ${states.join(", ")}`);
  return states.map((state) => `'${state}'`).join(", ");
}

/** The request reserves units (requested, scheduled or held). */
export function isReserving(column = "state"): P.Sql {
  return stateIn(reservingStates, column);
}

/** For statements written as text ($queryRawUnsafe): the domain's reserving states as SQL literals. */
export function reservingStateList(): string {
  return stateLiterals(reservingStates);
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
