import { Prisma as P } from "./generated/client.ts";
import { selectRequests } from "./select-requests.ts";
import { programmeModel, toRules } from "./map-rows.ts";
import { isReserving, unitCountColumns } from "./reserving-states.ts";
import type { UnitCounts } from "../domain/quota.ts";
import type { Actor, PartnerProfile, ProgrammeRules, SessionRequest } from "../domain/types.ts";
import { isUuid } from "../domain/uuid.ts";

/** Reads shared by the use cases; each is one SQL statement, inside or outside a transaction. */
type Db = P.TransactionClient;

export const transactionOptions = { maxWait: 10_000, timeout: 20_000 } as const;

/** Raw SQL where Prisma's `include` would take two round trips (it does not join here). */
export async function findActor(db: Db, slackId: string): Promise<Actor | null> {
  // The person's language is not part of who they are here: src/slack/user-locale.ts is its one source.
  const [row] = await db.$queryRaw<Actor[]>`
    SELECT p.id::text AS "personId", p.slack_id AS "slackId", p.name, p.contact_of AS "contactOf",
           p.is_lead AS "isLead", EXISTS (SELECT 1 FROM partner_profiles pp WHERE pp.person_id = p.id) AS "isPartner"
    FROM people p
    WHERE p.slack_id = ${slackId} AND p.active AND p.erased_at IS NULL`;
  return row ?? null;
}

/**
 * Raw, as the booking's own read does: every command and modal reads the rules, and a Prisma model
 * query is compiled anew on each call (measured: the largest CPU cost of a `/sparring` command).
 */
export async function loadRules(db: Db): Promise<ProgrammeRules | null> {
  const [row] = await db.$queryRaw<Array<{ programme: Record<string, unknown> }>>`
    SELECT row_to_json(pr) AS programme FROM programme pr WHERE pr.id = 'programme'`;
  return row ? toRules(programmeModel(row.programme)) : null;
}

/** Use cases cannot decide anything without the programme's rules: a missing row is a set-up error. */
export async function requireRules(db: Db): Promise<ProgrammeRules> {
  const rules = await loadRules(db);
  if (!rules) throw new Error("no programme configured: import the programme file first");
  return rules;
}

export async function loadRequest(db: Db, id: string): Promise<SessionRequest | null> {
  if (!isUuid(id)) return null;
  const [request] = await selectRequests(db, P.sql`r.id = ${id}::uuid`);
  return request ?? null;
}

export async function loadPartner(db: Db, personId: string): Promise<PartnerProfile | null> {
  if (!isUuid(personId)) return null;
  const [row] = await db.$queryRaw<PartnerProfile[]>`
    SELECT pp.person_id::text AS "personId", p.slack_id AS "slackId", p.name, pp.organisation, pp.topics, pp.methods,
           pp.formats::text[] AS formats, pp.bio,
           -- A deactivated or erased person cannot be booked even if the profile was left active.
           (pp.active AND p.active AND p.erased_at IS NULL) AS active
    FROM partner_profiles pp JOIN people p ON p.id = pp.person_id
    WHERE pp.person_id = ${personId}::uuid`;
  return row ?? null;
}

/** Units of one municipality by state, with its sub-quota use, and whether `partnerId` is assigned to it. */
export type MunicipalityUnits = UnitCounts & { assignedUsed: number; partnerAssigned: boolean };

/** Units of one municipality by state, and whether a partner is assigned to it, in one statement. */
export async function municipalityUnits(db: Db, municipalityKey: string, partnerId: string | null): Promise<MunicipalityUnits> {
  const partner = partnerId !== null && isUuid(partnerId) ? partnerId : null;
  const rows = await db.$queryRaw<MunicipalityUnits[]>`
    SELECT
      ${unitCountColumns()},
      COALESCE(SUM(units) FILTER (WHERE ${isReserving()} AND counts_assigned), 0)::int AS "assignedUsed",
      EXISTS (SELECT 1 FROM assignments a WHERE a.municipality_key = ${municipalityKey} AND a.partner_id = ${partner}::uuid) AS "partnerAssigned"
    FROM session_requests
    WHERE municipality_key = ${municipalityKey}`;
  const row = rows[0];
  if (!row) throw new Error("aggregate query returned no row");
  return row;
}
