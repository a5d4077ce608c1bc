import type { Prisma } from "./client.ts";
import { recordAdminChange } from "./admin-audit.ts";
import { partnerInclude, toPartner } from "./map-rows.ts";
import { requireLead } from "./require-lead.ts";
import { ok, refuse, type Result } from "../domain/refusals.ts";
import type { PartnerProfile } from "../domain/types.ts";
import { isUuid } from "../domain/uuid.ts";

/**
 * Switches a partner's profile on or off (off: no longer offered in the directory or bookable).
 * Logged in the admin audit log like the same change from `/sparring verwaltung`, so the overview
 * shows who did it and the next import of the programme file warns before undoing it.
 */
export async function setPartnerActive(prisma: Prisma, now: Date, leadSlackId: string, partnerId: string, active: boolean): Promise<Result<PartnerProfile>> {
  const lead = await requireLead(prisma, leadSlackId, "move");
  if (!lead.ok) return lead;
  if (!isUuid(partnerId)) return refuse("partner_unknown", {});
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.partnerProfile.updateMany({ where: { personId: partnerId }, data: { active } });
    if (count === 0) return refuse("partner_unknown", {});
    const row = await tx.partnerProfile.findUniqueOrThrow({ where: { personId: partnerId }, include: partnerInclude });
    await recordAdminChange(tx, {
      at: now, actorId: lead.value.personId, source: "slack", action: active ? "resume_partner" : "pause_partner",
      entityKind: "partner", entityKey: row.person.slackId ?? partnerId,
    });
    return ok(toPartner(row));
  });
}
