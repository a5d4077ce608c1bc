/**
 * The Sparring app beside a bare Bolt app on one backend, against the same fake Slack: cold start
 * and idle RSS (alternating starts), then /sparring under load in interleaved rounds (app, bare,
 * app, bare…), so a noisy neighbour on the machine hits both alike. On PGlite, also PGlite's own
 * floor: a process that only opens PGlite on the app's data folder.
 */
import type { FakeSlack } from "../test/support/fake-slack.ts";
import { loadContact, seedContacts } from "../test/support/load-seed.ts";
import { appDatabase, type Backend } from "./app-database.ts";
import { startBare, startPgliteFloor, startSparring, type BenchProcess, type SlackEnv } from "./processes.ts";
import { commandRound, type CommandRound } from "./slack-load.ts";

export interface CommandLoad {
  warmup: number;
  total: number;
  concurrency: number;
  rounds: number;
  /** Cold starts of each app (and of PGlite's floor). */
  starts: number;
}

export interface SideBySide {
  rounds: Array<{ app: CommandRound; bare: CommandRound }>;
  startMs: { app: number[]; bare: number[]; floor: number[] };
  idleRss: { app: number[]; bare: number[]; floor: number[] };
  problems: string[];
}

const contacts = 100;
const contact = (i: number) => loadContact("bench", i % contacts);
/** How long a process runs without requests before its RSS is read. */
const idleMs = 2_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function idle(start: () => Promise<BenchProcess>, into: { startMs: number[]; rss: number[] }): Promise<BenchProcess> {
  const child = await start();
  into.startMs.push(child.startMs);
  await pause(idleMs);
  into.rss.push(child.rss());
  return child;
}

export async function sideBySide(slack: FakeSlack, slackEnv: SlackEnv, backend: Backend, load: CommandLoad): Promise<SideBySide> {
  const database = await appDatabase(backend, (prisma) => seedContacts(prisma, "bench", contacts));
  const result: SideBySide = { rounds: [], startMs: { app: [], bare: [], floor: [] }, idleRss: { app: [], bare: [], floor: [] }, problems: [] };
  const of = (who: "app" | "bare" | "floor") => ({ startMs: result.startMs[who], rss: result.idleRss[who] });
  let bare: BenchProcess | undefined;
  let app: BenchProcess | undefined;
  try {
    for (let i = 0; i < load.starts; i++) {
      await bare?.stop();
      bare = await idle(() => startBare(slackEnv), of("bare"));
      await app?.stop();
      app = await idle(() => startSparring(slackEnv, database.env), of("app"));
    }
    // Warm-up: JIT, connections, each contact's locale (users.info, then cached) and privacy notice
    // (the warm-up reaches every contact: at least as many commands as contacts).
    await commandRound(slack, app!.url, load.warmup, load.concurrency, contact);
    await commandRound(slack, bare!.url, load.warmup, load.concurrency, contact);
    for (let round = 0; round < load.rounds; round++) {
      const appRound = await commandRound(slack, app!.url, load.total, load.concurrency, contact);
      const bareRound = await commandRound(slack, bare!.url, load.total, load.concurrency, contact);
      result.rounds.push({ app: appRound, bare: bareRound });
    }
    result.problems.push(...app!.problems().map((p) => `app: ${p}`), ...bare!.problems().map((p) => `bare: ${p}`));
  } finally {
    await app?.stop();
    await bare?.stop();
  }
  try {
    const dataDir = "DATA_DIR" in database.env ? database.env.DATA_DIR : undefined;
    for (let i = 0; dataDir && i < load.starts; i++) await (await idle(() => startPgliteFloor(dataDir), of("floor"))).stop();
  } finally {
    await database.drop();
  }
  return result;
}
