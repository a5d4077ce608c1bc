/**
 * Issue 14's notification burst against the compiled app: 200 booking submissions for 50
 * partners from ten contacts at once, the fake Slack answering every call in 100 ms; how long
 * after its booking each partner's DM was sent (test/support/notification-burst.ts).
 */
import type { FakeSlack } from "../test/support/fake-slack.ts";
import { burstBooking, burstDmTimes, burstScenario, seedBurst } from "../test/support/notification-burst.ts";
import { appDatabase, type Backend } from "./app-database.ts";
import { startSparring, type SlackEnv } from "./processes.ts";
import { percentiles, submitBooking } from "./slack-load.ts";

export interface BurstFigures {
  bookings: number;
  failed: number;
  delivered: number;
  medianMs: number;
  lastMs: number;
}

export async function benchBurst(slack: FakeSlack, slackEnv: SlackEnv, backend: Backend, bookings: number, partners: number): Promise<BurstFigures> {
  let partnerIds: string[] = [];
  const database = await appDatabase(backend, async (prisma) => void (partnerIds = await seedBurst(prisma, partners)));
  const app = await startSparring(slackEnv, database.env);
  try {
    slack.reset();
    slack.setLatency("*", burstScenario.slackLatencyMs);
    const bookedAt = new Map<number, number>();
    let failed = 0;
    let next = 0;
    await Promise.all(Array.from({ length: burstScenario.senders }, async () => {
      for (let j = next++; j < bookings; j = next++) {
        const booking = burstBooking(j, partners);
        const answer = await submitBooking(app.url, { contact: booking.contact, partnerId: partnerIds[booking.partner]!, question: booking.question });
        if (answer === "sent") bookedAt.set(j, Date.now());
        else failed += 1;
      }
    }));
    // Every DM, or two minutes after the last booking.
    const deadline = Date.now() + 120_000;
    while (burstDmTimes(slack, bookings, partners).size < bookedAt.size && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const sent = burstDmTimes(slack, bookings, partners);
    const delays = [...bookedAt].map(([j, at]) => (sent.get(j) ?? Infinity) - at);
    const { p50 } = percentiles(delays);
    return { bookings, failed, delivered: sent.size, medianMs: p50, lastMs: Math.max(...delays) };
  } finally {
    slack.reset();
    await app.stop();
    await database.drop();
  }
}
