import type { Feedback, FeedbackInput, FeedbackResult } from "../feedback.ts";
import type { SessionRequest } from "../types.ts";

/**
 * The leads' insights as the Slack listeners use them: feedback after a session, nudge opt-outs
 * and the usage chart. Implemented by the data layer (src/db/insights-service.ts); who may do what
 * is decided from the data there.
 */
export interface InsightsService {
  /** The request and any earlier answer, if this person may answer now. */
  feedbackForm(actorSlackId: string, requestId: string): Promise<FeedbackResult<{ request: SessionRequest; existing: Feedback | null }>>;
  giveFeedback(actorSlackId: string, requestId: string, input: FeedbackInput): Promise<FeedbackResult<Feedback>>;
}
