import { z } from "zod";

/**
 * The programme file (docs/programme-file.md): the leads' stable interface. Unknown keys are
 * refused so a typo (`asigned_partners`) is an error instead of silently importing nothing.
 */

export const germanStates = ["BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH"] as const;
export const weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof weekdays)[number];

const germanWeekdays: Record<string, Weekday> = {
  montag: "monday", dienstag: "tuesday", mittwoch: "wednesday", donnerstag: "thursday",
  freitag: "friday", samstag: "saturday", sonnabend: "saturday", sonntag: "sunday",
};

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slackIdPattern = /^[UW][A-Z0-9]{2,}$/;
const channelIdPattern = /^[CG][A-Z0-9]{2,}$/;

const text = z.string().trim().min(1, "must not be empty");
const slug = z.string().regex(slugPattern, "expected a lowercase slug like online-events (a-z, 0-9, hyphens)");
const slackUserId = z.string().regex(slackIdPattern, "expected a Slack user id like U01ABC (U or W, then capitals and digits)");
const count = (min: number) => z.number().int("expected a whole number").min(min, `expected at least ${min}`);

/** Only the enum's own complaint is replaced; "Required" and type errors keep zod's wording. */
function oneOf<const T extends [string, ...string[]]>(values: T) {
  return z.enum(values, {
    errorMap: (issue, ctx) => ({
      message: issue.code === "invalid_enum_value" ? `expected ${values.join(" | ")}` : ctx.defaultError,
    }),
  });
}

/** YAML 1.1 parsers turn 2026-01-01 into a Date, YAML 1.2 keeps the string: both become "2026-01-01". */
const calendarDate = z.unknown().transform((value, ctx): string => {
  if (value === undefined || value === null) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Required" });
    return z.NEVER;
  }
  const iso = value instanceof Date ? (Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10)) : String(value).trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected a date like 2026-01-01, got ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return iso;
});

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const weekday = z.string().transform((value, ctx): Weekday => {
  const name = value.trim().toLowerCase();
  const found = (weekdays as readonly string[]).includes(name) ? (name as Weekday) : germanWeekdays[name];
  if (found) return found;
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: "expected monday … sunday (or Montag … Sonntag)" });
  return z.NEVER;
});

const uniqueStrings = (values: string[]) => new Set(values).size === values.length;

export const municipalityKindNames = ["Kommune", "Landkreis"] as const;

/**
 * The rounds that may book, and which kinds each admits. The mapping form says it per round
 * (`"2020/21": [Kommune]`); the list form (`["2018/19", "2020/21"]`) admits every kind.
 * Both become one mapping, round → kinds.
 */
const cohortList = z
  .array(text)
  .min(1, "name at least one cohort")
  .refine(uniqueStrings, "cohorts must be unique")
  .transform((rounds) => Object.fromEntries(rounds.map((round) => [round, [...municipalityKindNames]])));
const cohortMap = z
  .record(
    z.string().trim().min(1, "must not be empty"),
    z.array(oneOf([...municipalityKindNames])).min(1, "name at least one kind: Kommune | Landkreis").refine(uniqueStrings, "kinds must be unique"),
  )
  .refine((map) => Object.keys(map).length > 0, "name at least one cohort");
// Chosen by shape rather than z.union, so a mistake inside the mapping is reported on its own entry.
const cohorts = z.unknown().transform((value, ctx): Record<string, Array<(typeof municipalityKindNames)[number]>> => {
  const parsed = Array.isArray(value) ? cohortList.safeParse(value) : cohortMap.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: z.ZodIssueCode.custom, message: issue.message });
  return z.NEVER;
});

