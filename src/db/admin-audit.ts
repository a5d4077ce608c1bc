import type { Prisma as P } from "./generated/client.ts";
import type { AdminLogEntry } from "../domain/ports/admin.ts";

type Tx = P.TransactionClient;

export interface AdminChangeRecord {
  at: Date;
  actorId: string | null;
  source: "slack" | "import";
  action: string;
  entityKind: "programme" | "topic" | "municipality" | "person" | "partner" | "assignment" | "file";
  entityKey: string;
  details?: P.InputJsonObject | undefined;
}

/** Appends one row to the admin audit log, in the transaction that made the change. */
export async function recordAdminChange(tx: Tx, change: AdminChangeRecord): Promise<void> {
  await tx.adminChange.create({
    data: {
      at: change.at,
      actorId: change.actorId,
      source: change.source,
      action: change.action,
      entityKind: change.entityKind,
      entityKey: change.entityKey,
      ...(change.details ? { details: change.details } : {}),
    },
    select: { id: true },
  });
}


/** The newest entries of the admin audit log, with the lead's name (for the overview). */
export async function recentAdminChanges(db: Pick<Tx, "adminChange" | "person">, limit: number): Promise<AdminLogEntry[]> {
  const rows = await db.adminChange.findMany({ orderBy: { id: "desc" }, take: limit });
  const actorIds = [...new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])))];
  const people = await db.person.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } });
  const names = new Map(people.map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    at: r.at,
    actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
    source: r.source,
    action: r.action,
    entityKind: r.entityKind,
    entityKey: r.entityKey,
  }));
}

/**
 * The entries changed in Slack since the last import of the programme file, by kind and key
 * (person changes are also listed by their partner and assignment rows' person).
 */
export async function slackChangesSinceImport(db: Pick<Tx, "adminChange">): Promise<Array<{ entityKind: string; entityKey: string; action: string; at: Date }>> {
  const lastImport = await db.adminChange.findFirst({ where: { source: "import" }, orderBy: { id: "desc" }, select: { id: true } });
  return db.adminChange.findMany({
    where: { source: "slack", ...(lastImport ? { id: { gt: lastImport.id } } : {}) },
    orderBy: { id: "asc" },
    select: { entityKind: true, entityKey: true, action: true, at: true },
  });
}
