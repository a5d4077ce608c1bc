import type { Prisma as P } from "./generated/client.ts";
import { findActor } from "./queries.ts";
import { ok, refuse, type Result } from "../domain/refusals.ts";
import type { Actor } from "../domain/types.ts";

/**
 * Leads only. `forbidden` needs an action from the refusal's list; "move" ("correct records") is
 * the lead-only one closest to switching partners and municipalities on and off.
 */
export async function requireLead(db: P.TransactionClient, slackId: string, action: "move"): Promise<Result<Actor>> {
  const actor = await findActor(db, slackId);
  if (!actor) return refuse("unknown_person", {});
  return actor.isLead ? ok(actor) : refuse("forbidden", { action });
}
