/** The app as a child process (the real entry point), for tests of start, stop and the build. */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { openDatabase } from "../../src/db/client.ts";
import { importDirectory } from "../../src/db/import-directory.ts";
import { directoryOf, exampleRaw } from "./example-programme.ts";
import type { FakeSlack } from "./fake-slack.ts";
import { createThrowawayDatabase } from "./postgres.ts";
import { slackRequests, type SlackRequests } from "./slack-requests.ts";
import { botToken, signingSecret } from "./start-app.ts";

export const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

export interface Child {
  process: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<Exit>;
}

/** Runs `node <args>` in the project root with only the given environment (plus PATH and HOME). */
export function startChild(args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk) => (out += String(chunk)));
  child.stderr!.on("data", (chunk) => (err += String(chunk)));
  const exited = new Promise<Exit>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { process: child, stdout: () => out, stderr: () => err, exited };
}

/** The app's TypeScript entry point under tsx, as the development checkout runs it. */
const mainArgs = ["--import", "tsx", "src/main.ts"];
export const startMain = (env: Record<string, string>): Child => startChild(mainArgs, env);

/** A throw-away PostgreSQL database with the example programme imported, for child processes to run on. */
export async function exampleDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const database = await createThrowawayDatabase(prefix);
  const db = await openDatabase({ databaseUrl: database.url, poolSize: 1 });
  try {
    await importDirectory(db.prisma, directoryOf(exampleRaw()), new Date());
  } finally {
    await db.close();
  }
  return database;
}

/**
 * The entry point (`args`, default the TypeScript one) as a child process on a free port, against
 * the fake Slack and the database at `databaseUrl`; resolves once /healthz answers 200, with a
 * client that signs requests to it as Slack does. A child that never gets healthy is killed.
 */
export async function startChildApp(
  slack: FakeSlack,
  databaseUrl: string,
  options: { args?: string[]; env?: Record<string, string> } = {},
): Promise<{ child: Child; api: SlackRequests }> {
  const port = await freePort();
  const child = startChild(options.args ?? mainArgs, {
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: slack.apiUrl,
    SLACK_BOT_ID: "B0SPARRING",
    SLACK_BOT_USER_ID: "U0SPARRING",
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "info",
    ...options.env,
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForStatus(child, `${base}/healthz`);
  } catch (error) {
    child.process.kill("SIGKILL");
    throw error;
  }
  return { child, api: slackRequests({ url: `${base}/slack/events`, signingSecret, responseUrl: () => slack.responseUrl() }) };
}

/** The child's exit; fails with its output if it takes longer than `ms`. */
export async function exitWithin(child: Child, ms: number): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no exit within ${ms / 1000} s:\n${child.stdout()}`)), ms);
  });
  try {
    return await Promise.race([child.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A line of a JavaScript stack trace: what a person starting the app must never have to read. */
export const stackTrace = /^\s+at .+\(.+:\d+:\d+\)|^\s+at .+:\d+:\d+$/m;

/** Waits until `path` answers 200 (or the child exits, or the deadline passes: then it throws with the output). */
export async function waitForStatus(child: Child, url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const status = await fetch(url).then((r) => r.status, () => 0);
    if (status === 200) return;
    if (Date.now() > until || child.process.exitCode !== null) throw new Error(`${url} never answered 200:\n${child.stdout()}\n${child.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
