import type { Prisma } from "./client.ts";
import type { ToggleChoice } from "../domain/ports/leads.ts";

/**
 * What a lead's Home offers to pause/resume (partners, by name, searchable by organisation) or to
 * (de)activate (municipalities, by name, searchable by key). Erased partners are not offered.
 */
export async function leadToggleChoices(prisma: Prisma, kind: "partner" | "municipality"): Promise<ToggleChoice[]> {
  if (kind === "partner") {
    const rows = await prisma.partnerProfile.findMany({
      where: { person: { erasedAt: null } },
      select: { personId: true, active: true, organisation: true, person: { select: { name: true } } },
      orderBy: { person: { name: "asc" } },
    });
    return rows.map((r) => ({ id: r.personId, name: r.person.name, active: r.active, searchText: r.organisation }));
  }
  const rows = await prisma.municipality.findMany({ select: { key: true, name: true, active: true }, orderBy: [{ name: "asc" }, { key: "asc" }] });
  return rows.map((r) => ({ id: r.key, name: r.name, active: r.active, searchText: r.key }));
}
