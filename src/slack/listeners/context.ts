import type { WebClient } from "@slack/web-api";
import type { AdminPort } from "../../domain/ports/admin.ts";
import type { InsightsService } from "../../domain/ports/insights.ts";
import type { DeliveryRecords } from "../../domain/ports/delivery-records.ts";
import type { SparringService } from "../../domain/service.ts";
import type { Clock } from "../../domain/types.ts";
import type { Logger } from "../../logger.ts";
import type { LocaleOf } from "../user-locale.ts";
import type { ModalReads } from "./modal-reads.ts";

/** What every listener may use: one service, the user's language, and a nudge for the outbox. */
export interface ListenerContext {
  service: SparringService;
  /** The leads' administration (`/sparring verwaltung`, the programme file, request history). */
  admin: AdminPort;
  /** Feedback, nudge opt-outs and the usage chart (src/domain/ports/insights.ts). */
  insights: InsightsService;
  localeOf: LocaleOf;
  logger: Logger;
  clock: Clock;
  /** Wakes the outbox worker after a change committed, so DMs go out at once. */
  notify: () => void;
  /** A Home publish Slack refused is queued in the outbox through this. */
  deliveries: Pick<DeliveryRecords, "queueDeliveryLater">;
  /** The booking modal's reads, cached for a few seconds in production (modal-reads.ts). */
  reads: ModalReads;
  /**
   * The background Web API client: every call a listener makes that is not interactive (Home
   * publishes, users.info, file uploads). It rejects rate-limited calls instead of pausing, so Bolt's
   * `client` is left to views.open/update/push alone (slack/rate-limit.ts).
   */
  background: WebClient;
  /** How long a modal submission waits for the database before answering "try again" (default 2 s). */
  submissionTimeoutMs?: number;
}
