/** Plain data the domain decides on. No Prisma, no Slack: the data layer maps rows to these. */
import type { UnitCounts } from "./quota.ts";

export const requestStates = ["requested", "scheduled", "held", "declined", "cancelled", "expired"] as const;
export type RequestState = (typeof requestStates)[number];

/**
 * States that hold units against the quotas (units are reserved when a request is made). Every
 * count of used units, in the domain and in SQL (src/db/reserving-states.ts), derives from this list.
 */
export const reservingStates = ["requested", "scheduled", "held"] as const satisfies readonly RequestState[];
export type ReservingState = (typeof reservingStates)[number];

export const sessionFormats = ["phone", "video"] as const;
export type SessionFormat = (typeof sessionFormats)[number];

export type Locale = "de" | "en";
/** German, the programme's language: for anyone whose Slack is not in English, or not known. */
export const defaultLocale: Locale = "de";

export const municipalityKinds = ["Kommune", "Landkreis"] as const;
export type MunicipalityKind = (typeof municipalityKinds)[number];

export interface ProgrammeRules {
  name: string;
  /** Calendar dates (YYYY-MM-DD) in the programme's time zone, both inclusive. */
  periodStart: string;
  periodEnd: string;
  timezone: string;
  /** German state code for public holidays, e.g. "BW". */
  holidayRegion: string;
  /** The project rounds whose municipalities may book. */
  cohorts: string[];
  /** The kinds each of those rounds admits (every round of `cohorts` has an entry). */
  cohortKinds: Record<string, MunicipalityKind[]>;
  quotaUnits: number;
  assignedQuotaUnits: number;
  unitMinutes: number;
  maxUnitsPerRequest: number;
  requestExpiryWorkingDays: number;
  questionRetentionDays: number;
  digest: { channel: string | null; weekday: number; time: string };
  reminders: ReminderSettings;
  /** The programme file's `nudges:`: a monthly message to municipalities with units unused. */
  nudges: { enabled: boolean; weeksBeforeEnd: number };
  contactLine: string;
  privacyNotice: { de: string; en: string };
  /** The language of what the programme writes for everyone: the channel digest, the CSV headers. */
  language: Locale;
}

/** The programme file's `reminders:` (docs/programme-file.md). */
export interface ReminderSettings {
  /** The last reminder goes this many minutes before the start. */
  beforeMinutes: number;
  /** A partner who has not answered a request is reminded after this many working days. */
  partnerUnansweredWorkingDays: number;
  /** The requester is told this many working days before an unanswered request expires. */
  expiryWarningWorkingDays: number;
}

export interface Topic {
  key: string;
  labelDe: string;
  labelEn: string;
  retired: boolean;
}

export interface Municipality {
  key: string;
  name: string;
  kind: MunicipalityKind;
  cohort: string;
  active: boolean;
}

/** A known person with the roles the data gives them. */
export interface Actor {
  personId: string;
  slackId: string | null;
  name: string;
  contactOf: string | null;
  isLead: boolean;
  isPartner: boolean;
}

export interface PartnerProfile {
  personId: string;
  slackId: string | null;
  name: string;
  organisation: string;
  topics: string[];
  methods: string[];
  formats: SessionFormat[];
  bio: string;
  active: boolean;
}

export interface SessionRequest {
  id: string;
  municipalityKey: string;
  municipalityName: string;
  requesterId: string;
  requesterSlackId: string | null;
  requesterName: string;
  partnerId: string;
  partnerSlackId: string | null;
  partnerName: string;
  topics: string[];
  /** null once removed (retention, erasure). */
  question: string | null;
  preferredFormat: SessionFormat;
  preferredTimes: string;
  units: number;
  countsAssigned: boolean;
  state: RequestState;
  scheduledStart: Date | null;
  format: SessionFormat | null;
  meetingLink: string | null;
  meetingPhone: string | null;
  declineReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Units of one municipality. `used` counts requested + scheduled + held. */
/** A municipality's quota as `buildQuota` (src/domain/quota.ts) makes it from its UnitCounts. */
export interface Quota extends UnitCounts {
  municipalityKey: string;
  limit: number;
  /** held + scheduled + pending */
  used: number;
  remaining: number;
  assignedLimit: number;
  assignedUsed: number;
  assignedRemaining: number;
}

export type Clock = () => Date;
