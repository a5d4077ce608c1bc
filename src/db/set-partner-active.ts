import type { Prisma } from "./client.ts";
import { partnerInclude, toPartner } from "./map-rows.ts";
import { requireLead } from "./require-lead.ts";
import { ok, refuse, type Result } from "../domain/refusals.ts";
import type { PartnerProfile } from "../domain/types.ts";
import { isUuid } from "../domain/uuid.ts";

/** Switches a partner's profile on or off (off: no longer offered in the directory or bookable). */
export async function setPartnerActive(prisma: Prisma, leadSlackId: string, partnerId: string, active: boolean): Promise<Result<PartnerProfile>> {
  const lead = await requireLead(prisma, leadSlackId, "move");
  if (!lead.ok) return lead;
  if (!isUuid(partnerId)) return refuse("partner_unknown", {});
  const { count } = await prisma.partnerProfile.updateMany({ where: { personId: partnerId }, data: { active } });
  if (count === 0) return refuse("partner_unknown", {});
  const row = await prisma.partnerProfile.findUniqueOrThrow({ where: { personId: partnerId }, include: partnerInclude });
  return ok(toPartner(row));
}
