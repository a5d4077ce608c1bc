import { Prisma as P } from "./generated/client.ts";
import { selectRequests } from "./select-requests.ts";
import { isUuid, partnerInclude, toActor, toPartner, toRules } from "./map-rows.ts";
import type { Actor, PartnerProfile, ProgrammeRules, SessionRequest } from "../domain/types.ts";

/** Reads shared by the use cases; each is one SQL statement, inside or outside a transaction. */
type Db = P.TransactionClient;

export const transactionOptions = { maxWait: 10_000, timeout: 20_000 } as const;

export async function findActor(db: Db, slackId: string): Promise<Actor | null> {
  const row = await db.person.findFirst({
    where: { slackId, active: true, erasedAt: null },
    include: { partner: { select: { personId: true } } },
  });
  return row ? toActor(row) : null;
}

export async function loadRules(db: Db): Promise<ProgrammeRules | null> {
  const row = await db.programme.findUnique({ where: { id: "programme" } });
  return row ? toRules(row) : null;
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
  const row = await db.partnerProfile.findUnique({ where: { personId }, include: partnerInclude });
  return row ? toPartner(row) : null;
}

export interface MunicipalityUnits {
  held: number;
  scheduled: number;
  pending: number;
  /** Reserving units (requested + scheduled + held) with partners assigned at request time. */
  assignedUsed: number;
  partnerAssigned: boolean;
}

/** Units of one municipality by state, and whether a partner is assigned to it, in one statement. */
export async function municipalityUnits(db: Db, municipalityKey: string, partnerId: string | null): Promise<MunicipalityUnits> {
  const partner = partnerId !== null && isUuid(partnerId) ? partnerId : null;
  const rows = await db.$queryRaw<MunicipalityUnits[]>`
    SELECT
      COALESCE(SUM(units) FILTER (WHERE state = 'held'), 0)::int AS held,
      COALESCE(SUM(units) FILTER (WHERE state = 'scheduled'), 0)::int AS scheduled,
      COALESCE(SUM(units) FILTER (WHERE state = 'requested'), 0)::int AS pending,
      COALESCE(SUM(units) FILTER (WHERE state IN ('requested', 'scheduled', 'held') AND counts_assigned), 0)::int AS "assignedUsed",
      EXISTS (SELECT 1 FROM assignments a WHERE a.municipality_key = ${municipalityKey} AND a.partner_id = ${partner}::uuid) AS "partnerAssigned"
    FROM session_requests
    WHERE municipality_key = ${municipalityKey}`;
  const row = rows[0];
  if (!row) throw new Error("aggregate query returned no row");
  return row;
}
