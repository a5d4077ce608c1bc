import type { Prisma } from "./client.ts";
import { toMunicipality } from "./map-rows.ts";
import { requireLead } from "./require-lead.ts";
import { ok, refuse, type Result } from "../domain/refusals.ts";
import type { Municipality } from "../domain/types.ts";

/** Switches a municipality on or off (off: its contacts can no longer book; its history stays). */
export async function setMunicipalityActive(prisma: Prisma, leadSlackId: string, key: string, active: boolean): Promise<Result<Municipality>> {
  const lead = await requireLead(prisma, leadSlackId, "move");
  if (!lead.ok) return lead;
  const { count } = await prisma.municipality.updateMany({ where: { key }, data: { active } });
  if (count === 0) return refuse("municipality_unknown", {});
  return ok(toMunicipality(await prisma.municipality.findUniqueOrThrow({ where: { key } })));
}
