import type { Prisma as P } from "./generated/client.ts";
import type { PartnerProfile } from "../domain/types.ts";

type Db = P.TransactionClient;

/**
 * The facilitators already working with a municipality ("bereits aktuell im Prozess befindliche
 * Prozessbegleiter"): units with them count against the sub-quota, so contacts are shown who they
 * are. Erased people are left out (their name is gone); paused ones are listed as inactive.
 */
export async function assignedPartners(db: Db, municipalityKey: string): Promise<PartnerProfile[]> {
  return db.$queryRaw<PartnerProfile[]>`
    SELECT pp.person_id::text AS "personId", p.slack_id AS "slackId", p.name, pp.organisation, pp.topics, pp.methods,
           pp.formats::text[] AS formats, pp.bio,
           (pp.active AND p.active AND p.erased_at IS NULL) AS active
    FROM assignments a
    JOIN partner_profiles pp ON pp.person_id = a.partner_id
    JOIN people p ON p.id = a.partner_id
    WHERE a.municipality_key = ${municipalityKey} AND p.erased_at IS NULL
    ORDER BY p.name, p.id`;
}
