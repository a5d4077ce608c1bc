import { randomUUID } from "node:crypto";
import type { Prisma } from "./client.ts";
import type { Prisma as PrismaTypes } from "./generated/client.ts";
import { recordAdminChange } from "./admin-audit.ts";
import { liftSuppression, suppressedSlackIds } from "./erasure-suppression.ts";
import { weekdays, type Directory, type DirectoryPerson } from "../directory/directory-schema.ts";

type Tx = PrismaTypes.TransactionClient;

/** For assignments `deactivated` counts removed pairs; for topics it counts newly retired ones. */
export interface KindSummary {
  created: number;
  updated: number;
  deactivated: number;
}

export interface ImportSummary {
  programme: KindSummary;
  topics: KindSummary;
  municipalities: KindSummary;
  people: KindSummary;
  partners: KindSummary;
  assignments: KindSummary;
  /** People of the file who were erased: skipped (one line each), or restored on the lead's explicit wish. */
  erased: { skipped: string[]; restored: string[] };
}

export interface ImportOptions {
  /** Imports people of the file who were erased before (their suppression entry is removed). Default: skip them. */
  restoreErased?: boolean;
  /** Recorded in the admin audit log: who imported (a lead's person id; null from the CLI) and which file. */
  actorId?: string | null;
  fileName?: string;
}

export const programmeId = "programme";

/**
 * Applies a validated programme file in one transaction: all of it or nothing. Records are matched
 * by key / Slack id; records missing from the file are deactivated, never deleted, because old
 * requests still point at them. Unchanged rows are not written, so re-imports stay cheap.
 */
export async function importDirectory(prisma: Prisma, directory: Directory, now: Date, options: ImportOptions = {}): Promise<ImportSummary> {
  return prisma.$transaction(
    (tx) => applyDirectory(tx, directory, now, options),
    // A file with hundreds of people is still one transaction; the default 5 s is too tight on slow disks.
    { maxWait: 30_000, timeout: 120_000 },
  );
}

/**
 * The import inside a transaction the caller holds (a lead's change in Slack runs it in its own).
 * Writes the admin audit log's import row: Slack changes after it are "since the last import".
 */
export async function applyDirectory(tx: Tx, directory: Directory, now: Date, options: ImportOptions & { source?: "import" | "slack" } = {}): Promise<ImportSummary> {
  // Two imports at once would both see a person as new and race on the unique Slack id.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('sparring:directory-import'))`;
  // An erased person stays erased (DSGVO Art. 17): the file may still list them; nothing of them is written.
  const erasedIds = await suppressedSlackIds(tx, directory.people.map((p) => p.slack_id));
  const erased = { skipped: [] as string[], restored: [] as string[] };
  directory.people.forEach((p, i) => {
    if (!erasedIds.has(p.slack_id)) return;
    if (options.restoreErased) erased.restored.push(`people[${i}] matches an erased person; restored (--restore-erased)`);
    else erased.skipped.push(`people[${i}] matches an erased person; skipped`);
  });
  if (options.restoreErased) await liftSuppression(tx, [...erasedIds]);
  const people = options.restoreErased ? directory.people : directory.people.filter((p) => !erasedIds.has(p.slack_id));
  const programme = await importProgramme(tx, directory.programme);
  const topics = await importTopics(tx, directory.topics);
  const municipalities = await importMunicipalities(tx, directory.municipalities);
  const { summary: peopleSummary, idsBySlackId } = await importPeople(tx, people, now);
  const partners = await importPartners(tx, people, idsBySlackId);
  const assignments = await importAssignments(tx, directory.municipalities, idsBySlackId);
  const summary = { programme, topics, municipalities, people: peopleSummary, partners, assignments, erased };
  if ((options.source ?? "import") === "import") {
    const { erased: _erased, ...counts } = summary;
    await recordAdminChange(tx, {
      at: now, actorId: options.actorId ?? null, source: "import", action: "import", entityKind: "file", entityKey: options.fileName ?? "programme",
      details: JSON.parse(JSON.stringify(counts)) as PrismaTypes.InputJsonObject,
    });
  }
  return summary;
}

