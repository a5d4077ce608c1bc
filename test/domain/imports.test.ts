import { readdir, readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";

const domainDir = new URL("../../src/domain/", import.meta.url);

describe("the domain layer", () => {
  it("imports neither Prisma, Slack nor the data layer", async () => {
    const files = (await readdir(domainDir)).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const source = await readFile(new URL(file, domainDir), "utf8");
      const imports = [...source.matchAll(/from\s+["']([^"']+)["']/g)].map((m) => m[1]);
      expect(imports.filter((i) => /^@prisma\/|^@slack\/|\/db\/|\/slack\//.test(i ?? "")), file).toEqual([]);
    }
  });
});
