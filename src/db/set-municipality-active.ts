import type { Prisma } from "./client.ts";
import { recordAdminChange } from "./admin-audit.ts";
import { toMunicipality } from "./map-rows.ts";
import { requireLead } from "./require-lead.ts";
import { ok, refuse, type Result } from "../domain/refusals.ts";
import type { Municipality } from "../domain/types.ts";

/**
 * Switches a municipality on or off (off: its contacts can no longer book; its history stays).
 * Logged in the admin audit log, so the overview shows who did it and the next import of the
 * programme file warns before undoing it.
 */
export async function setMunicipalityActive(prisma: Prisma, now: Date, leadSlackId: string, key: string, active: boolean): Promise<Result<Municipality>> {
  const lead = await requireLead(prisma, leadSlackId, "move");
  if (!lead.ok) return lead;
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.municipality.updateMany({ where: { key }, data: { active } });
    if (count === 0) return refuse("municipality_unknown", {});
    await recordAdminChange(tx, {
      at: now, actorId: lead.value.personId, source: "slack", action: active ? "activate_municipality" : "deactivate_municipality",
      entityKind: "municipality", entityKey: key,
    });
    return ok(toMunicipality(await tx.municipality.findUniqueOrThrow({ where: { key } })));
  });
}
