import type { OutboxQueue, OutboxRow } from "../../domain/ports/outbox-queue.ts";
import type { Logger } from "../../logger.ts";

export interface OutboxHandlers {
  /** A domain notice → the Slack deliveries it stands for (read from the data, not sent yet). */
  expand(row: OutboxRow): Promise<unknown[]>;
  /** One Slack delivery (one DM, one update, one Home publish). */
  deliver(row: OutboxRow, lease: Lease): Promise<void>;
}

/** The row's lease, as seen by a delivery. */
export interface Lease {
  /**
   * Renews the lease to a full term, or throws LeaseLost. Called right before a Slack call that
   * must not happen twice (a post): the call then runs inside the lease, never next to a second
   * holder's.
   */
  hold(): Promise<void>;
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
   * row in hand is finished (the caller bounds the wait: a row still in hand keeps its lease).
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
 */
export function startOutboxWorker(
  queue: OutboxQueue,
  handlers: OutboxHandlers,
  logger: Logger,
  options: { intervalMs?: number; batchSize?: number; backoffBaseMs?: number; leaseMs?: number } = {},
): OutboxWorker {
  const intervalMs = options.intervalMs ?? 1_000;
  const backoffBaseMs = options.backoffBaseMs ?? 250;
  const batchSize = options.batchSize ?? 20;
  // A term must cover one row's Slack calls at their time-out (10 s each); it is renewed per row
  // and before each post, so a batch may take longer than one term.
  const leaseMs = options.leaseMs ?? 60_000;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  /** Claimed rows of the current batch not started yet: stop() hands them back. */
  let waiting: OutboxRow[] = [];

  async function handle(row: OutboxRow): Promise<void> {
    const lease: Lease = {
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
        if (await queue.expand(row, await handlers.expand(row))) again = true;
      }
    } catch (error) {
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

  async function runOnce(): Promise<void> {
    do {
      again = false;
      if (stopped) return;
      const rows = await queue.claim(batchSize, leaseMs);
      waiting = [...rows];
      for (let row = waiting.shift(); row; row = waiting.shift()) {
        // Each row starts with a full term; a row whose lease lapsed while earlier rows were sent
        // and that another worker took over is skipped here (its token no longer matches).
        const held = await queue.renew(row, leaseMs);
        if (stopped) {
          // Not started: another replica (or the next start) takes it now instead of after the lease.
          if (held) await queue.release([row]);
          break;
        }
        if (held) await handle(row);
        else logger.debug({ outboxId: String(row.id) }, "outbox row taken over by another worker before it was started");
      }
      if (rows.length === batchSize) again = true;
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
