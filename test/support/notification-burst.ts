/**
 * Issue 14's notification burst: 200 bookings for 50 partners, Slack answering every call in 100 ms;
 * every partner DM must be sent soon after its booking. Shared by
 * test/faults/notification-burst.test.ts (in-process, checks the pacing) and bench/burst.ts (the
 * compiled app, measures the delay).
 */
import type { Prisma } from "../../src/db/client.ts";
import type { FakeSlack } from "./fake-slack.ts";
import { loadContact, loadPartner, seedContacts, seedPartners } from "./load-seed.ts";

export const burstScenario = { partners: 50, bookings: 200, senders: 10, slackLatencyMs: 100 };
const prefix = "burst";

/** 50 municipalities with one contact each (4 bookings each, within the quota of 12) and 50 partners; returns the partners' ids. */
export async function seedBurst(prisma: Prisma, partners = burstScenario.partners): Promise<string[]> {
  await seedContacts(prisma, prefix, partners);
  return seedPartners(prisma, prefix, partners);
}

/** Booking j: contact j % partners books partner (7 j) % partners, with a question that names j. */
export function burstBooking(j: number, partners = burstScenario.partners): { contact: string; partner: number; question: string } {
  return { contact: loadContact(prefix, j % partners), partner: (7 * j) % partners, question: `Burst-Anfrage Nr. ${j}.` };
}

/**
 * When Slack answered each booking's partner DM: a chat.postMessage to that partner (user id or DM
 * channel) whose blocks carry the booking's question. Booking number → time.
 */
export function burstDmTimes(slack: FakeSlack, bookings: number, partners = burstScenario.partners): Map<number, number> {
  const sent = new Map<number, number>();
  const byPartnerChannel = new Map<string, number[]>();
  for (let j = 0; j < bookings; j++) {
    const user = loadPartner(prefix, burstBooking(j, partners).partner);
    for (const channel of [user, `D${user}`]) byPartnerChannel.set(channel, [...(byPartnerChannel.get(channel) ?? []), j]);
  }
  for (const call of slack.calls("chat.postMessage")) {
    if (call.status !== 200) continue;
    const blocks = JSON.stringify(call.args.blocks ?? "");
    const j = byPartnerChannel.get(String(call.args.channel))?.find((k) => blocks.includes(burstBooking(k, partners).question));
    if (j !== undefined && !sent.has(j)) sent.set(j, call.at);
  }
  return sent;
}
