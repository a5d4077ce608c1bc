/**
 * Counts every failed database call (connection refused, time-out, constraint, serialization) where
 * it happens: between Prisma and its driver adapter. Listeners, the outbox and the jobs each catch
 * and log their own errors; this one place feeds `sparring_database_errors_total` (src/metrics.ts).
 */
const wrapped = new Set(["connect", "queryRaw", "executeRaw", "executeScript", "startTransaction", "commit", "rollback"]);

/** Returns the adapter factory (or anything it hands out) with failing calls counted into `counts`. */
export function countDatabaseErrors<T extends object>(target: T, counts: Map<string, number>): T {
  return new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property, object) as unknown;
      if (typeof value !== "function" || typeof property !== "string" || !wrapped.has(property)) return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(object, args);
        if (!(result instanceof Promise)) return result;
        return result.then(
          // connect() hands out the adapter, startTransaction() a transaction: count their calls too.
          (out: unknown) => (out && typeof out === "object" && "queryRaw" in out ? countDatabaseErrors(out, counts) : out),
          (error: unknown) => {
            const kind = errorKind(error);
            counts.set(kind, (counts.get(kind) ?? 0) + 1);
            throw error;
          },
        );
      };
    },
  });
}

function errorKind(error: unknown): string {
  const e = error as { name?: string; cause?: { kind?: string } };
  const kind = e.cause?.kind ?? e.name ?? "Error";
  // A bounded label: adapter kinds and error class names only.
  return /^[A-Za-z][A-Za-z0-9_]{0,40}$/.test(kind) ? kind : "other";
}
