import { setMaxListeners } from "node:events";
import type { OutboxQueue, OutboxRow } from "../../domain/ports/outbox-queue.ts";
import type { Logger } from "../../logger.ts";

export interface OutboxHandlers {
  /** A domain notice → the Slack deliveries it stands for (read from the data, not sent yet). */
  expand(row: OutboxRow): Promise<unknown[]>;
  /** One Slack delivery (one DM, one update, one Home publish). */
  deliver(row: OutboxRow, lease: Lease): Promise<void>;
  /**
   * What a row is about (a request, one person's Home): rows with the same key run one after the
   * other in this process, in queue order, so a later update never overtakes the post it updates.
   */
  orderKey?(row: OutboxRow): string | null;
}

/** The row's lease, as seen by a delivery. */
export interface Lease {
  /**
   * Renews the lease to a full term, or throws LeaseLost. Called right before a Slack call that
   * must not happen twice (a post): the call then runs inside the lease, never next to a second
   * holder's.
   */
  hold(): Promise<void>;
  /** The lease's full term: a holder that waits (e.g. for its turn to post) renews well inside it. */
  readonly termMs: number;
  /**
   * Aborted (with WorkerStopping) when the worker stops: a holder still waiting before its Slack
   * call ends the wait, and the row is handed back at once instead of keeping its lease.
   */
  readonly stopping: AbortSignal;
}

/** The worker stopped while a row waited for its turn; nothing of it reached Slack. */
export class WorkerStopping extends Error {
  constructor() {
    super("outbox worker stopping");
    this.name = "WorkerStopping";
  }
}

/** The row was taken over (this process stalled past its lease) or released: leave it alone. */
export class LeaseLost extends Error {
  constructor(id: bigint) {
    super(`outbox row ${id}: lease lost`);
    this.name = "LeaseLost";
  }
}

export interface OutboxWorker {
  /** Looks at the queue now instead of at the next tick (called right after a change commits). */
  poke(): void;
  /** Runs until nothing is due; for tests and shutdown. */
  drain(): Promise<void>;
  /**
   * Stops claiming, hands the claimed rows it has not started back at once, and resolves when the
   * rows in hand are finished (the caller bounds the wait: a row still in hand keeps its lease).
   */
  stop(): Promise<void>;
}

const maxAttempts = 40;
const permanentAttempts = 5;

/**
 * Delivers outbox rows with retries: 429 waits the Retry-After Slack asked for, server errors and
 * time-outs back off exponentially up to 10 minutes (~5 h in all), Slack's `ok:false` answers
 * (user gone, channel archived) are given up after a few tries. The request itself never depends
 * on delivery: it is already committed.
 *
 * Rows run in parallel on up to `lanes` lanes (a burst of bookings reaches every partner in
 * seconds, not one Slack round trip after the other); rows with the same order key wait for each
 * other, and the handlers pace posts per channel (channel-pacer.ts).
 */
