import type { Database } from "../../src/db/client.ts";
import { createSparringService } from "../../src/db/sparring-service.ts";
import type { RequestInput, SparringService } from "../../src/domain/service.ts";
import type { SessionRequest } from "../../src/domain/types.ts";
import type { SeededProgramme } from "../support/fixtures.ts";

/**
 * Requests made through the real service on the seeded programme, at chosen times (Berlin, CET):
 *  A  Ulm → partner, requested Mon 2 Mar 10:00, held Wed 4 Mar 14:30
 *  B  Ulm → assigned partner (sub-quota), requested 2 Mar, held Fri 6 Mar 09:00
 *  C  Ulm (contact2) → partner, requested Mon 9 Mar 23:30 (22:30 UTC), still requested
 *  D  Konstanz → partner, declined with a reason
 *  E  Konstanz → assigned partner (not assigned to Konstanz), scheduled Fri 20 Mar 10:00
 *  G  Konstanz → partner, requested Mon 30 Mar, held Thu 2 Apr 11:00 (outside March)
 */
export interface Scenario {
  service: SparringService;
  setNow(date: Date): void;
  requests: Record<"A" | "B" | "C" | "D" | "E" | "G", SessionRequest>;
  questions: Record<"A" | "B" | "C" | "D" | "E" | "G", string>;
}

export async function buildScenario(db: Database, seed: SeededProgramme): Promise<Scenario> {
  let now = new Date("2026-03-02T10:00:00+01:00");
  let counter = 0;
  const key = () => `scenario-${++counter}`;
  const service = createSparringService(db, () => now);
  const at = (iso: string) => { now = new Date(iso); };
  const { contact, contact2, otherContact, partner, assignedPartner, lead } = seed.people;

  const request = async (slackId: string, partnerId: string, question: string, extra: Partial<RequestInput> = {}) => {
    const result = await service.requestSession(slackId, {
      partnerId, topics: [seed.topics.onlineEvents], question, preferredFormat: "video", preferredTimes: "dienstags vormittags", ...extra,
    }, key());
    if (!result.ok) throw new Error(`request refused: ${result.code}`);
    return result.value;
  };
  const accept = async (partnerSlackId: string, id: string, start: string) => {
    const result = await service.acceptRequest(partnerSlackId, id, { start: new Date(start), format: "video", meetingLink: "https://meet.example/x" }, key());
    if (!result.ok) throw new Error(`accept refused: ${result.code}`);
    return result.value;
  };
  const held = async (partnerSlackId: string, id: string) => {
    const result = await service.markHeld(partnerSlackId, id, key());
    if (!result.ok) throw new Error(`mark held refused: ${result.code}`);
    return result.value;
  };

  const questions = {
    A: "Wie erreichen wir stille Gruppen? (A)",
    B: "Wie motivieren wir Ehrenamtliche; langfristig? (B)",
    C: "Frage C von Sam",
    D: "Frage D aus Konstanz",
    E: "Frage E aus Konstanz",
    G: "Frage G aus Konstanz",
  };
  let A = await request(contact.slackId, partner.id, questions.A, { topics: [seed.topics.onlineEvents, seed.topics.conflicts] });
  at("2026-03-02T10:01:00+01:00");
  let B = await request(contact.slackId, assignedPartner.id, questions.B);
  A = await accept(partner.slackId, A.id, "2026-03-04T14:30:00+01:00");
  B = await accept(assignedPartner.slackId, B.id, "2026-03-06T09:00:00+01:00");
  at("2026-03-06T12:00:00+01:00");
  A = await held(partner.slackId, A.id);
  B = await held(lead.slackId, B.id);
  at("2026-03-09T23:30:00+01:00");
  const C = await request(contact2.slackId, partner.id, questions.C);
  at("2026-03-10T09:00:00+01:00");
  let D = await request(otherContact.slackId, partner.id, questions.D);
  const declined = await service.declineRequest(partner.slackId, D.id, { reason: "Keine Zeit im März" }, key());
  if (!declined.ok) throw new Error(declined.code);
  D = declined.value;
  at("2026-03-10T09:05:00+01:00");
  let E = await request(otherContact.slackId, assignedPartner.id, questions.E);
  E = await accept(assignedPartner.slackId, E.id, "2026-03-20T10:00:00+01:00");
  at("2026-03-30T09:00:00+02:00");
  let G = await request(otherContact.slackId, partner.id, questions.G);
  G = await accept(partner.slackId, G.id, "2026-04-02T11:00:00+02:00");
  at("2026-04-02T15:00:00+02:00");
  G = await held(partner.slackId, G.id);
  return { service, setNow: (date) => { now = date; }, requests: { A, B, C, D, E, G }, questions };
}
