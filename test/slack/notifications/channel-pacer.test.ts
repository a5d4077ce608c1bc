import { describe, expect, it } from "vitest";
import { createChannelPacer } from "../../../src/slack/notifications/channel-pacer.ts";

/** A post that takes `ms` and records when it started and ended (the pacer's own clock). */
function recorder() {
  const log: Array<{ channel: string; name: string; start: number; end: number }> = [];
  const post = (channel: string, name: string, ms: number) => async () => {
    const start = performance.now();
    await new Promise((resolve) => setTimeout(resolve, ms));
    log.push({ channel, name, start, end: performance.now() });
    return name;
  };
  return { log, post };
}

describe("channel pacer", () => {
  it("starts each post to a channel a full interval after the previous one's answer, in order of asking", async () => {
    const pacer = createChannelPacer(40);
    const { log, post } = recorder();
    // The first post is slow (30 ms): a gap counted from its start would let the second one in 10 ms after it ended.
    const results = await Promise.all([
      pacer.paced("D1", post("D1", "a", 30)),
      pacer.paced("D1", post("D1", "b", 5)),
      pacer.paced("D1", post("D1", "c", 5)),
    ]);
    expect(results).toEqual(["a", "b", "c"]);
    expect(log.map((entry) => entry.name)).toEqual(["a", "b", "c"]);
    for (let i = 1; i < log.length; i++) expect(log[i]!.start - log[i - 1]!.end).toBeGreaterThanOrEqual(40);
  });

  it("does not hold one channel's posts back for another's", async () => {
    const pacer = createChannelPacer(1_000);
    const { log, post } = recorder();
    await pacer.paced("D1", post("D1", "a", 1));
    let secondDone = false;
    const second = pacer.paced("D1", post("D1", "a2", 1)).then(() => (secondDone = true));
    await pacer.paced("D2", post("D2", "b", 1));
    expect(secondDone).toBe(false); // D1's second post still waits its second; D2's went out
    await second;
    expect(log.map((entry) => entry.name)).toEqual(["a", "b", "a2"]);
  });

  it("renews the waiting caller's lease while it queues, and a lost lease leaves the queue moving", async () => {
    const pacer = createChannelPacer(30);
    const { log, post } = recorder();
    let renewals = 0;
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    // The first post lasts until the second caller has lost its lease.
    const first = pacer.paced("D1", async () => {
      await gate;
      return post("D1", "a", 1)();
    });
    const lost = pacer.paced("D1", post("D1", "never", 1), {
      everyMs: 10,
      renew: async () => {
        if (++renewals === 2) throw new Error("lease lost");
      },
    });
    const third = pacer.paced("D1", post("D1", "c", 1));
    await expect(lost).rejects.toThrow("lease lost");
    openGate();
    expect(await first).toBe("a");
    expect(await third).toBe("c");
    expect(renewals).toBe(2);
    expect(log.map((entry) => entry.name)).toEqual(["a", "c"]);
    // The third still keeps its distance from the first, not from the caller that dropped out.
    expect(log[1]!.start - log[0]!.end).toBeGreaterThanOrEqual(30);
  });

  it("a failed post still spaces the next one", async () => {
    const pacer = createChannelPacer(30);
    const { log, post } = recorder();
    let thrownAt = 0;
    const failing = pacer.paced("D1", async () => {
      thrownAt = performance.now();
      throw new Error("ratelimited");
    });
    await expect(failing).rejects.toThrow("ratelimited");
    await pacer.paced("D1", post("D1", "b", 1));
    expect(log[0]!.start - thrownAt).toBeGreaterThanOrEqual(30);
  });

  it("an aborted wait ends at once with the signal's reason, posts nothing, and the next caller keeps its place", async () => {
    const pacer = createChannelPacer(30);
    const { log, post } = recorder();
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const first = pacer.paced("D1", async () => {
      await gate;
      return post("D1", "a", 1)();
    });
    const stopping = new AbortController();
    const waiting = pacer.paced("D1", post("D1", "never", 1), { everyMs: 60_000, renew: async () => undefined, signal: stopping.signal });
    const third = pacer.paced("D1", post("D1", "c", 1));
    stopping.abort(new Error("stopping"));
    await expect(waiting).rejects.toThrow("stopping");
    openGate();
    expect([await first, await third]).toEqual(["a", "c"]);
    expect(log.map((entry) => entry.name)).toEqual(["a", "c"]);
  });
});
