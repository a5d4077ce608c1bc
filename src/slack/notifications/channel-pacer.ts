/**
 * At most one chat.postMessage per channel and second from this process: Slack's limit for posting
 * to one channel (short bursts are tolerated, a sustained faster rate is answered 429). Turns are
 * handed out in order of asking, so parallel deliveries to one person queue instead of racing.
 */
export interface ChannelPacer {
  /**
   * Resolves when this caller may post to `channel`; the turn is taken (counted) on return.
   * `keepAlive.renew` runs every `keepAlive.everyMs` while waiting: a row queued behind many posts
   * to one person keeps its outbox lease, instead of lapsing and being taken over by another
   * replica, whose own wait would lapse in turn (the rows would change hands and never be posted).
   */
  turn(channel: string, keepAlive?: { everyMs: number; renew: () => Promise<void> }): Promise<void>;
}

export function createChannelPacer(intervalMs = 1_000, now: () => number = () => performance.now()): ChannelPacer {
  /** The time each channel's next post may start. */
  const next = new Map<string, number>();
  return {
    async turn(channel, keepAlive) {
      const at = Math.max(now(), next.get(channel) ?? 0);
      next.set(channel, at + intervalMs);
      // Forget idle channels so the map stays as small as the set of recent recipients.
      if (next.size > 10_000) for (const [key, free] of next) if (free < now()) next.delete(key);
      for (let wait = at - now(); wait > 0; wait = at - now()) {
        const step = keepAlive ? Math.min(wait, keepAlive.everyMs) : wait;
        await new Promise((resolve) => setTimeout(resolve, step));
        if (keepAlive && at - now() > 0) await keepAlive.renew();
      }
    },
  };
}
