import type { Actor, Municipality, PartnerProfile, ProgrammeRules, Topic } from "../../src/domain/types.ts";
import { seedRules } from "../support/programme.ts";

/** The seed's rules (test/support/programme.ts), for pure domain tests; contact line and notice empty. */
export function rules(overrides: Partial<ProgrammeRules> = {}): ProgrammeRules {
  return { ...seedRules, contactLine: "", privacyNotice: { de: "", en: "" }, ...overrides };
}

export function actor(overrides: Partial<Actor> = {}): Actor {
  return {
    personId: "contact-1", slackId: "UCONTACT1", name: "Kim Kontakt",
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
