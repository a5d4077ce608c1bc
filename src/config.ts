import { z } from "zod";

const slackId = /^[UW][A-Z0-9]{2,}$/;

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, "must be a bot token starting with xoxb-"),
  SLACK_SIGNING_SECRET: z.string().min(8, "must be the app's signing secret"),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-/, "must be an app-level token starting with xapp-").optional(),
  SLACK_API_URL: z.string().url().optional(),
  /** Used by tests and the bench to skip Bolt's auth.test round trip. */
  SLACK_BOT_USER_ID: z.string().regex(slackId).optional(),
  SLACK_BOT_ID: z.string().min(2).optional(),
});

export type Config = z.infer<typeof schema>;

/** The part the command-line tools (import, export, bench) need: no Slack tokens. */
const databaseSchema = schema.pick({ DATABASE_URL: true, DATA_DIR: true, LOG_LEVEL: true, NODE_ENV: true });
export type DatabaseConfig = z.infer<typeof databaseSchema>;

/** Parses the environment; on failure returns one line per bad variable, naming it. */
export function parseConfig(env: NodeJS.ProcessEnv): { ok: true; config: Config } | { ok: false; problems: string[] } {
  return parseWith(schema, env);
}

export function parseDatabaseConfig(
  env: NodeJS.ProcessEnv,
): { ok: true; config: DatabaseConfig } | { ok: false; problems: string[] } {
  return parseWith(databaseSchema, env);
}

function parseWith<S extends z.ZodTypeAny>(
  target: S,
  env: NodeJS.ProcessEnv,
): { ok: true; config: z.infer<S> } | { ok: false; problems: string[] } {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = target.safeParse(cleaned);
  if (result.success) return { ok: true, config: result.data };
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join(".");
    const missing = issue.code === "invalid_type" && issue.received === "undefined";
    return missing ? `${name} is missing` : `${name} ${issue.message}`;
  });
  return { ok: false, problems };
}
