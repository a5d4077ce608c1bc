import { openDatabase, type Database, type Prisma } from "../../src/db/client.ts";
import type { Prisma as P } from "../../src/db/generated/client.ts";
import type { RequestState } from "../../src/domain/types.ts";
import { createThrowawayDatabase } from "./postgres.ts";
import { programmeRow, seedRules } from "./programme.ts";

/** A fresh database: PGlite in memory, or a throw-away database on the local PostgreSQL server. */
export async function openTestDatabase(
  kind: "pglite" | "postgres",
  options: { poolSize?: number } = {},
): Promise<{ db: Database; cleanup: () => Promise<void> }> {
  if (kind === "pglite") {
    const db = await openDatabase({ dataDir: "memory://" });
    return { db, cleanup: () => db.close() };
  }
  const throwaway = await createThrowawayDatabase();
  try {
    const db = await openDatabase({ databaseUrl: throwaway.url, poolSize: options.poolSize ?? 5 });
    return {
      db,
      async cleanup() {
        await db.close();
        await throwaway.drop();
      },
    };
  } catch (error) {
    await throwaway.drop();
    throw error;
  }
}

export interface PersonRef {
  id: string;
  slackId: string;
}

export interface SeededProgramme {
  topics: { onlineEvents: string; volunteers: string; conflicts: string; surveys: string; retired: string };
  municipalities: { eligible: string; eligible2: string; wrongCohort: string; inactive: string };
  people: {
    /** Contacts of `eligible`. */
    contact: PersonRef;
    contact2: PersonRef;
    /** Contact of `eligible2`. */
    otherContact: PersonRef;
    wrongCohortContact: PersonRef;
    inactiveMunicipalityContact: PersonRef;
    /** Offers onlineEvents, volunteers, conflicts; free for everyone. */
    partner: PersonRef;
    /** Offers onlineEvents, conflicts; assigned to `eligible` (sub-quota). */
    assignedPartner: PersonRef;
    /** Profile inactive. */
    inactivePartner: PersonRef;
    lead: PersonRef;
    /** Known person without any role. */
    nobody: PersonRef;
  };
}

/**
 * Writes the programme with the seed's rules (test/support/programme.ts), a small catalogue,
 * municipalities and people for every role.
 */
