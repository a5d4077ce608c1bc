import type { Prisma } from "./client.ts";
import type { PersonRef, StoredPerson } from "../domain/ports/data-protection.ts";
import { isUuid } from "../domain/uuid.ts";

/** A stored, not erased person, also one an import deactivated (they may still get and erase their data). */
export async function storedPerson(prisma: Prisma, ref: PersonRef): Promise<StoredPerson | null> {
  if ("personId" in ref && !isUuid(ref.personId)) return null;
  const where = "slackId" in ref ? { slackId: ref.slackId } : { id: ref.personId };
  const row = await prisma.person.findFirst({ where: { ...where, erasedAt: null }, select: { id: true, name: true } });
  return row ? { personId: row.id, name: row.name } : null;
}