async function importProgramme(tx: Tx, p: Directory["programme"]): Promise<KindSummary> {
  const data = {
    name: p.name,
    periodStart: dateOnly(p.period.start),
    periodEnd: dateOnly(p.period.end),
    timezone: p.timezone,
    holidayRegion: p.holidays,
    cohorts: Object.keys(p.cohorts),
    cohortKinds: p.cohorts,
    language: p.language,
    quotaUnits: p.quota_units,
    assignedQuotaUnits: p.assigned_quota_units,
    unitMinutes: p.unit_minutes,
    maxUnitsPerRequest: p.max_units_per_request,
    requestExpiryWorkingDays: p.request_expiry_working_days,
    questionRetentionDays: p.question_retention_days,
    digestChannel: p.digest.channel ?? null,
    digestWeekday: weekdays.indexOf(p.digest.weekday) + 1, // ISO: 1 = Monday … 7 = Sunday
    digestTime: p.digest.time,
    reminderBeforeMinutes: p.reminders.before_minutes,
    partnerUnansweredWorkingDays: p.reminders.partner_unanswered_working_days,
    expiryWarningWorkingDays: p.reminders.expiry_warning_working_days,
    nudgesEnabled: p.nudges.enabled,
    nudgesWeeksBeforeEnd: p.nudges.weeks_before_end,
    contactLine: p.contact,
    privacyNoticeDe: p.privacy_notice.de,
    privacyNoticeEn: p.privacy_notice.en,
  };
  const existing = await tx.programme.findUnique({ where: { id: programmeId } });
  if (!existing) {
    await tx.programme.create({ data: { id: programmeId, ...data } });
    return { created: 1, updated: 0, deactivated: 0 };
  }
  if (!differs(existing, data)) return none();
  await tx.programme.update({ where: { id: programmeId }, data });
  return { created: 0, updated: 1, deactivated: 0 };
}

async function importTopics(tx: Tx, topics: Directory["topics"]): Promise<KindSummary> {
  return sync({
    existing: await tx.topic.findMany(),
    keyOf: (row) => row.key,
    wanted: topics.map((t, i) => [t.key, { labelDe: t.de, labelEn: t.en, retired: t.retired, sortOrder: i }]),
    isActive: (row) => !row.retired,
    create: (rows) => tx.topic.createMany({ data: rows.map(([key, data]) => ({ key, ...data })) }),
    update: (rows) => each(rows, (key, data) => tx.topic.update({ where: { key }, data })),
    deactivate: (keys) => tx.topic.updateMany({ where: { key: { in: keys } }, data: { retired: true } }),
  });
}

async function importMunicipalities(tx: Tx, municipalities: Directory["municipalities"]): Promise<KindSummary> {
  return sync({
    existing: await tx.municipality.findMany(),
    keyOf: (row) => row.key,
    wanted: municipalities.map((m) => [m.key, { name: m.name, kind: m.kind, cohort: m.cohort, active: m.active }]),
    isActive: (row) => row.active,
    create: (rows) => tx.municipality.createMany({ data: rows.map(([key, data]) => ({ key, ...data })) }),
    update: (rows) => each(rows, (key, data) => tx.municipality.update({ where: { key }, data })),
    deactivate: (keys) => tx.municipality.updateMany({ where: { key: { in: keys } }, data: { active: false } }),
  });
}

async function importPeople(
  tx: Tx,
  people: DirectoryPerson[],
  now: Date,
): Promise<{ summary: KindSummary; idsBySlackId: Map<string, string> }> {
  // Erased people have no Slack id any more and are never matched again.
  const existing = await tx.person.findMany({ where: { slackId: { not: null } } });
  const idsBySlackId = new Map(existing.map((row) => [row.slackId!, row.id]));
  const summary = await sync({
    existing,
    keyOf: (row) => row.slackId!,
    wanted: people.map((p) => [p.slack_id, { name: p.name, contactOfKey: p.contact_of ?? null, isLead: p.lead, active: true }]),
    isActive: (row) => row.active,
    create: (rows) => {
      const data = rows.map(([slackId, person]) => ({ id: randomUUID(), slackId, createdAt: now, ...person }));
      for (const row of data) idsBySlackId.set(row.slackId, row.id);
      return tx.person.createMany({ data });
    },
    update: (rows) => updatePeople(tx, rows),
    // The contact link and lead flag stay as they were: they still describe who the person was.
    deactivate: (slackIds) => tx.person.updateMany({ where: { slackId: { in: slackIds } }, data: { active: false } }),
  });
  return { summary, idsBySlackId };
}

/**
 * One statement for all changed people: renaming a few hundred one by one takes seconds on PGlite.
 * Prisma has no bulk update with per-row values, hence the SQL (table and columns as mapped in
 * prisma/schema.prisma).
 */
async function updatePeople(
  tx: Tx,
  rows: (readonly [string, { name: string; contactOfKey: string | null; isLead: boolean; active: boolean }])[],
): Promise<void> {
  const values = JSON.stringify(
    rows.map(([slackId, p]) => ({ slack_id: slackId, name: p.name, contact_of: p.contactOfKey, is_lead: p.isLead, active: p.active })),
  );
  await tx.$executeRaw`
    UPDATE people AS p
    SET name = v.name, contact_of = v.contact_of, is_lead = v.is_lead, active = v.active
    FROM jsonb_to_recordset(${values}::jsonb) AS v(slack_id text, name text, contact_of text, is_lead boolean, active boolean)
    WHERE p.slack_id = v.slack_id`;
}

async function each<Data>(rows: (readonly [string, Data])[], update: (key: string, data: Data) => Promise<unknown>): Promise<void> {
  for (const [key, data] of rows) await update(key, data);
}

