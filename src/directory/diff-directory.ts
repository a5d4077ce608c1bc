import type { Directory } from "./directory-schema.ts";

/** One entry of the file that an import would change, named by its position in the file. */
export interface DirectoryChange {
  kind: "programme" | "topic" | "municipality" | "person";
  /** The entry's key: topic or municipality key, Slack id, or "programme". */
  key: string;
  change: "created" | "updated" | "deactivated";
  /** Where it is in the new file, e.g. `people[3] (U01ABC)`; for a deactivation, what it was. */
  position: string;
}

/**
 * What importing `next` over `current` (loadDirectory) would do, entry by entry. A pure
 * comparison: the dry run of an upload and the list of conflicts with changes made in Slack.
 */
export function diffDirectories(current: Directory | null, next: Directory): DirectoryChange[] {
  const changes: DirectoryChange[] = [];
  if (!current) changes.push({ kind: "programme", key: "programme", change: "created", position: "programme" });
  else if (!same(current.programme, next.programme)) changes.push({ kind: "programme", key: "programme", change: "updated", position: "programme" });

  const section = <T extends object>(
    kind: DirectoryChange["kind"],
    name: string,
    before: T[],
    after: T[],
    keyOf: (entry: T) => string,
    isActive: (entry: T) => boolean,
  ) => {
    const old = new Map(before.map((e) => [keyOf(e), e]));
    const kept = new Set<string>();
    after.forEach((entry, i) => {
      const key = keyOf(entry);
      kept.add(key);
      const position = `${name}[${i}] (${key})`;
      const was = old.get(key);
      if (!was) changes.push({ kind, key, change: "created", position });
      else if (isActive(was) && !isActive(entry)) changes.push({ kind, key, change: "deactivated", position });
      else if (!same(was, entry)) changes.push({ kind, key, change: "updated", position });
    });
    for (const [key, entry] of old) {
      if (!kept.has(key) && isActive(entry)) changes.push({ kind, key, change: "deactivated", position: `${name}: ${key} (not in the file)` });
    }
  };
  section("topic", "topics", current?.topics ?? [], next.topics, (t) => t.key, (t) => !t.retired);
  section("municipality", "municipalities", current?.municipalities ?? [], next.municipalities, (m) => m.key, (m) => m.active);
  section("person", "people", current?.people ?? [], next.people, (p) => p.slack_id, () => true);
  return changes;
}

/** Deep equality of two plain values from the schema (order of object keys ignored). */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined && v !== null) // a missing optional field and null mean the same
        // Assignments are a set: the file's order is not stored, so it is no change.
        .map(([k, v]) => [k, k === "assigned_partners" && Array.isArray(v) ? [...v].sort() : normalise(v)])
        .sort(([x], [y]) => (String(x) < String(y) ? -1 : 1)),
    );
  }
  return value;
}
