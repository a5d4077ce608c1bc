import { describe, expect, it } from "vitest";
import { validateDirectory } from "../../src/directory/directory-schema.ts";
import { parseDirectory } from "../../src/directory/parse-directory.ts";
import { directoryOf, errorsOf, exampleRaw, exampleYaml, toYaml, type RawDirectory } from "../support/example-programme.ts";

const person = (raw: RawDirectory, slackId: string) => raw.people.find((p: { slack_id: string }) => p.slack_id === slackId);
const municipality = (raw: RawDirectory, key: string) => raw.municipalities.find((m: { key: string }) => m.key === key);

describe("parseDirectory", () => {
  it("accepts the example programme file and normalises it", () => {
    const result = parseDirectory(exampleYaml);
    if (!result.ok) throw new Error(result.errors.join("\n"));
    const { programme, topics, municipalities, people } = result.directory;
    expect(programme.period).toEqual({ start: "2026-01-01", end: "2027-12-31" });
    expect(programme.digest).toEqual({ channel: "C0DIGEST01", weekday: "monday", time: "08:00" });
    expect(topics).toHaveLength(11);
    expect(topics.every((t) => t.retired === false)).toBe(true);
    expect(municipalities.find((m) => m.key === "rebenau")?.active).toBe(false);
    expect(municipalities.find((m) => m.key === "beispielheim")?.assigned_partners).toEqual([]);
    expect(people.find((p) => p.slack_id === "U01LEAD0002")).toMatchObject({ lead: true, partner: { active: true } });
    expect(people.find((p) => p.slack_id === "U01PARTNER5")?.partner?.active).toBe(false);
  });

  it("accepts dates as Date objects (YAML 1.1 readers) and German weekday names", () => {
    const raw = exampleRaw();
    raw.programme.period = { start: new Date("2026-01-01T00:00:00Z"), end: new Date("2027-12-31T00:00:00Z") };
    raw.programme.digest.weekday = "Mittwoch";
    raw.programme.holidays = "by";
    const result = validateDirectory(raw);
    if (!result.ok) throw new Error(result.errors.join("\n"));
    expect(result.directory.programme.period).toEqual({ start: "2026-01-01", end: "2027-12-31" });
    expect(result.directory.programme.digest.weekday).toBe("wednesday");
    expect(result.directory.programme.holidays).toBe("BY");
  });

  it("names entry, id and field of a bad partner format", () => {
    const raw = exampleRaw();
    person(raw, "U01PARTNER2").partner.formats = ["fax"];
    expect(errorsOf(raw)).toEqual(["people[9] (U01PARTNER2): partner.formats[0]: expected phone | video"]);
  });

  it("reads cohorts as a mapping of round to kinds, and the old list form as every kind", () => {
    expect(directoryOf(exampleRaw()).programme.cohorts).toEqual({ "2018/19": ["Kommune", "Landkreis"], "2020/21": ["Kommune"] });
    const raw = exampleRaw();
    raw.programme.cohorts = ["2018/19", "2020/21"];
    expect(directoryOf(raw).programme.cohorts).toEqual({ "2018/19": ["Kommune", "Landkreis"], "2020/21": ["Kommune", "Landkreis"] });
  });

  it("refuses an unknown kind and a round without kinds in the mapping form", () => {
    const raw = exampleRaw();
    raw.programme.cohorts = { "2018/19": ["Kommune", "Stadtstaat"], "2020/21": [] };
    expect(errorsOf(raw)).toEqual([
      "programme.cohorts.2018/19[1]: expected Kommune | Landkreis",
      "programme.cohorts.2020/21: name at least one kind: Kommune | Landkreis",
    ]);
  });

  it("language defaults to de and accepts de | en only", () => {
    const raw = exampleRaw();
    delete raw.programme.language;
    expect(directoryOf(raw).programme.language).toBe("de");
    raw.programme.language = "fr";
    expect(errorsOf(raw)).toEqual(["programme.language: expected de | en"]);
  });

  it("names a missing field of a municipality", () => {
    const raw = exampleRaw();
    delete municipality(raw, "landkreis-waldtal").cohort;
    expect(errorsOf(raw)).toEqual(["municipalities[2] (landkreis-waldtal): cohort: Required"]);
  });

  it("refuses a topic reference that is not in the file", () => {
    const raw = exampleRaw();
    person(raw, "U01PARTNER1").partner.topics.push("knitting");
    expect(errorsOf(raw)).toEqual(['people[8] (U01PARTNER1): partner.topics[3]: unknown topic "knitting" (not in topics)']);
  });

  it("refuses a contact of an unknown municipality", () => {
    const raw = exampleRaw();
    person(raw, "U01CONTACT3").contact_of = "nirgendwo";
    expect(errorsOf(raw)).toEqual(['people[2] (U01CONTACT3): contact_of: unknown municipality "nirgendwo" (not in municipalities)']);
  });

  it("refuses a bad Slack id", () => {
    const raw = exampleRaw();
    person(raw, "U01CONTACT3").slack_id = "u01contact3";
    expect(errorsOf(raw)).toEqual([
      "people[2] (u01contact3): slack_id: expected a Slack user id like U01ABC (U or W, then capitals and digits)",
    ]);
  });

  it("refuses duplicate keys and Slack ids, naming the first use", () => {
    const raw = exampleRaw();
    municipality(raw, "neckarfeld").key = "musterstadt";
    person(raw, "U01CONTACT5").slack_id = "U01CONTACT1";
    expect(errorsOf(raw)).toEqual([
      'municipalities[3] (musterstadt): key: duplicate: "musterstadt" is already used by municipalities[0]',
      'people[4] (U01CONTACT1): slack_id: duplicate: "U01CONTACT1" is already used by people[0]',
      'people[4] (U01CONTACT1): contact_of: unknown municipality "neckarfeld" (not in municipalities)',
    ]);
  });

  it("refuses assigned partners who are unknown or have no partner block", () => {
    const raw = exampleRaw();
    municipality(raw, "beispielheim").assigned_partners = ["U01CONTACT1", "U01NOBODY", "U01PARTNER1", "U01PARTNER1"];
    expect(errorsOf(raw)).toEqual([
      "municipalities[1] (beispielheim): assigned_partners[0]: U01CONTACT1 is not a partner (people[0] has no partner block)",
      "municipalities[1] (beispielheim): assigned_partners[1]: unknown person U01NOBODY (not in people)",
      "municipalities[1] (beispielheim): assigned_partners[3]: U01PARTNER1 is listed twice",
    ]);
  });

  it("checks the programme's fields and their relations", () => {
    const raw = exampleRaw();
    raw.programme.period.end = "2025-12-31";
    raw.programme.timezone = "Europe/Karlsruhe";
    raw.programme.holidays = "XX";
    raw.programme.assigned_quota_units = 13;
    raw.programme.digest = { channel: "#digest", weekday: "someday", time: "8 Uhr" };
    expect(errorsOf(raw)).toEqual([
      "programme.period.end: must not be before period.start (2026-01-01)",
      "programme.timezone: unknown time zone; expected an IANA name like Europe/Berlin",
      "programme.holidays: expected BW | BY | BE | BB | HB | HH | HE | MV | NI | NW | RP | SL | SN | ST | SH | TH",
      "programme.digest.channel: expected a Slack channel id like C0DIGEST01",
      "programme.digest.weekday: expected monday … sunday (or Montag … Sonntag)",
      'programme.digest.time: expected HH:MM in quotes, e.g. "08:00"',
      "programme.assigned_quota_units: must not exceed quota_units (12)",
    ]);
  });

  it("refuses an impossible date", () => {
    const raw = exampleRaw();
    raw.programme.period.start = "2026-02-30";
    expect(errorsOf(raw)).toEqual(['programme.period.start: expected a date like 2026-01-01, got "2026-02-30"']);
  });

  it("refuses unknown fields so typos do not import silently", () => {
    const raw = exampleRaw();
    const m = municipality(raw, "musterstadt");
    m.asigned_partners = m.assigned_partners;
    delete m.assigned_partners;
    expect(errorsOf(raw)).toEqual(["municipalities[0] (musterstadt): asigned_partners: unknown field"]);
  });

  it("reports every problem of the file in one run, in file order", () => {
    const raw = exampleRaw();
    person(raw, "U01PARTNER4").partner.formats = ["video", "fax"];
    person(raw, "U01PARTNER4").partner.topics = ["knitting"];
    municipality(raw, "rebenau").kind = "Stadt";
    raw.topics[0].de = "";
    expect(errorsOf(raw)).toEqual([
      "topics[0] (online-events): de: must not be empty",
      "municipalities[6] (rebenau): kind: expected Kommune | Landkreis",
      "people[11] (U01PARTNER4): partner.formats[1]: expected phone | video",
      'people[11] (U01PARTNER4): partner.topics[0]: unknown topic "knitting" (not in topics)',
    ]);
  });

  it("requires every section, so a forgotten one cannot deactivate everything", () => {
    const raw = exampleRaw();
    delete raw.people;
    expect(errorsOf(raw)).toEqual(["people: Required"]);
  });

  it("reports YAML syntax errors with their line", () => {
    const broken = exampleYaml.replace("  timezone: Europe/Berlin", "  timezone: [Europe/Berlin");
    const errors = errorsOf(broken);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/^YAML syntax error at line \d+, column \d+: /);
    expect(errorsOf("a: 1\na: 2\n")).toEqual(["YAML syntax error at line 2, column 1: Map keys must be unique"]);
  });

  it("refuses an empty file and a file that is not a mapping", () => {
    expect(errorsOf("")).toEqual(["(file): expected a mapping with programme, topics, municipalities and people"]);
    expect(errorsOf("- just\n- a list\n")).toEqual(["(file): expected a mapping with programme, topics, municipalities and people"]);
  });

  it("round-trips the example through the test helper unchanged", () => {
    expect(parseDirectory(toYaml(exampleRaw()))).toEqual(parseDirectory(exampleYaml));
  });
});
