import type { Actor, Municipality, PartnerProfile, ProgrammeRules, Topic } from "../../src/domain/types.ts";

/** The seed's rules with a 2026–2027 period, for pure domain tests. */
export function rules(overrides: Partial<ProgrammeRules> = {}): ProgrammeRules {
  return {
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
    contactLine: "",
    privacyNotice: { de: "", en: "" },
    language: "de",
    ...overrides,
  };
}

export function actor(overrides: Partial<Actor> = {}): Actor {
  return {
    personId: "contact-1", slackId: "UCONTACT1", name: "Kim Kontakt", locale: null,
    contactOf: "ulm", isLead: false, isPartner: false, ...overrides,
  };
}

export function municipality(overrides: Partial<Municipality> = {}): Municipality {
  return { key: "ulm", name: "Ulm", kind: "Kommune", cohort: "2018/19", active: true, ...overrides };
}

export function partner(overrides: Partial<PartnerProfile> = {}): PartnerProfile {
  return {
    personId: "partner-1", slackId: "UPARTNER1", name: "Paula Partner", organisation: "", topics: ["online", "conflict"],
    methods: [], formats: ["video", "phone"], bio: "", active: true, ...overrides,
  };
}

export const catalogue: Topic[] = [
  { key: "online", labelDe: "Online-Veranstaltungen", labelEn: "Online events", retired: false },
  { key: "conflict", labelDe: "Konflikte", labelEn: "Conflicts", retired: false },
  { key: "old", labelDe: "Alt", labelEn: "Old", retired: true },
];