export async function seedProgramme(prisma: Prisma, overrides: Partial<P.ProgrammeCreateInput> = {}): Promise<SeededProgramme> {
  await prisma.programme.create({ data: { ...programmeRow(seedRules), ...overrides } });
  const topics = {
    onlineEvents: "online-events", volunteers: "volunteer-motivation", conflicts: "conflicts", surveys: "surveys", retired: "retired-topic",
  };
  await prisma.topic.createMany({
    data: [
      { key: topics.onlineEvents, labelDe: "Planung und Durchführung von Online-Veranstaltungen", labelEn: "Online events", sortOrder: 1 },
      { key: topics.volunteers, labelDe: "Langfristige Motivation von Ehrenamtlichen", labelEn: "Motivating volunteers", sortOrder: 2 },
      { key: topics.conflicts, labelDe: "Umgang mit Konfliktsituationen vor Ort", labelEn: "Handling conflicts", sortOrder: 3 },
      { key: topics.surveys, labelDe: "Beratung zur Durchführung von Umfragen", labelEn: "Surveys", sortOrder: 4 },
      { key: topics.retired, labelDe: "Altes Thema", labelEn: "Old topic", sortOrder: 5, retired: true },
    ],
  });
  const municipalities = { eligible: "ulm", eligible2: "landkreis-konstanz", wrongCohort: "freiburg", inactive: "heidelberg" };
  await prisma.municipality.createMany({
    data: [
      { key: municipalities.eligible, name: "Ulm", kind: "Kommune", cohort: "2018/19" },
      { key: municipalities.eligible2, name: "Landkreis Konstanz", kind: "Landkreis", cohort: "2020/21" },
      { key: municipalities.wrongCohort, name: "Freiburg", kind: "Kommune", cohort: "2016/17" },
      { key: municipalities.inactive, name: "Heidelberg", kind: "Kommune", cohort: "2018/19", active: false },
    ],
  });
  const person = async (slackId: string, name: string, data: Partial<P.PersonUncheckedCreateInput> = {}): Promise<PersonRef> => {
    const row = await prisma.person.create({ data: { slackId, name, ...data } });
    return { id: row.id, slackId };
  };
  const people = {
    contact: await person("UCONTACT1", "Kim Kontakt", { contactOfKey: municipalities.eligible }),
    contact2: await person("UCONTACT2", "Sam Kontakt", { contactOfKey: municipalities.eligible }),
    otherContact: await person("UCONTACT3", "Eva Konstanz", { contactOfKey: municipalities.eligible2 }),
    wrongCohortContact: await person("UCONTACT4", "Frank Freiburg", { contactOfKey: municipalities.wrongCohort }),
    inactiveMunicipalityContact: await person("UCONTACT5", "Hanna Heidelberg", { contactOfKey: municipalities.inactive }),
    partner: await person("UPARTNER1", "Paula Partner"),
    assignedPartner: await person("UPARTNER2", "Anton Assigned"),
    inactivePartner: await person("UPARTNER3", "Ines Inaktiv"),
    lead: await person("ULEAD1", "Lea Leitung", { isLead: true }),
    nobody: await person("UNOBODY1", "Niemand"),
  };
  await prisma.partnerProfile.createMany({
    data: [
      { personId: people.partner.id, organisation: "Beteiligung & Co", topics: [topics.onlineEvents, topics.volunteers, topics.conflicts], formats: ["video", "phone"] },
      { personId: people.assignedPartner.id, topics: [topics.onlineEvents, topics.conflicts], formats: ["video"] },
      { personId: people.inactivePartner.id, topics: Object.values(topics), formats: ["phone"], active: false },
    ],
  });
  await prisma.assignment.create({ data: { municipalityKey: municipalities.eligible, partnerId: people.assignedPartner.id } });
  return { topics, municipalities, people };
}

/** More contacts of one municipality (for races between colleagues). */
export async function addContacts(prisma: Prisma, municipalityKey: string, count: number, prefix = "URACE"): Promise<PersonRef[]> {
  const data = Array.from({ length: count }, (_, i) => ({ slackId: `${prefix}${municipalityKey.toUpperCase()}${i}`, name: `Kontakt ${i}`, contactOfKey: municipalityKey }));
  await prisma.person.createMany({ data });
  const rows = await prisma.person.findMany({ where: { slackId: { in: data.map((d) => d.slackId) } }, orderBy: { slackId: "asc" } });
  return rows.map((r) => ({ id: r.id, slackId: r.slackId ?? "" }));
}

/**
 * Writes requests directly (no rules, no events), to put a municipality at a given usage quickly.
 */
export async function insertRequests(
  prisma: Prisma,
  spec: { municipalityKey: string; requesterId: string; partnerId: string; count: number; state?: RequestState; countsAssigned?: boolean; topics?: string[]; createdAt?: Date; scheduledStart?: Date },
): Promise<void> {
  await prisma.sessionRequest.createMany({
    data: Array.from({ length: spec.count }, () => ({
      municipalityKey: spec.municipalityKey,
      requesterId: spec.requesterId,
      partnerId: spec.partnerId,
      topics: spec.topics ?? ["online-events"],
      question: "Wie gehen wir vor?",
      preferredFormat: "video" as const,
      countsAssigned: spec.countsAssigned ?? false,
      state: spec.state ?? "held",
      ...(spec.createdAt ? { createdAt: spec.createdAt } : {}),
      scheduledStart: spec.scheduledStart ?? (spec.state === "requested" ? null : new Date("2026-03-02T09:00:00Z")),
    })),
  });
}

/** Removes every request with its audit rows, notices and idempotency keys (between race rounds). */
export async function clearRequests(prisma: Prisma): Promise<void> {
  await prisma.$executeRaw`TRUNCATE request_events, reschedule_proposals, session_feedback, slack_messages, session_requests, outbox, idempotency_keys`;
}
