import { stringify } from "csv-stringify/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { buildAccountingExports } from "../../src/reports/accounting-exports.ts";
import { neutraliseFormula, toExcelCsv } from "../../src/reports/csv.ts";
import type { ProgrammeRules } from "../../src/domain/types.ts";
import { loadRules } from "../../src/db/queries.ts";
import { openTestDatabase, seedProgramme, type SeededProgramme } from "../support/fixtures.ts";
import { buildScenario, type Scenario } from "./scenario.ts";
import { csvRecords, parseCsv, sumOf } from "./parse-csv.ts";

let db: Database;
let cleanup: () => Promise<void>;
let seed: SeededProgramme;
let scenario: Scenario;
let rules: ProgrammeRules;
const march = { from: "2026-03-01", to: "2026-03-31" };

// Names a spreadsheet would run as formulas, and names that need quoting.
const ulmName = "=SUM(1)";
const konstanzName = 'Landkreis "Konstanz"; Süd\nam See';
const partnerName = "+1 Paula";
const assignedName = "@x Anton";

beforeAll(async () => {
  ({ db, cleanup } = await openTestDatabase("pglite"));
  seed = await seedProgramme(db.prisma);
  await db.prisma.municipality.update({ where: { key: "ulm" }, data: { name: ulmName } });
  await db.prisma.municipality.update({ where: { key: "landkreis-konstanz" }, data: { name: konstanzName } });
  await db.prisma.person.update({ where: { id: seed.people.partner.id }, data: { name: partnerName } });
  await db.prisma.person.update({ where: { id: seed.people.assignedPartner.id }, data: { name: assignedName } });
  await db.prisma.partnerProfile.update({ where: { personId: seed.people.assignedPartner.id }, data: { organisation: "-1 GmbH" } });
  scenario = await buildScenario(db, seed);
  rules = (await loadRules(db.prisma))!;
});
afterAll(() => cleanup());

describe("the CSV format German Excel opens", () => {
  it("writes a BOM, semicolons, CRLF and RFC 4180 quotes", () => {
    const csv = toExcelCsv(["A", "B", "C", "D"], [["x;y", 'sag "hallo"', "zwei\nZeilen", 3], ["cr\rhier", null, "", 0]]);
    const bytes = Buffer.from(csv, "utf8");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.slice(1)).toBe('A;B;C;D\r\n"x;y";"sag ""hallo""";"zwei\nZeilen";3\r\n"cr\rhier";;;0\r\n');
    expect(parseCsv(csv.slice(1))).toEqual([["A", "B", "C", "D"], ["x;y", 'sag "hallo"', "zwei\nZeilen", "3"], ["cr\rhier", "", "", "0"]]);
  });

  it("writes the same bytes as csv-stringify with Excel's options (cells not starting like a formula)", () => {
    const rows = [["x;y", 'a "b" c', "l1\nl2", "cr\rx", "tab\tin", "Ümläut ß", "", 0, 12], ['"', ";", "x\r\ny", "plain", "a'b", "€", " ", 1, -3]];
    const ours = toExcelCsv(["A", "B", "C", "D", "E", "F", "G", "H", "I"], rows);
    const theirs = stringify([["A", "B", "C", "D", "E", "F", "G", "H", "I"], ...rows], {
      delimiter: ";", record_delimiter: "\r\n", bom: true, quoted_match: /[\r\n]/,
    });
    expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
  });

  it("neutralises cells that start like a formula and leaves others alone", () => {
    expect(["=SUM(1)", "+1", "-1", "@x", "\tx", "\rx", "a=b", "1-2", "'x"].map(neutraliseFormula))
      .toEqual(["'=SUM(1)", "'+1", "'-1", "'@x", "'\tx", "'\rx", "a=b", "1-2", "'x"]);
    expect(toExcelCsv(["n"], [[-1]]).slice(1)).toBe("n\r\n-1\r\n");
  });
});

