/**
 * At most one chat.postMessage per channel and second from this process: Slack's limit for posting
 * to one channel (short bursts are tolerated, a sustained faster rate is answered 429). Posts to one
 * channel run one after the other in order of asking, and each starts a full interval after the
 * previous one's answer came back: so two posts reach Slack at least the interval apart whatever
 * the network or a busy event loop does to either of them (a gap counted from the previous post's
 * start could shrink by that post's own delay on the way).
 */
export interface ChannelPacer {
  /**
   * Runs `send` when it is this caller's turn in `channel` and returns its result.
   * `keepAlive.renew` runs every `keepAlive.everyMs` while waiting: a row queued behind many posts
   * to one person keeps its outbox lease, instead of lapsing and being taken over by another
   * replica, whose own wait would lapse in turn (the rows would change hands and never be posted).
   * A failed renewal (the lease is lost) ends the wait with its error; the queue moves on.
   */
  paced<T>(channel: string, send: () => Promise<T>, keepAlive?: KeepAlive): Promise<T>;
}

export interface KeepAlive {
  everyMs: number;
  renew: () => Promise<void>;
  /** Ends the wait with the signal's reason (the worker stops: a row still waiting is handed back, nothing was posted). */
  signal?: AbortSignal;
}

/** Never settles: a wait that only a time limit or an abort ends. */
const never = new Promise<number>(() => undefined);

export function createChannelPacer(intervalMs = 1_000, now: () => number = () => performance.now()): ChannelPacer {
  /** Per channel, the last caller's promise of the time after which the next post may start. */
  const freeAt = new Map<string, Promise<number>>();
  const settled = new Map<string, number>();

  async function waitRenewing(until: Promise<number>, keepAlive: KeepAlive | undefined): Promise<number> {
    const signal = keepAlive?.signal;
    // Waiting for the earlier posts of this channel, then for the interval after the last one.
    let done: number | undefined;
    while ((done = await settledWithin(until, keepAlive?.everyMs, signal)) === undefined) await keepAlive!.renew();
    for (let wait = done - now(); wait > 0; wait = done - now()) {
      await settledWithin(never, keepAlive ? Math.min(wait, keepAlive.everyMs) : wait, signal);
      if (keepAlive && done - now() > 0) await keepAlive.renew();
    }
    return done;
  }

  return {
    async paced(channel, send, keepAlive) {
      const previous = freeAt.get(channel) ?? Promise.resolve(settled.get(channel) ?? 0);
      let release!: (at: number | Promise<number>) => void;
      const mine = new Promise<number>((resolve) => (release = resolve));
      freeAt.set(channel, mine);
      void mine.then((at) => {
        // The last in line leaves a plain time behind, so idle channels hold no promises.
        if (freeAt.get(channel) === mine) {
          freeAt.delete(channel);
          settled.set(channel, at);
        }
        if (settled.size > 10_000) for (const [key, free] of settled) if (free < now()) settled.delete(key);
      });
      try {
        await waitRenewing(previous, keepAlive);
      } catch (error) {
        release(previous); // never posted: the next in line waits for the one before this caller
        throw error;
      }
      try {
        return await send();
      } finally {
        release(now() + intervalMs);
      }
    },
  };
}

/**
 * `promise`'s value, or undefined when `ms` passed first (no time limit without `ms`); rejects with
 * the signal's reason when it aborts first.
 */
function settledWithin(promise: Promise<number>, ms: number | undefined, signal: AbortSignal | undefined): Promise<number | undefined> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms === undefined && !signal) return promise;
  return new Promise((resolve, reject) => {
    const timer = ms === undefined ? undefined : setTimeout(() => finish(() => resolve(undefined)), ms);
    const aborted = () => finish(() => reject(signal!.reason));
    signal?.addEventListener("abort", aborted, { once: true });
    function finish(settle: () => void): void {
      clearTimeout(timer);
      signal?.removeEventListener("abort", aborted);
      settle();
    }
    void promise.then((value) => finish(() => resolve(value)));
  });
}
