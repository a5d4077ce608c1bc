/**
 * Booking throughput of the compiled app on PostgreSQL: booking modal submissions from 50
 * contacts at once, spread over 2 000 eligible municipalities that each have 2 of their 12 units
 * free. Each municipality is asked three times in a row (the three are in flight together), so one
 * of the three must be refused: the quota has to hold under concurrency. Counts what was stored.
 */
import type { Prisma } from "../src/db/client.ts";
import { reservingStateList } from "../src/db/reserving-states.ts";
import type { FakeSlack } from "../test/support/fake-slack.ts";
import { loadContact, seedContacts, seedPartners } from "../test/support/load-seed.ts";
import { appDatabase } from "./app-database.ts";
import { startSparring, type SlackEnv } from "./processes.ts";
import { submitBooking } from "./slack-load.ts";

export const throughputScenario = { municipalities: 2_000, freeUnits: 2, askedPerMunicipality: 3, concurrency: 50, partners: 20 };

export interface ThroughputFigures {
  submissions: number;
  /** Stored bookings per second, first submission → last answer. */
  perSecond: number;
  stored: number;
  refused: number;
  errors: number;
  /** Municipalities holding more units than the quota. */
  overbooked: number;
}

const prefix = "tp";
const question = (k: number) => `Durchsatz ${k}`;

/** The municipalities, contacts and partners; every municipality has used all but `freeUnits` units. */
async function seed(prisma: Prisma, partnerIds: string[]): Promise<void> {
  const { municipalities, freeUnits, partners } = throughputScenario;
  await seedContacts(prisma, prefix, municipalities);
  partnerIds.push(...(await seedPartners(prisma, prefix, partners)));
  const programme = await prisma.programme.findFirstOrThrow();
  await prisma.$executeRawUnsafe(`
    INSERT INTO session_requests (id, municipality_key, requester_id, partner_id, topics, question, preferred_format,
                                  preferred_times, units, counts_assigned, state, created_at, updated_at)
    SELECT gen_random_uuid(), p.contact_of, p.id, $1::uuid, ARRAY['online-events'], 'Frühere Frage', 'video', '', 1, false, 'held',
           now() - interval '30 days', now() - interval '30 days'
    FROM people p, generate_series(1, ${programme.quotaUnits - freeUnits})
    WHERE p.slack_id LIKE 'U${prefix.toUpperCase()}C%'`, partnerIds[0]);
  await prisma.$executeRawUnsafe("ANALYZE");
}

export async function benchThroughput(slack: FakeSlack, slackEnv: SlackEnv, submissions: number): Promise<ThroughputFigures> {
  const { municipalities, askedPerMunicipality, concurrency, partners } = throughputScenario;
  const partnerIds: string[] = [];
  const database = await appDatabase("postgres", (prisma) => seed(prisma, partnerIds));
  const app = await startSparring(slackEnv, database.env);
  const answers = { sent: 0, refused: 0, error: 0 };
  let seconds: number;
  try {
    slack.reset();
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      for (let k = next++; k < submissions; k = next++) {
        const municipality = Math.floor(k / askedPerMunicipality) % municipalities;
        answers[await submitBooking(app.url, { contact: loadContact(prefix, municipality), partnerId: partnerIds[k % partners]!, question: question(k) })] += 1;
      }
    }));
    seconds = (performance.now() - started) / 1000;
  } finally {
    await app.stop();
  }
  const db = await database.open();
  try {
    const stored = await db.prisma.sessionRequest.count({ where: { question: { startsWith: "Durchsatz " } } });
    const { quotaUnits } = await db.prisma.programme.findFirstOrThrow();
    const over = await db.prisma.$queryRawUnsafe<Array<{ n: bigint }>>(`
      SELECT count(*) AS n FROM (
        SELECT municipality_key FROM session_requests WHERE state IN (${reservingStateList()})
        GROUP BY municipality_key HAVING sum(units) > ${quotaUnits}) o`);
    return {
      submissions,
      perSecond: stored / seconds,
      stored,
      refused: answers.refused,
      // A confirmed booking that is not stored is an error too.
      errors: answers.error + Math.max(0, answers.sent - stored),
      overbooked: Number(over[0]?.n ?? 0),
    };
  } finally {
    await db.close();
    await database.drop();
  }
}