describe("sessions.csv", () => {
  it("has one row per request made or scheduled in the period, cell by cell, without questions or requesters", async () => {
    const { sessions } = await buildAccountingExports(db.prisma, rules, march);
    const { header, records } = csvRecords(sessions);
    expect(header).toEqual([
      "ID", "Kommune", "Art", "Projektrunde", "Sparring-Partner/-in", "Themen", "Status", "Einheiten",
      "Zählt zum Teilkontingent", "Angefragt am", "Termin", "Uhrzeit", "Format", "Durchgeführte Einheiten im Zeitraum",
    ]);
    const { A, B, C, D, E, G } = scenario.requests;
    expect(records.map((r) => r.ID)).toEqual([A.id, B.id, C.id, D.id, E.id, G.id]);
    expect(records[0]).toEqual({
      ID: A.id, Kommune: "'=SUM(1)", Art: "Kommune", Projektrunde: "2018/19", "Sparring-Partner/-in": "'+1 Paula",
      Themen: "Planung und Durchführung von Online-Veranstaltungen, Umgang mit Konfliktsituationen vor Ort",
      Status: "Durchgeführt", Einheiten: "1", "Zählt zum Teilkontingent": "nein", "Angefragt am": "02.03.2026",
      Termin: "04.03.2026", Uhrzeit: "14:30", Format: "Videokonferenz", "Durchgeführte Einheiten im Zeitraum": "1",
    });
    expect(records[1]).toMatchObject({ "Sparring-Partner/-in": "'@x Anton", "Zählt zum Teilkontingent": "ja", Uhrzeit: "09:00" });
    // Made at 23:30 Berlin time, 22:30 UTC: the Berlin day counts.
    expect(records[2]).toMatchObject({ Status: "Angefragt", "Angefragt am": "09.03.2026", Termin: "", Uhrzeit: "", Format: "" });
    expect(records[3]).toMatchObject({ Kommune: konstanzName, Art: "Landkreis", Status: "Abgelehnt", "Durchgeführte Einheiten im Zeitraum": "0" });
    expect(records[4]).toMatchObject({ Status: "Vereinbart", Termin: "20.03.2026", Uhrzeit: "10:00", "Zählt zum Teilkontingent": "nein" });
    // Made in March, held in April: listed, but its unit is not one held in March.
    expect(records[5]).toMatchObject({ Status: "Durchgeführt", Termin: "02.04.2026", Uhrzeit: "11:00", "Durchgeführte Einheiten im Zeitraum": "0" });
    for (const text of [...Object.values(scenario.questions), "Kim Kontakt", "Sam Kontakt", "Eva Konstanz", "Keine Zeit", "dienstags"]) {
      expect(sessions).not.toContain(text);
    }
  });

  it("quotes a name with a semicolon, quotes and a line break in the raw file", async () => {
    const { sessions } = await buildAccountingExports(db.prisma, rules, march);
    expect(sessions).toContain(';"Landkreis ""Konstanz""; Süd\nam See";Landkreis;');
    expect(sessions.split("\r\n").every((line) => !line.includes("\r"))).toBe(true);
  });

  it("lists nothing for a period without requests or sessions", async () => {
    const { sessions } = await buildAccountingExports(db.prisma, rules, { from: "2026-06-01", to: "2026-06-30" });
    expect(csvRecords(sessions).records).toEqual([]);
  });
});

describe("partners.csv and municipalities.csv", () => {
  it("pays partners for held units in the period, with scheduled ones and a total row", async () => {
    const { partners } = await buildAccountingExports(db.prisma, rules, march);
    const { header, records } = csvRecords(partners);
    expect(header).toEqual(["Sparring-Partner/-in", "Organisation", "Durchgeführte Einheiten im Zeitraum", "Vereinbarte Einheiten im Zeitraum"]);
    expect(records.map((r) => Object.values(r))).toEqual([
      ["'+1 Paula", "Beteiligung & Co", "1", "0"],
      ["'@x Anton", "'-1 GmbH", "1", "1"],
      ["Summe", "", "2", "1"],
    ]);
  });

  it("shows each municipality's held units in the period and its programme usage of 12 and 5", async () => {
    const { municipalities } = await buildAccountingExports(db.prisma, rules, march);
    const { header, records } = csvRecords(municipalities);
    expect(header).toEqual([
      "Schlüssel", "Kommune", "Art", "Projektrunde", "Durchgeführte Einheiten im Zeitraum",
      "Genutzt im Programm (von 12)", "davon bei bereits zugeordneten Prozessbegleiterinnen und Prozessbegleitern (von 5)",
    ]);
    expect(records.map((r) => Object.values(r))).toEqual([
      ["ulm", "'=SUM(1)", "Kommune", "2018/19", "2", "3", "1"],
      ["freiburg", "Freiburg", "Kommune", "2016/17", "0", "0", "0"],
      ["landkreis-konstanz", konstanzName, "Landkreis", "2020/21", "0", "2", "0"],
      ["Summe", "", "", "", "2", "5", "1"],
    ]);
  });

  it("headers and words follow the programme's language (en): the same figures", async () => {
    const english = { ...rules, language: "en" as const };
    const { partners, municipalities } = await buildAccountingExports(db.prisma, english, march);
    const p = csvRecords(partners);
    expect(p.header).toEqual(["Sparring partner", "Organisation", "Units held in the period", "Units scheduled in the period"]);
    expect(p.records.map((r) => Object.values(r)).at(-1)).toEqual(["Total", "", "2", "1"]);
    expect(csvRecords(municipalities).header.slice(-2)).toEqual(["Used in the programme (of 12)", "of which with already assigned facilitators (of 5)"]);
  });

  it("adds up: held units in sessions.csv equal those in partners.csv and municipalities.csv", async () => {
    for (const period of [march, { from: "2026-01-01", to: "2027-12-31" }, { from: "2026-04-01", to: "2026-04-30" }]) {
      const files = await buildAccountingExports(db.prisma, rules, period);
      const held = sumOf(csvRecords(files.sessions).records, "Durchgeführte Einheiten im Zeitraum");
      const partners = csvRecords(files.partners).records.filter((r) => r["Sparring-Partner/-in"] !== "Summe");
      const municipalities = csvRecords(files.municipalities).records.filter((r) => r["Schlüssel"] !== "Summe");
      expect(sumOf(partners, "Durchgeführte Einheiten im Zeitraum")).toBe(held);
      expect(sumOf(municipalities, "Durchgeführte Einheiten im Zeitraum")).toBe(held);
    }
    const whole = await buildAccountingExports(db.prisma, rules, { from: "2026-01-01", to: "2027-12-31" });
    expect(sumOf(csvRecords(whole.sessions).records, "Durchgeführte Einheiten im Zeitraum")).toBe(3);
  });
});
