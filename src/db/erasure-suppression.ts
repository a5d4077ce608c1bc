import { createHmac, randomBytes } from "node:crypto";
import type { Prisma as P } from "./generated/client.ts";

type Db = Pick<P.TransactionClient, "$queryRaw" | "$executeRaw">;

/** The settings row that holds the generated secret when ERASURE_SECRET is not set. */
export const suppressionSecretSetting = "erasure_suppression_secret";

/**
 * The per-installation secret of the suppression HMAC: ERASURE_SECRET from the environment if set
 * (then the database alone does not reveal whom an entry stands for), otherwise 32 random bytes
 * generated on first use and kept in the `settings` table. Changing it makes existing entries
 * unmatchable: set it once, before the first erasure.
 */
export async function suppressionSecret(db: Db, fromEnv = process.env.ERASURE_SECRET): Promise<string> {
  if (fromEnv && fromEnv.trim() !== "") return fromEnv;
  const generated = randomBytes(32).toString("hex");
  // Two replicas erasing at once both try to insert; the first wins and both read its value.
  await db.$executeRaw`INSERT INTO settings (key, value) VALUES (${suppressionSecretSetting}, ${generated}) ON CONFLICT DO NOTHING`;
  const [row] = await db.$queryRaw<Array<{ value: string }>>`SELECT value FROM settings WHERE key = ${suppressionSecretSetting}`;
  if (!row) throw new Error("erasure secret missing after insert");
  return row.value;
}

/** HMAC-SHA256 of the Slack id: without the secret it cannot be turned back into the id, nor tested against a guess. */
export function suppressionKey(secret: string, slackId: string): string {
  return createHmac("sha256", secret).update(slackId, "utf8").digest("hex");
}

/** Keeps the suppression entry of an erased Slack user (in the erasure's transaction). */
export async function suppressSlackId(db: Db, slackId: string, now: Date): Promise<void> {
  const key = suppressionKey(await suppressionSecret(db), slackId);
  await db.$executeRaw`INSERT INTO erasure_suppressions (hmac, erased_at) VALUES (${key}, ${now}) ON CONFLICT DO NOTHING`;
}

/** Which of these Slack ids belong to erased people. */
export async function suppressedSlackIds(db: Db, slackIds: string[]): Promise<Set<string>> {
  if (slackIds.length === 0) return new Set();
  const secret = await suppressionSecret(db);
  const byKey = new Map(slackIds.map((id) => [suppressionKey(secret, id), id]));
  const rows = await db.$queryRaw<Array<{ hmac: string }>>`SELECT hmac FROM erasure_suppressions WHERE hmac = ANY(${[...byKey.keys()]}::text[])`;
  return new Set(rows.map((r) => byKey.get(r.hmac)!));
}

/** Removes the entries of these Slack ids (a lead restores erased people on purpose). */
export async function liftSuppression(db: Db, slackIds: string[]): Promise<void> {
  if (slackIds.length === 0) return;
  const secret = await suppressionSecret(db);
  const keys = slackIds.map((id) => suppressionKey(secret, id));
  await db.$executeRaw`DELETE FROM erasure_suppressions WHERE hmac = ANY(${keys}::text[])`;
}
