import { readdir, readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";

const srcDir = new URL("../../src/", import.meta.url);

/** Every .ts file under a folder of src/, with its path relative to src/. */
async function sourcesUnder(folder: string): Promise<Array<{ file: string; source: string }>> {
  const entries = await readdir(new URL(folder, srcDir), { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => `${e.parentPath.slice(new URL(srcDir).pathname.length)}/${e.name}`.replace(/\/+/g, "/"));
  return Promise.all(files.map(async (file) => ({ file, source: await readFile(new URL(file, srcDir), "utf8") })));
}

/** Every module a file names: static imports and re-exports (type-only too), import(), require(). */
export function importedModules(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^"';]*?\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["'`]([^"'`]+)["'`]/g,
    /\brequire\s*\(\s*["'`]([^"'`]+)["'`]/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1] ?? ""));
}

/** What only src/db may touch: the Prisma client, its generated code, the Prisma packages. */
const persistence = /^@prisma\/|(^|\/)db\/client(\.ts)?$|(^|\/)db\/generated(\/|$)/;

describe("the domain layer", () => {
  it("imports neither Prisma, Slack nor the data layer", async () => {
    const files = await sourcesUnder("domain/");
    expect(files.length).toBeGreaterThan(5);
    for (const { file, source } of files) {
      expect(importedModules(source).filter((i) => /^@prisma\/|^@slack\/|\/db\/|\/slack\//.test(i)), file).toEqual([]);
    }
  });
});

describe("the Slack layer and the jobs", () => {
  it("reach the database only through the use cases: no Prisma client, generated code, @prisma/*, .prisma or ctx.db", async () => {
    const files = [...(await sourcesUnder("slack/")), ...(await sourcesUnder("jobs/"))];
    expect(files.length).toBeGreaterThan(30);
    for (const { file, source } of files) {
      expect(importedModules(source).filter((i) => persistence.test(i)), file).toEqual([]);
      // A Prisma client passed in under any name shows as `.prisma` (deps.prisma, db.prisma) or ctx.db.
      expect(source.match(/\.prisma\b|\bctx\.db\b|\bprisma\s*[:,)]/g) ?? [], file).toEqual([]);
    }
  });

  it("the check itself catches every form of import", () => {
    const caught = importedModules(`
      import type { Prisma } from "../db/client.ts";
      import { PrismaClient } from "@prisma/client";
      export type { X } from "../../db/generated/models.ts";
      const m = await import("../db/client.ts");
      const n = await import(\`@prisma/adapter-pg\`);
      const r = require("../db/generated/client.ts");
    `);
    expect(caught.filter((i) => persistence.test(i))).toHaveLength(6);
    expect(importedModules(`import { ok } from "../domain/refusals.ts";`).filter((i) => persistence.test(i))).toEqual([]);
  });
});
