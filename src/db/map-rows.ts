import type { Prisma as P } from "./generated/client.ts";
import { defaultLocale, municipalityKinds, type MunicipalityKind } from "../domain/types.ts";
import type {
  Locale, Municipality, PartnerProfile, ProgrammeRules, SessionRequest, Topic,
} from "../domain/types.ts";

/** Relations a SessionRequest needs for the names it shows; one query with relation joins. */
export const requestInclude = {
  municipality: { select: { name: true } },
  requester: { select: { slackId: true, name: true } },
  partner: { select: { slackId: true, name: true } },
} satisfies P.SessionRequestInclude;

export type RequestRow = P.SessionRequestGetPayload<{ include: typeof requestInclude }>;

export const partnerInclude = {
  person: { select: { slackId: true, name: true, active: true, erasedAt: true } },
} satisfies P.PartnerProfileInclude;

export type PartnerRow = P.PartnerProfileGetPayload<{ include: typeof partnerInclude }>;

/** A DATE column arrives as UTC midnight; the programme means the calendar day. */
const calendarDay = (date: Date) => date.toISOString().slice(0, 10);

export function toRules(row: P.ProgrammeModel): ProgrammeRules {
  return {
    name: row.name,
    periodStart: calendarDay(row.periodStart),
    periodEnd: calendarDay(row.periodEnd),
    timezone: row.timezone,
    holidayRegion: row.holidayRegion,
    cohorts: row.cohorts,
    cohortKinds: toCohortKinds(row.cohorts, row.cohortKinds),
    quotaUnits: row.quotaUnits,
    assignedQuotaUnits: row.assignedQuotaUnits,
    unitMinutes: row.unitMinutes,
    maxUnitsPerRequest: row.maxUnitsPerRequest,
    requestExpiryWorkingDays: row.requestExpiryWorkingDays,
    questionRetentionDays: row.questionRetentionDays,
    digest: { channel: row.digestChannel, weekday: row.digestWeekday, time: row.digestTime },
    reminders: {
      beforeMinutes: row.reminderBeforeMinutes,
      partnerUnansweredWorkingDays: row.partnerUnansweredWorkingDays,
      expiryWarningWorkingDays: row.expiryWarningWorkingDays,
    },
    nudges: { enabled: row.nudgesEnabled, weeksBeforeEnd: row.nudgesWeeksBeforeEnd },
    contactLine: row.contactLine,
    privacyNotice: { de: row.privacyNoticeDe, en: row.privacyNoticeEn },
    language: toLocale(row.language) ?? defaultLocale,
  };
}

/** Every round gets its kinds: one missing from the stored map (or a malformed entry) admits all. */
export function toCohortKinds(cohorts: string[], stored: unknown): Record<string, MunicipalityKind[]> {
  const map = stored !== null && typeof stored === "object" && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  return Object.fromEntries(
    cohorts.map((cohort) => {
      const kinds = map[cohort];
      const known = Array.isArray(kinds) ? municipalityKinds.filter((k) => kinds.includes(k)) : [...municipalityKinds];
      return [cohort, known];
    }),
  );
}

export function toTopic(row: P.TopicModel): Topic {
  return { key: row.key, labelDe: row.labelDe, labelEn: row.labelEn, retired: row.retired };
}

export function toMunicipality(row: P.MunicipalityModel): Municipality {
  return { key: row.key, name: row.name, kind: row.kind, cohort: row.cohort, active: row.active };
}

export const toLocale = (value: string | null): Locale | null => (value === "de" || value === "en" ? value : null);

export function toPartner(row: PartnerRow): PartnerProfile {
  return {
    personId: row.personId,
    slackId: row.person.slackId,
    name: row.person.name,
    organisation: row.organisation,
    topics: row.topics,
    methods: row.methods,
    formats: row.formats,
    bio: row.bio,
    // A deactivated or erased person cannot be booked even if the profile was left active.
    active: row.active && row.person.active && row.person.erasedAt === null,
  };
}

export function toRequest(row: RequestRow): SessionRequest {
  return {
    id: row.id,
    municipalityKey: row.municipalityKey,
    municipalityName: row.municipality.name,
    requesterId: row.requesterId,
    requesterSlackId: row.requester.slackId,
    requesterName: row.requester.name,
    partnerId: row.partnerId,
    partnerSlackId: row.partner.slackId,
    partnerName: row.partner.name,
    topics: row.topics,
    question: row.question,
    preferredFormat: row.preferredFormat,
    preferredTimes: row.preferredTimes,
    units: row.units,
    countsAssigned: row.countsAssigned,
    state: row.state,
    scheduledStart: row.scheduledStart,
    format: row.format,
    meetingLink: row.meetingLink,
    meetingPhone: row.meetingPhone,
    declineReason: row.declineReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * The programme row as JSON (snake_case, dates as strings) turned into the model toRules reads,
 * so a column added to the programme reaches the rules through toRules alone.
 */
export function programmeModel(json: Record<string, unknown>): P.ProgrammeModel {
  const model: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(json)) {
    model[column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = value;
  }
  for (const date of ["periodStart", "periodEnd", "updatedAt"]) {
    if (typeof model[date] === "string") model[date] = new Date(model[date]);
  }
  return model as unknown as P.ProgrammeModel;
}
