/** The app as a child process (the real entry point), for tests of start, stop and the build. */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

export const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Child {
  process: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
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
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { process: child, stdout: () => out, stderr: () => err, exited };
}

/** The app's TypeScript entry point under tsx, as the development checkout runs it. */
export const startMain = (env: Record<string, string>): Child => startChild(["--import", "tsx", "src/main.ts"], env);

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
