import type { Prisma } from "../db/client.ts";
import { slackChangesSinceImport } from "../db/admin-audit.ts";
import { suppressedSlackIds } from "../db/erasure-suppression.ts";
import type { Directory } from "./directory-schema.ts";
import { diffDirectories, type DirectoryChange } from "./diff-directory.ts";
import { loadDirectory } from "../db/load-directory.ts";

export interface ImportPlan {
  /** Every entry the import would create, change or deactivate, with its position in the file. */
  changes: DirectoryChange[];
  /** Of those, the entries a lead changed in Slack since the last import: the file would undo or alter that. */
  conflicts: Array<DirectoryChange & { slackActions: string[] }>;
  /** People of the file who were erased: the import skips them. */
  erasedSkipped: string[];
}

/** Slack audit kinds name the file entry they live in: a partner profile is its person, an assignment its municipality. */
const entryKind: Record<string, DirectoryChange["kind"]> = {
  programme: "programme", topic: "topic", municipality: "municipality", assignment: "municipality", person: "person", partner: "person",
};

/** The dry run: what importing `directory` would do now, written nowhere. */
export async function planImport(prisma: Prisma, directory: Directory): Promise<ImportPlan> {
  const [current, slack, erased] = await Promise.all([
    loadDirectory(prisma),
    slackChangesSinceImport(prisma),
    suppressedSlackIds(prisma, directory.people.map((p) => p.slack_id)),
  ]);
  const file: Directory = { ...directory, people: directory.people.filter((p) => !erased.has(p.slack_id)) };
  const changes = diffDirectories(current, file);
  const touched = new Map<string, string[]>();
  for (const s of slack) {
    const id = `${entryKind[s.entityKind] ?? s.entityKind}:${s.entityKey}`;
    touched.set(id, [...(touched.get(id) ?? []), s.action]);
  }
  const conflicts = changes.flatMap((c) => {
    const actions = c.change === "created" ? undefined : touched.get(`${c.kind}:${c.key}`);
    return actions ? [{ ...c, slackActions: [...new Set(actions)] }] : [];
  });
  const erasedSkipped = directory.people.flatMap((p, i) => (erased.has(p.slack_id) ? [`people[${i}]`] : []));
  return { changes, conflicts, erasedSkipped };
}
