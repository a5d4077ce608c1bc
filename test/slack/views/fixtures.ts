import type { PartnerProfile, Quota, SessionRequest, Topic } from "../../../src/domain/types.ts";

export const TZ = "Europe/Berlin";
export const NOW = new Date("2026-12-01T09:00:00Z");
/** Monday, 7 Dec 2026, 10:00 in Berlin. */
export const START = new Date("2026-12-07T09:00:00Z");
export const EVIL = "Bitte <!channel> beachten & <https://evil.example|hier klicken>";

export function makeTopics(n: number): Topic[] {
  const base: Topic[] = [
    { key: "online", labelDe: "Planung und Durchführung von Online-Veranstaltungen", labelEn: "Planning and running online events", retired: false },
    {
      key: "motivation",
      labelDe: "Langfristige Motivation von Ehrenamtlichen / Förderung von freiwilligem Engagement",
      labelEn: "Keeping volunteers motivated / promoting voluntary engagement",
      retired: false,
    },
    { key: "konflikt", labelDe: "Umgang mit Konfliktsituationen vor Ort", labelEn: "Dealing with local conflicts", retired: false },
  ];
  const topics = base.slice(0, n);
  for (let i = topics.length; i < n; i++) {
    topics.push({ key: `topic-${i}`, labelDe: `Thema Nummer ${i} mit einem recht langen Namen für die Auswahlliste im Formular`, labelEn: `Topic number ${i}`, retired: false });
  }
  return topics;
}

export function makePartner(i: number, overrides: Partial<PartnerProfile> = {}): PartnerProfile {
  return {
    personId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    slackId: `UPARTNER${i}`,
    name: `Dr. Partnerin ${i} Mustermann-Langname`,
    organisation: `Institut für Beteiligung und bürgerschaftliches Engagement Nummer ${i} gGmbH`,
    topics: ["online", "konflikt"],
    methods: ["Großgruppenverfahren", "Moderation"],
    formats: ["phone", "video"],
    bio: "Langjährige Erfahrung in Bürgerbeteiligung. ".repeat(20),
    active: true,
    ...overrides,
  };
}

export function makePartners(n: number): PartnerProfile[] {
  return Array.from({ length: n }, (_, i) => makePartner(i + 1));
}

export function makeRequest(overrides: Partial<SessionRequest> = {}): SessionRequest {
  return {
    id: "11111111-2222-4333-8444-555555555555",
    municipalityKey: "musterstadt",
    municipalityName: "Musterstadt",
    requesterId: "p-requester",
    requesterSlackId: "UREQ",
    requesterName: "Erika Beispiel",
    partnerId: "p-partner",
    partnerSlackId: "UPART",
    partnerName: "Max Partner",
    topics: ["online", "konflikt"],
    question: EVIL,
    preferredFormat: "video",
    preferredTimes: "dienstags vormittags <@U123>",
    units: 1,
    countsAssigned: false,
    state: "requested",
    scheduledStart: null,
    format: null,
    meetingLink: null,
    meetingPhone: null,
    declineReason: null,
    createdAt: new Date("2026-11-20T08:00:00Z"),
    updatedAt: new Date("2026-11-20T08:00:00Z"),
    ...overrides,
  };
}

export function makeRequests(n: number): SessionRequest[] {
  const states = ["requested", "scheduled", "held", "declined", "cancelled", "expired"] as const;
  return Array.from({ length: n }, (_, i) =>
    makeRequest({
      id: `11111111-2222-4333-8444-${String(i).padStart(12, "0")}`,
      state: states[i % states.length] ?? "requested",
      scheduledStart: i % 6 === 1 || i % 6 === 2 ? START : null,
      format: i % 6 === 1 || i % 6 === 2 ? "video" : null,
      meetingLink: i % 6 === 1 ? "https://meet.example/abc?x=1&y=2" : null,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000),
      question: `Frage ${i}: ${"x".repeat(1990)}`,
    }),
  );
}

export function makeQuota(overrides: Partial<Quota & { partnerAssigned: boolean }> = {}): Quota & { partnerAssigned: boolean } {
  return {
    municipalityKey: "musterstadt",
    limit: 12,
    used: 3,
    held: 1,
    scheduled: 1,
    pending: 1,
    remaining: 9,
    assignedLimit: 5,
    assignedUsed: 2,
    assignedRemaining: 3,
    partnerAssigned: false,
    ...overrides,
  };
}

