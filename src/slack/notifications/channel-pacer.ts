/**
 * At most one chat.postMessage per channel and second from this process: Slack's limit for posting
 * to one channel (short bursts are tolerated, a sustained faster rate is answered 429). Turns are
 * handed out in order of asking, so parallel deliveries to one person queue instead of racing.
 */
export interface ChannelPacer {
  /** Resolves when this caller may post to `channel`; the turn is taken (counted) on return. */
  turn(channel: string): Promise<void>;
}

export function createChannelPacer(intervalMs = 1_000, now: () => number = () => performance.now()): ChannelPacer {
  /** The time each channel's next post may start. */
  const next = new Map<string, number>();
  return {
    async turn(channel) {
      const at = Math.max(now(), next.get(channel) ?? 0);
      next.set(channel, at + intervalMs);
      // Forget idle channels so the map stays as small as the set of recent recipients.
      if (next.size > 10_000) for (const [key, free] of next) if (free < now()) next.delete(key);
      const wait = at - now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    },
  };
}
