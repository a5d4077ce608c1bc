import { describe, expect, it } from "vitest";
import { checkEligibility, isEligible } from "../../src/domain/eligibility.ts";
import { municipality, rules } from "./builders.ts";

/** The announcement: "alle Kommunen und Landkreise aus dem Projekt 2018/2019 und die Kommunen im jetzigen Projekt 2020/2021". */
const seedRules = rules({ cohorts: ["2018/19", "2020/21"], cohortKinds: { "2018/19": ["Kommune", "Landkreis"], "2020/21": ["Kommune"] } });

describe("eligibility by round and kind", () => {
  it("admits Kommunen and Landkreise of 2018/19 and Kommunen of 2020/21", () => {
    expect(isEligible(seedRules, municipality({ kind: "Kommune", cohort: "2018/19" }))).toBe(true);
    expect(isEligible(seedRules, municipality({ kind: "Landkreis", cohort: "2018/19" }))).toBe(true);
    expect(isEligible(seedRules, municipality({ kind: "Kommune", cohort: "2020/21" }))).toBe(true);
  });

  it("refuses a Landkreis of 2020/21, naming it, its kind, round and the kinds the round admits", () => {
    expect(checkEligibility(seedRules, municipality({ key: "huegelland", name: "Landkreis Hügelland", kind: "Landkreis", cohort: "2020/21" }))).toEqual({
      ok: false, code: "kind_not_eligible", municipality: "Landkreis Hügelland", cohort: "2020/21", kind: "Landkreis", admitted: ["Kommune"],
    });
  });

  it("refuses a round the programme does not name, whatever the kind", () => {
    expect(checkEligibility(seedRules, municipality({ key: "altdorf", name: "Gemeinde Altdorf am See", kind: "Kommune", cohort: "2016/17" }))).toEqual({
      ok: false, code: "not_eligible", municipality: "Gemeinde Altdorf am See", cohort: "2016/17",
    });
  });

  it("a round without kinds admits every kind (the list form of the programme file)", () => {
    const listForm = rules({ cohorts: ["2018/19", "2020/21"], cohortKinds: {} });
    expect(isEligible(listForm, municipality({ kind: "Landkreis", cohort: "2020/21" }))).toBe(true);
  });
});