export function startOutboxWorker(
  queue: OutboxQueue,
  handlers: OutboxHandlers,
  logger: Logger,
  options: { intervalMs?: number; batchSize?: number; backoffBaseMs?: number; leaseMs?: number; lanes?: number } = {},
): OutboxWorker {
  const intervalMs = options.intervalMs ?? 1_000;
  const backoffBaseMs = options.backoffBaseMs ?? 250;
  const lanes = Math.max(1, options.lanes ?? 32);
  const batchSize = options.batchSize ?? lanes;
  // A term must cover one row's Slack calls at their time-out (10 s each); it is renewed per row
  // and before each post, so rows may wait in this process longer than one term.
  const leaseMs = options.leaseMs ?? 60_000;
  let stopped = false;
  const stopping = new AbortController();
  // Every row waiting for its turn in a channel listens (32 lanes and more): not a leak.
  setMaxListeners(0, stopping.signal);
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  /** Claimed rows not started yet: stop() hands them back. */
  const waiting: OutboxRow[] = [];
  /** The last started row of each order key, so the next row with that key waits for it. */
  const lastOfKey = new Map<string, Promise<void>>();
  let claiming: Promise<number> | null = null;
  /** Starts idle lanes for rows added to `waiting` during a pass. */
  let wake: () => void = () => undefined;

  async function handle(row: OutboxRow): Promise<void> {
    const lease: Lease = {
      termMs: leaseMs,
      stopping: stopping.signal,
      async hold() {
        if (!(await queue.renew(row, leaseMs))) throw new LeaseLost(row.id);
      },
    };
    try {
      if (row.kind === "slack") {
        await handlers.deliver(row, lease);
        // false: settled by a newer Home publish, or this process lost the row (then its new holder records it).
        if (!(await queue.done(row))) logger.debug({ outboxId: String(row.id) }, "outbox row no longer held at completion");
      } else {
        const added = await queue.expand(row, await handlers.expand(row), leaseMs);
        // The notice's deliveries go first: a burst reaches its first recipients before it is all expanded.
        // Stopping meanwhile: stop() has already handed `waiting` back, so hand these back here.
        if (added && stopped) await queue.release(added);
        else if (added) {
          waiting.unshift(...added);
          wake();
        }
      }
    } catch (error) {
      if (error instanceof WorkerStopping) {
        await queue.release([row]);
        return;
      }
      if (error instanceof LeaseLost) {
        logger.warn({ outboxId: String(row.id), attempts: row.attempts }, "outbox lease lost; the row's new holder delivers it");
        return;
      }
      const { delayMs, permanent } = classify(error, row.attempts, backoffBaseMs);
      const code = errorCode(error);
      if (permanent && row.attempts >= permanentAttempts) {
        logger.warn({ outboxId: String(row.id), code, attempts: row.attempts }, "outbox delivery given up");
        await queue.done(row);
        return;
      }
      logger.warn({ outboxId: String(row.id), code, attempts: row.attempts, retryInMs: delayMs }, "outbox delivery failed");
      await queue.retryLater(row, delayMs, code);
    }
  }

  /** Starts one claimed row with a full term, unless the worker stopped or another worker took it over. */
  async function start(row: OutboxRow): Promise<void> {
    // A row whose lease lapsed while it waited here and that another worker took over is skipped
    // (its token no longer matches).
    const held = await queue.renew(row, leaseMs);
    if (stopped) {
      // Not started: another replica (or the next start) takes it now instead of after the lease.
      if (held) await queue.release([row]);
      return;
    }
    if (held) await handle(row);
    else logger.debug({ outboxId: String(row.id) }, "outbox row taken over by another worker before it was started");
  }

  function inOrder(row: OutboxRow): Promise<void> {
    const key = handlers.orderKey?.(row) ?? null;
    if (key === null) return start(row);
    const previous = lastOfKey.get(key);
    const run = (previous ? previous.then(() => start(row)) : start(row)).catch((error: unknown) =>
      logger.error({ outboxId: String(row.id), code: errorCode(error) }, "outbox row failed"),
    );
    lastOfKey.set(key, run);
    return run.finally(() => {
      if (lastOfKey.get(key) === run) lastOfKey.delete(key);
    });
  }

  /** One claim at a time for all lanes; resolves with the number of rows it added. */
  function refill(): Promise<number> {
    claiming ??= queue
      .claim(batchSize, leaseMs)
      .then((rows) => {
        waiting.push(...rows);
        return rows.length;
      })
      .finally(() => {
        claiming = null;
      });
    return claiming;
  }

  async function runOnce(): Promise<void> {
    do {
      again = false;
      if (stopped) return;
      const active = new Set<Promise<void>>();
      let failure: unknown = null;
      const lane = async (): Promise<void> => {
        while (!stopped) {
          const row = waiting.shift();
          if (row) {
            await inOrder(row);
            continue;
          }
          if ((await refill()) === 0) return;
          spawn();
        }
      };
      const spawn = () => {
        while (!stopped && active.size < lanes && (active.size === 0 || waiting.length > 0)) {
          const run: Promise<void> = lane()
            .catch((error: unknown) => void (failure ??= error))
            .finally(() => active.delete(run));
          active.add(run);
        }
      };
      wake = spawn;
      spawn();
      while (active.size > 0) await Promise.all([...active]);
      if (failure) throw failure;
    } while (again && !stopped);
  }

  function tick(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = runOnce()
      .catch((error) => logger.error({ code: errorCode(error) }, "outbox worker pass failed"))
      .finally(() => {
        running = null;
      });
    return running;
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void tick().finally(schedule), intervalMs);
  };
  schedule();

  return {
    poke: () => void tick(),
    async drain() {
      await tick();
      while (running) await running;
    },
    async stop() {
      stopped = true;
      stopping.abort(new WorkerStopping());
      clearTimeout(timer);
      const notStarted = waiting.splice(0);
      if (notStarted.length > 0) {
        await queue.release(notStarted).catch((error: unknown) =>
          logger.warn({ code: errorCode(error), rows: notStarted.length }, "outbox rows not released; their lease returns them"),
        );
      }
      if (running) await running;
    },
  };
}

function classify(error: unknown, attempts: number, backoffBaseMs: number): { delayMs: number; permanent: boolean } {
  const e = error as { code?: string; retryAfter?: number };
  if (e.code === "slack_webapi_rate_limited_error") return { delayMs: (e.retryAfter ?? 1) * 1_000, permanent: false };
  const backoff = Math.min(2 ** Math.min(attempts, 10) * backoffBaseMs, 600_000);
  if (e.code === "slack_webapi_platform_error") return { delayMs: backoff, permanent: true };
  return { delayMs: backoff, permanent: attempts >= maxAttempts };
}

function errorCode(error: unknown): string {
  const e = error as { code?: string; data?: { error?: string }; name?: string; message?: string };
  return [e.code ?? e.name ?? "error", e.data?.error].filter(Boolean).join(":");
}
