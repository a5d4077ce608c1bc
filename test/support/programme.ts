import type { Prisma as P } from "../../src/db/generated/client.ts";
import type { ProgrammeRules } from "../../src/domain/types.ts";

/**
 * The programme every test runs on, written once: the seed's rules (period 2026–2027,
 * Europe/Berlin, BW holidays, cohorts 2018/19 and 2020/21, 12 units / 5 with assigned partners,
 * 1 unit of 60 minutes per request, expiry after 5 working days). Pure tests take it as
 * `ProgrammeRules` (test/domain/builders.ts), database tests write it (test/support/fixtures.ts).
 */
export const seedRules: ProgrammeRules = {
  name: "Virtuelle Begleitung",
  periodStart: "2026-01-01",
  periodEnd: "2027-12-31",
  timezone: "Europe/Berlin",
  holidayRegion: "BW",
  cohorts: ["2018/19", "2020/21"],
  cohortKinds: { "2018/19": ["Kommune", "Landkreis"], "2020/21": ["Kommune", "Landkreis"] },
  quotaUnits: 12,
  assignedQuotaUnits: 5,
  unitMinutes: 60,
  maxUnitsPerRequest: 1,
  requestExpiryWorkingDays: 5,
  questionRetentionDays: 90,
  digest: { channel: null, weekday: 1, time: "08:00" },
  reminders: { beforeMinutes: 60, partnerUnansweredWorkingDays: 2, expiryWarningWorkingDays: 1 },
  nudges: { enabled: false, weeksBeforeEnd: 8 },
  contactLine: "Fragen: projektleitung@example.org",
  privacyNotice: { de: "Wir speichern …", en: "We store …" },
  language: "de",
};

/** The programme row for `rules` (the inverse of src/db/map-rows.ts `toRules`). */
export function programmeRow(rules: ProgrammeRules): P.ProgrammeCreateInput {
  return {
    name: rules.name,
    periodStart: new Date(rules.periodStart),
    periodEnd: new Date(rules.periodEnd),
    timezone: rules.timezone,
    holidayRegion: rules.holidayRegion,
    cohorts: rules.cohorts,
    cohortKinds: rules.cohortKinds,
    quotaUnits: rules.quotaUnits,
    assignedQuotaUnits: rules.assignedQuotaUnits,
    unitMinutes: rules.unitMinutes,
    maxUnitsPerRequest: rules.maxUnitsPerRequest,
    requestExpiryWorkingDays: rules.requestExpiryWorkingDays,
    questionRetentionDays: rules.questionRetentionDays,
    digestChannel: rules.digest.channel,
    digestWeekday: rules.digest.weekday,
    digestTime: rules.digest.time,
    reminderBeforeMinutes: rules.reminders.beforeMinutes,
    partnerUnansweredWorkingDays: rules.reminders.partnerUnansweredWorkingDays,
    expiryWarningWorkingDays: rules.reminders.expiryWarningWorkingDays,
    nudgesEnabled: rules.nudges.enabled,
    nudgesWeeksBeforeEnd: rules.nudges.weeksBeforeEnd,
    contactLine: rules.contactLine,
    privacyNoticeDe: rules.privacyNotice.de,
    privacyNoticeEn: rules.privacyNotice.en,
    language: rules.language,
  };
}
