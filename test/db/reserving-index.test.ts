import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { reservingStateList } from "../../src/db/reserving-states.ts";

describe("the reserving requests' index", () => {
  it("covers exactly the domain's reserving states, as the queries write them (else the planner cannot use it)", () => {
    const sql = readFileSync(new URL("../../prisma/migrations/20261206160000_reserving_index/migration.sql", import.meta.url), "utf8");
    expect(sql).toContain(`WHERE "state" IN (${reservingStateList()});`);
  });
});