/** Profiles of people without a partner block (or missing from the file) are deactivated. */
async function importPartners(tx: Tx, people: DirectoryPerson[], idsBySlackId: Map<string, string>): Promise<KindSummary> {
  return sync({
    existing: await tx.partnerProfile.findMany(),
    keyOf: (row) => row.personId,
    wanted: people.flatMap((p) => {
      if (!p.partner) return [];
      const { organisation, topics, methods, formats, bio, active } = p.partner;
      return [[idsBySlackId.get(p.slack_id)!, { organisation, topics, methods, formats, bio, active }] as const];
    }),
    isActive: (row) => row.active,
    create: (rows) => tx.partnerProfile.createMany({ data: rows.map(([personId, data]) => ({ personId, ...data })) }),
    update: (rows) => each(rows, (personId, data) => tx.partnerProfile.update({ where: { personId }, data })),
    deactivate: (personIds) => tx.partnerProfile.updateMany({ where: { personId: { in: personIds } }, data: { active: false } }),
  });
}

/**
 * Replaces the assignments of each municipality in the file whose list changed. Assignments are
 * current facts, not history (a request fixes `countsAssigned` when it is made), so old pairs are
 * deleted. Municipalities missing from the file keep theirs; they are inactive anyway.
 */
async function importAssignments(
  tx: Tx,
  municipalities: Directory["municipalities"],
  idsBySlackId: Map<string, string>,
): Promise<KindSummary> {
  const existing = await tx.assignment.findMany({ where: { municipalityKey: { in: municipalities.map((m) => m.key) } } });
  const pair = (municipalityKey: string, partnerId: string) => `${municipalityKey}\u0000${partnerId}`;
  const before = new Set(existing.map((a) => pair(a.municipalityKey, a.partnerId)));
  // A partner skipped as erased has no id: their assignments are not written either.
  const wanted = municipalities.flatMap((m) =>
    m.assigned_partners.flatMap((slackId) => {
      const partnerId = idsBySlackId.get(slackId);
      return partnerId ? [{ municipalityKey: m.key, partnerId }] : [];
    }),
  );
  const after = new Set(wanted.map((a) => pair(a.municipalityKey, a.partnerId)));
  const added = wanted.filter((a) => !before.has(pair(a.municipalityKey, a.partnerId)));
  const removed = existing.filter((a) => !after.has(pair(a.municipalityKey, a.partnerId)));
  const changed = new Set([...added, ...removed].map((a) => a.municipalityKey));
  if (changed.size > 0) {
    await tx.assignment.deleteMany({ where: { municipalityKey: { in: [...changed] } } });
    await tx.assignment.createMany({ data: wanted.filter((a) => changed.has(a.municipalityKey)) });
  }
  return { created: added.length, updated: 0, deactivated: removed.length };
}

/**
 * Creates the wanted rows that do not exist (one batch), updates those whose values differ and
 * deactivates active rows the file no longer names (one batch).
 */
async function sync<Row extends object, Data extends object>(plan: {
  existing: Row[];
  keyOf: (row: Row) => string;
  wanted: (readonly [string, Data])[];
  isActive: (row: Row) => boolean;
  create: (rows: (readonly [string, Data])[]) => Promise<unknown>;
  /** Writes the changed rows; one statement each unless the kind batches them. */
  update: (rows: (readonly [string, Data])[]) => Promise<unknown>;
  deactivate: (keys: string[]) => Promise<unknown>;
}): Promise<KindSummary> {
  const existing = new Map(plan.existing.map((row) => [plan.keyOf(row), row]));
  const toCreate: (readonly [string, Data])[] = [];
  const toUpdate: (readonly [string, Data])[] = [];
  for (const [key, data] of plan.wanted) {
    const row = existing.get(key);
    if (!row) toCreate.push([key, data]);
    else if (differs(row, data)) toUpdate.push([key, data]);
  }
  if (toCreate.length > 0) await plan.create(toCreate);
  if (toUpdate.length > 0) await plan.update(toUpdate);
  const wantedKeys = new Set(plan.wanted.map(([key]) => key));
  const gone = [...existing].filter(([key, row]) => !wantedKeys.has(key) && plan.isActive(row)).map(([key]) => key);
  if (gone.length > 0) await plan.deactivate(gone);
  return { created: toCreate.length, updated: toUpdate.length, deactivated: gone.length };
}

/** True when any field of `data` differs from the stored row (dates by instant, arrays by items). */
function differs(row: object, data: object): boolean {
  const stored = row as Record<string, unknown>;
  return Object.entries(data).some(([name, value]) => comparable(stored[name]) !== comparable(value));
}

function comparable(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return JSON.stringify(value);
  // A JSON column (cohort kinds): PostgreSQL's jsonb keeps its own key order, so compare sorted.
  if (value !== null && typeof value === "object") return JSON.stringify(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
  return value;
}

/** "2026-01-01" as the UTC midnight Prisma writes into a `date` column unchanged. */
function dateOnly(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}

function none(): KindSummary {
  return { created: 0, updated: 0, deactivated: 0 };
}
