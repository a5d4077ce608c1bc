import type { Prisma } from "./client.ts";
import { isReserving } from "./reserving-states.ts";
import { nudgeMonth, nudgeReason, type NudgeDelivery } from "../domain/nudges.ts";
import type { MunicipalityKind, ProgrammeRules } from "../domain/types.ts";

/**
 * This month's nudges: for each municipality the domain picks, the month is recorded in
 * nudges_sent and the DMs to its contacts (those who did not opt out) are queued in the same
 * transaction. The primary key on (municipality, month) makes a second run, on this replica or
 * another, a no-op. Returns how many municipalities were nudged.
 */
export async function enqueueNudges(prisma: Prisma, programme: ProgrammeRules, now: Date): Promise<number> {
  if (!programme.nudges.enabled) return 0;
  const month = nudgeMonth(now, programme.timezone);
  const rows = await prisma.$queryRaw<Array<{ key: string; name: string; kind: MunicipalityKind; cohort: string; active: boolean; reservedUnits: number }>>`
    SELECT m.key, m.name, m.kind::text AS kind, m.cohort, m.active,
           COALESCE(SUM(r.units) FILTER (WHERE ${isReserving("r.state")}), 0)::int AS "reservedUnits"
    FROM municipalities m
    LEFT JOIN session_requests r ON r.municipality_key = m.key
    WHERE NOT EXISTS (SELECT 1 FROM nudges_sent s WHERE s.municipality_key = m.key AND s.month = ${month})
    GROUP BY m.key
    ORDER BY m.key`;
  let nudged = 0;
  for (const m of rows) {
    const reason = nudgeReason(programme, m, now);
    if (!reason) continue;
    const sent = await prisma.$transaction(async (tx) => {
      const contacts = await tx.$queryRaw<Array<{ id: string; slackId: string }>>`
        SELECT p.id::text AS id, p.slack_id AS "slackId" FROM people p
        WHERE p.contact_of = ${m.key} AND p.active AND p.erased_at IS NULL AND p.slack_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM nudge_opt_outs o WHERE o.person_id = p.id)
        ORDER BY p.id`;
      if (contacts.length === 0) return false;
      const claimed = await tx.$executeRaw`
        INSERT INTO nudges_sent (municipality_key, month, sent_at) VALUES (${m.key}, ${month}, ${now})
        ON CONFLICT DO NOTHING`;
      if (claimed === 0) return false;
      await tx.outboxMessage.createMany({
        data: contacts.map((c) => {
          const payload: NudgeDelivery = {
            op: "nudge", slackId: c.slackId, personId: c.id, municipalityName: m.name,
            unitsLeft: reason.kind === "units_left" ? reason.unitsLeft : null,
          };
          return { kind: "slack", payload: { ...payload }, dedupeKey: `nudge:${month}:${m.key}:${c.id}` };
        }),
        skipDuplicates: true,
      });
      return true;
    });
    if (sent) nudged += 1;
  }
  return nudged;
}

/** One click: no more nudges for this contact. The button's person id must be the clicker's own. */
export async function optOutOfNudges(prisma: Prisma, actorSlackId: string, personId: string, now: Date): Promise<boolean> {
  const actor = await prisma.person.findUnique({ where: { slackId: actorSlackId }, select: { id: true } });
  if (!actor || actor.id !== personId) return false;
  await prisma.nudgeOptOut.createMany({ data: [{ personId: actor.id, at: now }], skipDuplicates: true });
  return true;
}
