import { pino, type Logger } from "pino";

/**
 * Paths that may carry secrets or personal free text. The question a municipality asks and the
 * tokens never reach a log line (docs/data-protection.md).
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

/** What a logged error may show: its kind and codes, and a message only where no data can be in it. */
export interface SafeError {
  name?: string;
  /** Prisma's code (P2002, P2010…), the SQLSTATE of a driver error, or another library's code. */
  code?: string;
  /** The SQLSTATE behind a Prisma error (22021: invalid byte sequence, 23505: unique violation…). */
  sqlState?: string;
  message?: string;
}

type ErrorLike = {
  name?: unknown; code?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown };
  /** Bolt wraps a listener's error (asCodedError): UnknownError.original, MultipleListenerError.originals. */
  original?: unknown; originals?: unknown;
  kind?: unknown; severity?: unknown; routine?: unknown; query?: unknown; params?: unknown; originalCode?: unknown;
};

/**
 * An error as it may be logged. Database errors quote what was sent: Prisma's messages echo the
 * query's arguments, the driver adapters' errors (DriverAdapterError, for pg and PGlite) carry
 * PostgreSQL's message and detail ("Key (slack_id)=(U123) already exists", the bytes of a bad
 * value), and PGlite's own errors even hold the query and its parameters. Any of them may contain
 * a question someone typed, so for those only the name and the codes are kept, also when they are
 * wrapped (Error.cause, Bolt's UnknownError). Other errors (Slack Web API, time-outs) keep a short
 * message.
 */
export function safeError(error: unknown): SafeError {
  const e = (typeof error === "object" && error !== null ? error : { message: String(error) }) as ErrorLike;
  const name = typeof e.name === "string" ? e.name : undefined;
  const code = typeof e.code === "string" ? e.code : undefined;
  const database = databaseError(e);
  if (!database) return { name, code, ...(typeof e.message === "string" ? { message: e.message.slice(0, 300) } : {}) };
  const sqlState = database.sqlState;
  return { name, code: code ?? sqlState, ...(sqlState && sqlState !== (code ?? sqlState) ? { sqlState } : {}) };
}

const sqlStatePattern = /^[0-9A-Z]{5}$/;

/** Is this (or what it wraps) an error from Prisma, a driver adapter or a PostgreSQL driver? With its SQLSTATE. */
function databaseError(error: ErrorLike, depth = 0): { sqlState?: string } | null {
  if (depth > 4) return null;
  const name = typeof error.name === "string" ? error.name : "";
  // Prisma's own codes (P2010) look like SQLSTATEs; only a driver's code is one.
  const own = name.startsWith("PrismaClient")
    ? undefined
    : [error.originalCode, error.code].find((c): c is string => typeof c === "string" && sqlStatePattern.test(c));
  const wrapped = [error.cause, error.meta?.driverAdapterError, error.original, ...(Array.isArray(error.originals) ? error.originals : [])];
  const nested = wrapped
    .filter((c): c is ErrorLike => typeof c === "object" && c !== null)
    .map((c) => databaseError(c, depth + 1))
    .find((found) => found !== null);
  const isDatabase =
    name.startsWith("PrismaClient") ||
    name === "DriverAdapterError" ||
    name === "DatabaseError" ||
    error.kind === "postgres" ||
    typeof error.severity === "string" ||
    typeof error.routine === "string" ||
    "query" in error ||
    "params" in error ||
    nested !== undefined;
  if (!isDatabase) return null;
  const sqlState = own ?? nested?.sqlState;
  return sqlState ? { sqlState } : {};
}

export type { Logger };
