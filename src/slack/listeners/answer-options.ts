import { safeError } from "../../logger.ts";
import { withinBudget } from "./answer-submission.ts";
import type { ListenerContext } from "./context.ts";

const noOptions = { options: [] };

/**
 * A search field's suggestions are the ack itself, so they have Slack's 3 seconds, counted from
 * the request's arrival (`arrivedAt`): with a slow or unreachable database the field gets no
 * suggestions in time rather than an error from Slack.
 */
export async function answerOptions<R extends object>(
  ctx: Pick<ListenerContext, "logger" | "submissionTimeoutMs">,
  ack: (response: R | typeof noOptions) => Promise<void>,
  startedAt: number,
  suggest: () => Promise<R | typeof noOptions>,
): Promise<void> {
  let answer: R | typeof noOptions;
  try {
    answer = await withinBudget(ctx, startedAt, suggest);
  } catch (error) {
    ctx.logger.error({ err: safeError(error) }, "suggestions failed");
    answer = noOptions;
  }
  await ack(answer);
}
