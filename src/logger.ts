import { pino, type Logger } from "pino";

/**
 * Paths that may carry secrets or personal free text. The question a municipality asks and the
 * tokens never reach a log line (domain.md, data protection).
 */
const redactPaths = [
  "token", "*.token", "botToken", "*.botToken", "appToken", "signingSecret", "*.signingSecret",
  "authorization", "*.authorization", "headers.authorization", "headers['x-slack-signature']",
  "question", "*.question", "*.*.question", "text", "*.text", "reason", "*.reason",
  "preferredTimes", "*.preferredTimes", "payload", "*.payload", "body", "*.body",
];

export function createLogger(options: { level?: string; pretty?: boolean; destination?: NodeJS.WritableStream } = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? "info";
  const base = { level, redact: { paths: redactPaths, censor: "[redacted]" } };
  if (options.destination) return pino(base, options.destination as pino.DestinationStream);
  const pretty = options.pretty ?? (process.stdout.isTTY && process.env.NODE_ENV !== "production");
  if (pretty) {
    try {
      return pino({ ...base, transport: { target: "pino-pretty", options: { colorize: true } } });
    } catch {
      // pino-pretty is a dev dependency; production images log JSON.
    }
  }
  return pino(base);
}

/**
 * An error as it may be logged. Prisma's messages quote the query's arguments, which can hold a
 * question someone typed: for those only the name and code are kept.
 */
export function safeError(error: unknown): { name?: string; code?: string; message?: string } {
  const e = error as { name?: string; code?: string; message?: string };
  const quotesArguments = e.name?.startsWith("PrismaClient") ?? false;
  return { name: e.name, code: e.code, ...(quotesArguments ? {} : { message: e.message?.slice(0, 300) }) };
}

export type { Logger };
