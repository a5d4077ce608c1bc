import type { WebClient } from "@slack/web-api";
import type { DeliveryRecords } from "../domain/ports/delivery-records.ts";
import type { SparringService } from "../domain/service.ts";
import type { Clock, Locale } from "../domain/types.ts";
import { safeError, type Logger } from "../logger.ts";
import type { Delivery } from "./notifications/deliveries.ts";
import { publishHome } from "./home.ts";
import { retryAfterSeconds } from "./rate-limit.ts";

export interface HomePublisherDeps {
  /** The background client (rejects rate-limited calls); never Bolt's interactive one. */
  client: WebClient;
  /** Where a publish Slack refused goes: an outbox row due later. */
  deliveries: Pick<DeliveryRecords, "queueDeliveryLater">;
  service: SparringService;
  clock: Clock;
  logger: Logger;
}

/** A failed publish that Slack did not rate-limit is tried again by the outbox after this long. */
const retryAfterFailureMs = 1_000;

/**
 * Publishes a person's Home tab from a listener (app_home_opened, a lead's toggle) at once, through
 * the background client. If Slack rate-limits views.publish, the publish becomes an outbox row due
 * after the Retry-After (the worker, on the same kind of client, publishes the then current Home);
 * any other failure is handed to the outbox too, which retries with backoff. Nothing here ever
 * waits, so a rate limit cannot hold up the interactive calls (rate-limit.ts).
 */
export async function publishHomeInBackground(deps: HomePublisherDeps, slackId: string, locale: Locale): Promise<void> {
  try {
    await publishHome(deps.client, deps.service, slackId, locale, deps.clock);
  } catch (error) {
    const seconds = retryAfterSeconds(error);
    const delayMs = seconds !== null ? seconds * 1_000 : retryAfterFailureMs;
    const err = safeError(error);
    deps.logger.warn({ err: { name: err.name, code: err.code }, retryInMs: delayMs }, "home publish deferred to the outbox");
    try {
      await deps.deliveries.queueDeliveryLater({ op: "home", slackId } satisfies Delivery, delayMs);
    } catch (enqueueError) {
      deps.logger.error({ err: safeError(enqueueError) }, "home publish lost: could not queue it");
    }
  }
}
