import type { Prisma as PrismaTypes } from "./generated/client.ts";
import { toCohortKinds, toLocale } from "./map-rows.ts";
import { programmeId } from "./import-directory.ts";
import { weekdays, type Directory, type DirectoryPerson } from "../directory/directory-schema.ts";
import { defaultLocale } from "../domain/types.ts";

type Reader = Pick<PrismaTypes.TransactionClient, "programme" | "topic" | "municipality" | "person" | "assignment">;

/**
 * The programme as it is now in the database, in the file's shape: what leads changed in Slack
 * included, so the downloaded file imported again changes nothing. Only active, not erased people
 * are listed (the import deactivates people missing from the file, and keeps them inactive);
 * assignments of people not listed are left out for the same reason. Null without a programme.
 */
export async function loadDirectory(db: Reader): Promise<Directory | null> {
  const [programme, topics, municipalities, people, assignments] = await Promise.all([
    db.programme.findUnique({ where: { id: programmeId } }),
    db.topic.findMany({ orderBy: [{ sortOrder: "asc" }, { key: "asc" }] }),
    db.municipality.findMany({ orderBy: { key: "asc" } }),
    db.person.findMany({ where: { active: true, erasedAt: null, slackId: { not: null } }, include: { partner: true }, orderBy: { createdAt: "asc" } }),
    db.assignment.findMany({ include: { partner: { select: { slackId: true } } }, orderBy: [{ municipalityKey: "asc" }, { partnerId: "asc" }] }),
  ]);
  if (!programme) return null;
  const listed = new Set(people.flatMap((p) => (p.partner ? [p.slackId!] : [])));
  const assignedTo = new Map<string, string[]>();
  for (const a of assignments) {
    const slackId = a.partner.slackId;
    if (slackId && listed.has(slackId)) assignedTo.set(a.municipalityKey, [...(assignedTo.get(a.municipalityKey) ?? []), slackId]);
  }
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return {
    programme: {
      name: programme.name,
      period: { start: day(programme.periodStart), end: day(programme.periodEnd) },
      timezone: programme.timezone,
      holidays: programme.holidayRegion as Directory["programme"]["holidays"],
      cohorts: toCohortKinds(programme.cohorts, programme.cohortKinds),
      quota_units: programme.quotaUnits,
      assigned_quota_units: programme.assignedQuotaUnits,
      unit_minutes: programme.unitMinutes,
      max_units_per_request: programme.maxUnitsPerRequest,
      reminders: {
        before_minutes: programme.reminderBeforeMinutes,
        partner_unanswered_working_days: programme.partnerUnansweredWorkingDays,
        expiry_warning_working_days: programme.expiryWarningWorkingDays,
      },
      nudges: { enabled: programme.nudgesEnabled, weeks_before_end: programme.nudgesWeeksBeforeEnd },
      request_expiry_working_days: programme.requestExpiryWorkingDays,
      question_retention_days: programme.questionRetentionDays,
      digest: { channel: programme.digestChannel, weekday: weekdays[programme.digestWeekday - 1] ?? "monday", time: programme.digestTime },
      contact: programme.contactLine,
      privacy_notice: { de: programme.privacyNoticeDe, en: programme.privacyNoticeEn },
      language: toLocale(programme.language) ?? defaultLocale,
    },
    topics: topics.map((t) => ({ key: t.key, de: t.labelDe, en: t.labelEn, retired: t.retired })),
    municipalities: municipalities.map((m) => ({
      key: m.key,
      name: m.name,
      kind: m.kind,
      cohort: m.cohort,
      active: m.active,
      assigned_partners: assignedTo.get(m.key) ?? [],
    })),
    people: people.map((p): DirectoryPerson => ({
      slack_id: p.slackId!,
      name: p.name,
      contact_of: p.contactOfKey,
      lead: p.isLead,
      partner: p.partner
        ? {
            organisation: p.partner.organisation,
            topics: p.partner.topics,
            methods: p.partner.methods,
            formats: p.partner.formats,
            bio: p.partner.bio,
            active: p.partner.active,
          }
        : null,
    })),
  };
}
