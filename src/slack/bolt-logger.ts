import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import { safeError, type Logger } from "../logger.ts";

/** Routes Bolt's own log lines through pino, so they are JSON and redacted like ours. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: "bolt" });
  let level: LogLevel = LogLevel.INFO;
  // Bolt passes whole error objects and request bodies as arguments: keep only short messages,
  // and of a database error only its codes (safeError).
  const line = (parts: unknown[]) =>
    parts
      .map((p) => (p instanceof Error ? describe(p) : typeof p === "string" ? p : "[object]"))
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

function describe(error: Error): string {
  const safe = safeError(error);
  return [`${safe.name ?? "Error"}${safe.code ? ` [${safe.code}]` : ""}`, safe.message].filter(Boolean).join(": ");
}
