import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../logger.ts";

/** Routes Bolt's own log lines through pino, so they are JSON and redacted like ours. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: "bolt" });
  let level: LogLevel = LogLevel.INFO;
  // Bolt passes whole error objects and request bodies as arguments: keep only short messages.
  const line = (parts: unknown[]) =>
    parts
      .map((p) => (p instanceof Error ? `${p.name}: ${p.message}` : typeof p === "string" ? p : "[object]"))
      .join(" ")
      .slice(0, 300);
  return {
    // Bolt's and the Web API client's debug lines print whole API payloads (DMs with the questions
    // people typed): they never reach our log.
    debug: () => undefined,
    info: (...m) => child.info(line(m)),
    warn: (...m) => child.warn(line(m)),
    error: (...m) => child.error(line(m)),
    setLevel: (l) => void (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}
