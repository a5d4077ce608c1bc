import type { Prisma } from "../../db/client.ts";
import { claimOutbox, expandOutboxRow, markOutboxDone, releaseOutboxRows, retryOutboxLater, type OutboxRow } from "../../db/outbox-queue.ts";
import type { Logger } from "../../logger.ts";

export interface OutboxHandlers {
  /** A domain notice → the Slack deliveries it stands for (read from the data, not sent yet). */
  expand(row: OutboxRow): Promise<unknown[]>;
  /** One Slack delivery (one DM, one update, one Home publish). */
  deliver(row: OutboxRow): Promise<void>;
}

export interface OutboxWorker {
  /** Looks at the queue now instead of at the next tick (called right after a change commits). */
  poke(): void;
  /** Runs until nothing is due; for tests and shutdown. */
  drain(): Promise<void>;
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
  prisma: Prisma,
  handlers: OutboxHandlers,
  logger: Logger,
  options: { intervalMs?: number; batchSize?: number; backoffBaseMs?: number } = {},
): OutboxWorker {
  const intervalMs = options.intervalMs ?? 1_000;
  const backoffBaseMs = options.backoffBaseMs ?? 250;
  const batchSize = options.batchSize ?? 20;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  async function handle(row: OutboxRow): Promise<void> {
    try {
      if (row.kind === "slack") {
        await handlers.deliver(row);
        await markOutboxDone(prisma, row.id);
      } else {
        await expandOutboxRow(prisma, row.id, await handlers.expand(row));
        again = true;
      }
    } catch (error) {
      const { delayMs, permanent } = classify(error, row.attempts, backoffBaseMs);
      const code = errorCode(error);
      if (permanent && row.attempts >= permanentAttempts) {
        logger.warn({ outboxId: String(row.id), code, attempts: row.attempts }, "outbox delivery given up");
        await markOutboxDone(prisma, row.id);
        return;
      }
      logger.warn({ outboxId: String(row.id), code, attempts: row.attempts, retryInMs: delayMs }, "outbox delivery failed");
      await retryOutboxLater(prisma, row.id, delayMs, code);
    }
  }

  async function runOnce(): Promise<void> {
    do {
      again = false;
      const rows = await claimOutbox(prisma, batchSize);
      for (const [i, row] of rows.entries()) {
        if (stopped) {
          // Another replica (or the next start) takes them now instead of after the 60-second lease.
          await releaseOutboxRows(prisma, rows.slice(i).map((r) => r.id));
          return;
        }
        await handle(row);
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
