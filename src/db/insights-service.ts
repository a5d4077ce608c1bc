import type { Database } from "./client.ts";
import { feedbackFormFor, giveFeedback } from "./session-feedback.ts";
import type { InsightsService } from "../domain/ports/insights.ts";
import type { Clock } from "../domain/types.ts";

export function createInsightsService(db: Database, clock: Clock): InsightsService {
  return {
    feedbackForm: (actorSlackId, requestId) => feedbackFormFor(db.prisma, clock, actorSlackId, requestId),
    giveFeedback: (actorSlackId, requestId, input) => giveFeedback(db.prisma, clock, actorSlackId, requestId, input),
  };
}