const programmeSchema = z
  .object({
    name: text,
    // Refined on its own (not on the programme) so the check runs even when a sibling field is invalid.
    period: z
      .object({ start: calendarDate, end: calendarDate })
      .strict()
      // An invalid date is already reported; the comparison only makes sense between two dates.
      .refine((p) => typeof p.start !== "string" || typeof p.end !== "string" || p.start <= p.end, (p) => ({ path: ["end"], message: `must not be before period.start (${p.start})` })),
    timezone: text.refine(isTimeZone, "unknown time zone; expected an IANA name like Europe/Berlin"),
    holidays: z.string().transform((s) => s.trim().toUpperCase()).pipe(oneOf([...germanStates])),
    cohorts,
    quota_units: count(1),
    assigned_quota_units: count(0),
    unit_minutes: count(1),
    max_units_per_request: count(1),
    request_expiry_working_days: count(1),
    question_retention_days: count(0),
    digest: z
      .object({
        // Optional: without a channel the digest goes to the leads only (Programme.digestChannel is nullable).
        channel: z.string().regex(channelIdPattern, "expected a Slack channel id like C0DIGEST01").nullish(),
        weekday,
        time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM in quotes, e.g. "08:00"'),
      })
      .strict(),
    // Optional with the defaults the issue names; each key may be left out on its own.
    reminders: z
      .object({
        before_minutes: count(1).default(60),
        partner_unanswered_working_days: count(1).default(2),
        expiry_warning_working_days: count(1).default(1),
      })
      .strict()
      .default({}),
    // Monthly nudges to municipalities that have not booked or have units left (off unless switched on).
    nudges: z
      .object({ enabled: z.boolean().default(false), weeks_before_end: count(1).default(8) })
      .strict()
      .default({}),
    contact: text,
    privacy_notice: z.object({ de: text, en: text }).strict(),
    // The language of the channel digest and the CSV headers (people see their own Slack language).
    language: oneOf(["de", "en"]).default("de"),
  })
  .strict();

const topicSchema = z.object({ key: slug, de: text, en: text, retired: z.boolean().default(false) }).strict();

const municipalitySchema = z
  .object({
    key: slug,
    name: text,
    kind: oneOf([...municipalityKindNames]),
    cohort: text,
    active: z.boolean().default(true),
    assigned_partners: z.array(slackUserId).default([]),
  })
  .strict();

const partnerSchema = z
  .object({
    organisation: z.string().trim().default(""),
    topics: z.array(slug).min(1, "name at least one topic"),
    methods: z.array(text).default([]),
    formats: z.array(oneOf(["phone", "video"])).min(1, "name at least one format: phone | video").refine(uniqueStrings, "formats must be unique"),
    bio: z.string().trim().default(""),
    active: z.boolean().default(true),
  })
  .strict();

const personSchema = z
  .object({
    slack_id: slackUserId,
    name: text,
    contact_of: slug.nullish(),
    lead: z.boolean().default(false),
    partner: partnerSchema.nullish(),
  })
  .strict();

// Sections are required (lists may be empty): a section left out by mistake would otherwise
// deactivate everything it used to hold.
export const directorySchema = z
  .object({
    programme: programmeSchema,
    topics: z.array(topicSchema).min(1, "name at least one topic"),
    municipalities: z.array(municipalitySchema),
    people: z.array(personSchema),
  })
  .strict();

export type Directory = z.output<typeof directorySchema>;
export type DirectoryProgramme = Directory["programme"];
export type DirectoryTopic = Directory["topics"][number];
export type DirectoryMunicipality = Directory["municipalities"][number];
export type DirectoryPerson = Directory["people"][number];
export type DirectoryPartner = NonNullable<DirectoryPerson["partner"]>;

export type ParseDirectoryResult = { ok: true; directory: Directory } | { ok: false; errors: string[] };

type Path = (string | number)[];
interface Problem {
  path: Path;
  message: string;
}

/** Checks an already parsed value (the YAML text: parse-directory.ts); one line per problem, naming entry and field. */
export function validateDirectory(raw: unknown): ParseDirectoryResult {
  if (!isRecord(raw)) {
    return { ok: false, errors: ["(file): expected a mapping with programme, topics, municipalities and people"] };
  }
  const result = directorySchema.safeParse(raw);
  const problems: Problem[] = result.success ? [] : result.error.issues.flatMap(toProblems);
  // Cross-references are checked on the raw data so one run reports every problem, not only the
  // structural ones first.
  problems.push(...checkQuotas(raw), ...checkReferences(raw));
  if (result.success && problems.length === 0) return { ok: true, directory: result.data };
  const sorted = problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => compareProblems(a.p, b.p) || a.i - b.i)
    .map(({ p }) => formatProblem(raw, p));
  return { ok: false, errors: [...new Set(sorted)] };
}

function toProblems(issue: z.ZodIssue): Problem[] {
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    return issue.keys.map((key) => ({ path: [...issue.path, key], message: "unknown field" }));
  }
  return [{ path: issue.path, message: issue.message }];
}

