import { afterEach, describe, expect, it, vi } from "vitest";
import type { ProgrammeRules } from "../../../src/domain/types.ts";
import { createModalReads } from "../../../src/slack/listeners/modal-reads.ts";

/** A service that records what it was asked; only the reads the tests use answer. */
function recordingService(rules: ProgrammeRules | null) {
  const calls: string[] = [];
  const quotaOptions: unknown[] = [];
  const service = {
    programme: async () => (calls.push("programme"), rules),
    quotaOf: async (key: string, options?: unknown) => (calls.push(`quota:${key}`), quotaOptions.push(options), { partnerAssigned: false }),
  };
  return { calls, quotaOptions, service: service as unknown as Parameters<typeof createModalReads>[0] };
}

const rules = { name: "Programm", timezone: "Europe/Berlin" } as ProgrammeRules;

describe("the modal reads", () => {
  it("hand the cached programme to the quota read, so the quota does not read it again", async () => {
    const { calls, quotaOptions, service } = recordingService(rules);
    const reads = createModalReads(service, 60_000);
    await reads.programme();
    await reads.quotaOf("ulm", { partnerId: "p1" });
    await reads.quotaOf("konstanz");
    expect(calls).toEqual(["programme", "quota:ulm", "quota:konstanz"]);
    expect(quotaOptions).toEqual([{ partnerId: "p1", rules }, { rules }]);
  });

  it("leave the programme to the quota read when there is none (it refuses without one)", async () => {
    const { quotaOptions, service } = recordingService(null);
    await createModalReads(service, 60_000).quotaOf("ulm");
    expect(quotaOptions).toEqual([{}]);
  });

  it("read through without a cache", async () => {
    const { calls, quotaOptions, service } = recordingService(rules);
    await createModalReads(service, 0).quotaOf("ulm");
    expect(calls).toEqual(["quota:ulm"]);
    expect(quotaOptions).toEqual([undefined]);
  });

  describe("past their time", () => {
    afterEach(() => vi.useRealTimers());

    it("answer from the entry while one read refreshes it, then from the refreshed one; twice past it, read through", async () => {
      vi.useFakeTimers({ now: 0, toFake: ["Date"] });
      const pending: Array<() => void> = [];
      let version = 0;
      // Each read answers when the test lets it: the refresh is seen in flight.
      const programme = () => {
        const name = `v${++version}`;
        return new Promise((resolve) => pending.push(() => resolve({ name })));
      };
      const reads = createModalReads({ programme } as unknown as Parameters<typeof createModalReads>[0], 1_000);
      const first = reads.programme();
      pending.shift()!();
      expect(await first).toEqual({ name: "v1" });
      vi.setSystemTime(1_500);
      expect(await reads.programme()).toEqual({ name: "v1" });
      expect(await reads.programme()).toEqual({ name: "v1" });
      expect(version).toBe(2);
      pending.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
      expect(await reads.programme()).toEqual({ name: "v2" });
      vi.setSystemTime(1_500 + 2_000);
      const third = reads.programme();
      pending.shift()!();
      expect(await third).toEqual({ name: "v3" });
      expect(version).toBe(3);
    });

    it("do not take in a refresh that finished after a clear", async () => {
      vi.useFakeTimers({ now: 0, toFake: ["Date"] });
      let version = 0;
      const service = { programme: async () => ({ name: `v${++version}` }) } as unknown as Parameters<typeof createModalReads>[0];
      const reads = createModalReads(service, 1_000);
      await reads.programme();
      vi.setSystemTime(1_500);
      expect(await reads.programme()).toEqual({ name: "v1" });
      reads.clear();
      await new Promise((resolve) => setImmediate(resolve));
      expect(await reads.programme()).toEqual({ name: "v3" });
    });
  });
});
