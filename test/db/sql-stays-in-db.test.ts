import { readdir, readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";

/**
 * The reports and the directory import decide what to read and write; src/db runs it. They may
 * hand the client they were given on to src/db, and import its types, but never query themselves.
 */
const layers = ["reports", "directory"];

const prismaImport = /(?:from|import)\s*\(?\s*["'](@prisma\/[^"']*|[^"']*\/db\/generated\/[^"']*)["']/g;
const queries = /\$(?:queryRaw|executeRaw|transaction)\w*|\bprisma\s*\.\s*\w+|\.(?:findMany|findUnique|findFirst|create|createMany|update|updateMany|upsert|delete|deleteMany|count|aggregate|groupBy)\s*\(/g;

async function sources(layer: string): Promise<Array<{ file: string; source: string }>> {
  const dir = new URL(`../../src/${layer}/`, import.meta.url);
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith(".ts"));
  return Promise.all(files.map(async (file) => ({ file: `src/${layer}/${file}`, source: await readFile(new URL(file, dir), "utf8") })));
}

describe("SQL runs only in src/db", () => {
  for (const layer of layers) {
    it(`src/${layer} neither imports Prisma nor runs a query`, async () => {
      const files = await sources(layer);
      expect(files.length).toBeGreaterThan(0);
      for (const { file, source } of files) {
        expect([...source.matchAll(prismaImport)].map((m) => m[1]), file).toEqual([]);
        expect([...source.matchAll(queries)].map((m) => m[0]), file).toEqual([]);
      }
    });
  }

  it("would notice a report that queries (the patterns match what they must)", () => {
    const offending = [
      'import { Prisma } from "../db/generated/client.ts";',
      'const x = await import("@prisma/client");',
      "await prisma.$queryRaw`SELECT 1`",
      "await db.prisma.sessionRequest.findMany({})",
      "await tx.person.update({ where: {} })",
    ];
    for (const line of offending) {
      expect([...line.matchAll(prismaImport), ...line.matchAll(queries)].length, line).toBeGreaterThan(0);
    }
  });
});
