import { describe, expect, it } from "vitest";
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
});