const sections = ["programme", "topics", "municipalities", "people"];
const idFields: Record<string, string> = { topics: "key", municipalities: "key", people: "slack_id" };

function compareProblems(a: Problem, b: Problem): number {
  const rank = (p: Problem) => {
    const s = sections.indexOf(String(p.path[0]));
    return s === -1 ? sections.length : s;
  };
  const index = (p: Problem) => (typeof p.path[1] === "number" ? p.path[1] : -1);
  return rank(a) - rank(b) || index(a) - index(b);
}

function formatProblem(raw: Record<string, unknown>, { path, message }: Problem): string {
  const [section, index, ...rest] = path;
  if (typeof section === "string" && section in idFields && typeof index === "number") {
    const id = field(list(raw, section)[index], idFields[section]!);
    const entry = `${section}[${index}]${typeof id === "string" && id !== "" ? ` (${id})` : ""}`;
    return rest.length > 0 ? `${entry}: ${formatPath(rest)}: ${message}` : `${entry}: ${message}`;
  }
  return path.length > 0 ? `${formatPath(path)}: ${message}` : `(file): ${message}`;
}

function formatPath(path: Path): string {
  return path.reduce<string>((out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${part}` : part), "");
}

function checkQuotas(raw: Record<string, unknown>): Problem[] {
  const programme = raw["programme"];
  const quota = field(programme, "quota_units");
  if (typeof quota !== "number") return [];
  return (["assigned_quota_units", "max_units_per_request"] as const).flatMap((name) => {
    const value = field(programme, name);
    return typeof value === "number" && value > quota
      ? [{ path: ["programme", name], message: `must not exceed quota_units (${quota})` }]
      : [];
  });
}

function checkReferences(raw: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  const topics = list(raw, "topics");
  const municipalities = list(raw, "municipalities");
  const people = list(raw, "people");
  const topicKeys = firstIndexes(topics, "key", "topics", problems);
  const municipalityKeys = firstIndexes(municipalities, "key", "municipalities", problems);
  const personIds = firstIndexes(people, "slack_id", "people", problems);

  // A missing or broken section is reported by the schema; references into it are not checked.
  const hasSection = (key: string) => Array.isArray(raw[key]);

  people.forEach((person, i) => {
    const contactOf = field(person, "contact_of");
    if (typeof contactOf === "string" && hasSection("municipalities") && !municipalityKeys.has(contactOf)) {
      problems.push({ path: ["people", i, "contact_of"], message: `unknown municipality "${contactOf}" (not in municipalities)` });
    }
    const partnerTopics = field(field(person, "partner"), "topics");
    if (Array.isArray(partnerTopics) && hasSection("topics")) {
      partnerTopics.forEach((topic, j) => {
        if (typeof topic === "string" && !topicKeys.has(topic)) {
          problems.push({ path: ["people", i, "partner", "topics", j], message: `unknown topic "${topic}" (not in topics)` });
        }
      });
    }
  });

  municipalities.forEach((municipality, i) => {
    const assigned = field(municipality, "assigned_partners");
    if (!Array.isArray(assigned) || !hasSection("people")) return;
    const seen = new Set<string>();
    assigned.forEach((slackId, j) => {
      if (typeof slackId !== "string") return;
      const path = ["municipalities", i, "assigned_partners", j];
      const personIndex = personIds.get(slackId);
      if (seen.has(slackId)) problems.push({ path, message: `${slackId} is listed twice` });
      else if (personIndex === undefined) problems.push({ path, message: `unknown person ${slackId} (not in people)` });
      else if (!isRecord(field(people[personIndex], "partner"))) {
        problems.push({ path, message: `${slackId} is not a partner (people[${personIndex}] has no partner block)` });
      }
      seen.add(slackId);
    });
  });
  return problems;
}

/** Maps each id to the index of its first entry and reports the later duplicates. */
function firstIndexes(entries: unknown[], idField: string, section: string, problems: Problem[]): Map<string, number> {
  const first = new Map<string, number>();
  entries.forEach((entry, i) => {
    const id = field(entry, idField);
    if (typeof id !== "string") return;
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, i);
    else problems.push({ path: [section, i, idField], message: `duplicate: "${id}" is already used by ${section}[${earlier}]` });
  });
  return first;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

function list(raw: Record<string, unknown>, key: string): unknown[] {
  const value = raw[key];
  return Array.isArray(value) ? value : [];
}
