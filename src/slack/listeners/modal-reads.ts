import type { SparringService } from "../../domain/service.ts";

type Reads = Pick<SparringService, "whoIs" | "programme" | "topics" | "partnerDirectory" | "quotaOf" | "assignedPartners">;
type Service = Reads & Pick<SparringService, "recordPrivacyNoticeShown">;

/**
 * What the booking modal shows, read for `/sparring` and every "Anfragen" button. Each read is a
 * database round trip (on PGlite: CPU on the event loop that also acks everyone's requests), so
 * with `ttlMs > 0` the answers are kept that long (up to twice that, answered while one read
 * refreshes them) and dropped whenever this process commits a
 * change (`clear`, called with the outbox nudge). The modal is only a display: the booking itself
 * re-checks person, partner, topics and quota in its transaction, so a few seconds' staleness (a
 * change made by another replica or the import CLI) cannot let a wrong booking through.
 * `ttlMs = 0` (the default; tests) reads through every time.
 */
export interface ModalReads extends Reads {
  /** Records that the person saw the privacy notice; true only the first time. */
  firstUse(personId: string): Promise<boolean>;
  clear(): void;
}

export function createModalReads(service: Service, ttlMs: number): ModalReads {
  if (ttlMs <= 0) {
    return {
      whoIs: (slackId) => service.whoIs(slackId),
      programme: () => service.programme(),
      topics: (options) => service.topics(options),
      partnerDirectory: (filter) => service.partnerDirectory(filter),
      quotaOf: (key, options) => service.quotaOf(key, options),
      assignedPartners: (key) => service.assignedPartners(key),
      firstUse: (personId) => service.recordPrivacyNoticeShown(personId),
      clear: () => undefined,
    };
  }
  let entries = new Map<string, { at: number; value: Promise<unknown>; refreshing?: boolean }>();
  const shown = new Set<string>();
  function memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && now - hit.at < ttlMs) return hit.value as Promise<T>;
    // Past its time but not twice that: answered from the entry while one read refreshes it. Entries
    // loaded together (a burst of people) would otherwise expire together, and every modal would
    // wait on the database at once (the bench's command → views.open p99 on PostgreSQL, issue #14).
    if (hit && now - hit.at < 2 * ttlMs) {
      if (!hit.refreshing) {
        hit.refreshing = true;
        const value = load();
        // Taken in only if nothing cleared or replaced the entry meanwhile; a failed refresh drops it.
        value.then(
          () => entries.get(key) === hit && entries.set(key, { at: now, value }),
          () => entries.get(key) === hit && entries.delete(key),
        );
      }
      return hit.value as Promise<T>;
    }
    const value = load();
    const entry = { at: now, value };
    entries.set(key, entry);
    // A failed read is not kept.
    value.catch(() => entries.get(key) === entry && entries.delete(key));
    return value;
  }
  return {
    whoIs: (slackId) => memo(`who:${slackId}`, () => service.whoIs(slackId)),
    programme: () => memo("programme", () => service.programme()),
    topics: (options) => memo(`topics:${options?.includeRetired === true}`, () => service.topics(options)),
    partnerDirectory: (filter) => memo(`partners:${JSON.stringify(filter ?? {})}`, () => service.partnerDirectory(filter)),
    quotaOf: (key, options) =>
      memo(`quota:${key}:${options?.partnerId ?? ""}`, async () => {
        // The programme as this cache holds it: one round trip less per modal.
        const rules = options?.rules ?? (await memo("programme", () => service.programme()));
        return service.quotaOf(key, { ...options, ...(rules ? { rules } : {}) });
      }),
    assignedPartners: (key) => memo(`assigned:${key}`, () => service.assignedPartners(key)),
    async firstUse(personId) {
      // Once recorded, the notice stays shown: no need to ask the database again.
      if (shown.has(personId)) return false;
      const first = await service.recordPrivacyNoticeShown(personId);
      shown.add(personId);
      return first;
    },
    clear() {
      entries = new Map();
    },
  };
}
