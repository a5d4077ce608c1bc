import type { Prisma as P } from "./generated/client.ts";
import { programmeModel, toMunicipality, toRules, toTopic } from "./map-rows.ts";
import { isReserving } from "./reserving-states.ts";
import type { Actor, Municipality, PartnerProfile, ProgrammeRules, Topic } from "../domain/types.ts";
import { isUuid } from "../domain/uuid.ts";

type Tx = P.TransactionClient;

/** Everything decideRequest needs besides the clock and the form. */
export interface BookingContext {
  actor: Actor | null;
  rules: ProgrammeRules;
  partner: PartnerProfile | null;
  topics: Topic[];
  municipality: Municipality | null;
  usage: { used: number; assignedUsed: number };
  partnerAssigned: boolean;
}

/**
 * Takes the booking lock together with the idempotency claim, in one statement: the key is
 * claimed first (the lock's subquery needs the claim's row, so a retry with the same key waits on
 * the key and never holds the municipality while it does), then the contact's municipality row is
 * locked FOR UPDATE. The lock must be taken by an earlier statement than the usage sums: in READ
 * COMMITTED a statement reads the snapshot from its own start, so sums read in the statement that
 * waited for the lock would miss the booking that held it.
 * Returns false when the key was already claimed (the caller replays the first result).
 */
export async function claimAndLock(tx: Tx, storedKey: string, operation: string, actorSlackId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<Array<{ claimed: boolean }>>`
    WITH claim AS (
      INSERT INTO idempotency_keys (key, operation) VALUES (${storedKey}, ${operation})
      ON CONFLICT DO NOTHING RETURNING key
    ), locked AS (
      SELECT m.key FROM municipalities m
      WHERE EXISTS (SELECT 1 FROM claim)
        AND m.key = (SELECT p.contact_of FROM people p WHERE p.slack_id = ${actorSlackId} AND p.active AND p.erased_at IS NULL)
      FOR UPDATE
    )
    SELECT EXISTS (SELECT 1 FROM claim) AS claimed, (SELECT count(*) FROM locked)::int AS locked`;
  return rows[0]?.claimed === true;
}

interface ContextRow {
  actor: Actor | null;
  programme: Record<string, unknown> | null;
  partner: PartnerProfile | null;
  topics: Array<{ key: string; labelDe: string; labelEn: string; retired: boolean; sortOrder: number }> | null;
  municipality: { key: string; name: string; kind: "Kommune" | "Landkreis"; cohort: string; active: boolean } | null;
  used: number;
  assignedUsed: number;
  partnerAssigned: boolean;
}

/**
 * Reads actor, rules, partner, topics, the (already locked) municipality and its usage in one
 * statement: one round trip, whatever the history's size (the sums use the municipality/state
 * index and only the reserving states).
 */
export async function readBookingContext(tx: Tx, actorSlackId: string, partnerId: string, topicKeys: string[], now: Date): Promise<BookingContext> {
  const partner = isUuid(partnerId) ? partnerId : null;
  const [row] = await tx.$queryRaw<ContextRow[]>`
    WITH actor AS (
      SELECT p.id, p.slack_id, p.name, p.contact_of, p.is_lead,
             EXISTS (SELECT 1 FROM partner_profiles pp WHERE pp.person_id = p.id) AS is_partner
      FROM people p
      WHERE p.slack_id = ${actorSlackId} AND p.active AND p.erased_at IS NULL
    ), usage AS (
      SELECT COALESCE(SUM(r.units), 0)::int AS used,
             COALESCE(SUM(r.units) FILTER (WHERE r.counts_assigned), 0)::int AS assigned_used
      FROM session_requests r
      WHERE r.municipality_key = (SELECT contact_of FROM actor)
        AND ${isReserving("r.state")}
    )
    SELECT
      (SELECT json_build_object('personId', a.id::text, 'slackId', a.slack_id, 'name', a.name,
                                'contactOf', a.contact_of, 'isLead', a.is_lead, 'isPartner', a.is_partner) FROM actor a) AS actor,
      (SELECT row_to_json(pr) FROM programme pr WHERE pr.id = 'programme') AS programme,
      (SELECT json_build_object('personId', pp.person_id::text, 'slackId', p.slack_id, 'name', p.name,
                                'organisation', pp.organisation, 'topics', pp.topics, 'methods', pp.methods,
                                'formats', pp.formats::text[], 'bio', pp.bio,
                                -- A deactivated or erased person cannot be booked even if the profile was left active.
                                'active', pp.active AND p.active AND p.erased_at IS NULL
                                          -- Paused by the partner: not bookable up to and including that day in the programme's zone.
                                          AND (pp.paused_until IS NULL OR pp.paused_until <
                                               (SELECT (${now}::timestamptz AT TIME ZONE pr.timezone)::date FROM programme pr WHERE pr.id = 'programme')))
       FROM partner_profiles pp JOIN people p ON p.id = pp.person_id WHERE pp.person_id = ${partner}::uuid) AS partner,
      (SELECT json_agg(json_build_object('key', t.key, 'labelDe', t.label_de, 'labelEn', t.label_en, 'retired', t.retired, 'sortOrder', t.sort_order))
       FROM topics t WHERE t.key = ANY(${topicKeys}::text[])) AS topics,
      (SELECT json_build_object('key', m.key, 'name', m.name, 'kind', m.kind::text, 'cohort', m.cohort, 'active', m.active)
       FROM municipalities m WHERE m.key = (SELECT contact_of FROM actor)) AS municipality,
      (SELECT used FROM usage) AS used,
      (SELECT assigned_used FROM usage) AS "assignedUsed",
      EXISTS (SELECT 1 FROM assignments asg
              WHERE asg.municipality_key = (SELECT contact_of FROM actor) AND asg.partner_id = ${partner}::uuid) AS "partnerAssigned"`;
  if (!row?.programme) throw new Error("no programme configured: import the programme file first");
  const municipality = row.municipality ? toMunicipality(row.municipality) : null;
  return {
    actor: row.actor,
    rules: toRules(programmeModel(row.programme)),
    partner: row.partner,
    topics: (row.topics ?? []).map(toTopic),
    municipality,
    usage: municipality ? { used: row.used, assignedUsed: row.assignedUsed } : { used: 0, assignedUsed: 0 },
    partnerAssigned: municipality ? row.partnerAssigned : false,
  };
}

