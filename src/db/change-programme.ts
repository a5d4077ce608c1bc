import type { Prisma } from "./client.ts";
import { recordAdminChange } from "./admin-audit.ts";
import { findActor } from "./queries.ts";
import { validateDirectory } from "../directory/directory-schema.ts";
import { loadDirectory } from "./load-directory.ts";
import { applyDirectory } from "./import-directory.ts";
import { applyAdminChange, type AdminChange } from "../domain/admin-change.ts";
import type { ChangeProgrammeResult } from "../domain/ports/admin.ts";
import type { Clock } from "../domain/types.ts";

/**
 * A lead's change from Slack, all or nothing: the programme is read as a file, changed, checked by
 * the import's rules and written by the import itself, under the import's lock, with its row in the
 * admin audit log (who, when, what). The lead role is read from the data in the same transaction.
 */
export async function changeProgramme(prisma: Prisma, clock: Clock, leadSlackId: string, change: AdminChange): Promise<ChangeProgrammeResult> {
  return prisma.$transaction(
    async (tx) => {
      // The same lock as an import: a file applied at the same moment cannot interleave with this change.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('sparring:directory-import'))`;
      const lead = await findActor(tx, leadSlackId);
      if (!lead?.isLead) return { ok: false, code: "not_a_lead" } as const;
      const current = await loadDirectory(tx);
      if (!current) return { ok: false, code: "no_programme" } as const;
      const changed = applyAdminChange(current, change);
      if (!changed.ok) return changed;
      const checked = validateDirectory(changed.directory);
      if (!checked.ok) return { ok: false, code: "invalid", errors: checked.errors } as const;
      const now = clock();
      await applyDirectory(tx, checked.directory, now, { source: "slack" });
      await recordAdminChange(tx, { at: now, actorId: lead.personId, source: "slack", action: change.kind, ...changed.entry });
      return { ok: true, entry: changed.entry } as const;
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}
