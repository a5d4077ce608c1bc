import { safeError } from "../../logger.ts";
import { createHash } from "node:crypto";
import type { ViewResponseAction } from "@slack/bolt";
import type { Refusal, Result } from "../../domain/refusals.ts";
import type { Locale } from "../../domain/types.ts";
import { describeRefusal, messages } from "../../i18n/index.ts";
import { topicLabel } from "../views/blocks.ts";
import { refusalModal } from "../views/refusal-modal.ts";
import type { FormResult, ValidationKey } from "../forms/form-result.ts";
import { viewStateSchema, type ViewState } from "../forms/view-state.ts";
import type { ListenerContext } from "./context.ts";
import { translateErrors } from "./validation-errors.ts";

export type ViewAck = (response?: ViewResponseAction) => Promise<void>;

export interface SubmissionAnswers<T> {
  /** The input block a fixable refusal is shown on; null replaces the modal with the reason. */
  fieldOf(refusal: Refusal): string | null;
  /** What the modal becomes on success (undefined closes it), in the person's language. */
  onOk?(value: T, locale: Locale): ViewResponseAction | undefined;
  /** Where "try again in a minute" is shown when the database or Slack fails. */
  errorBlock: string;
  /** When Slack's request arrived (`arrivedAt(context)`); the 2-second budget counts from here. */
  startedAt: number;
}

/**
 * When the request arrived, as receive-once.ts noted it before Bolt ran anything (the de-duplication
 * and the locale already took part of Slack's 3 seconds); now for a request that came another way.
 */
export function arrivedAt(context: Record<string, unknown>): number {
  return typeof context.receivedAt === "number" ? context.receivedAt : Date.now();
}

/** A modal's answer is the ack: it must leave well within Slack's 3 seconds, also when the database hangs. */
export const submissionTimeoutMs = 2_000;

export class SubmissionTimeoutError extends Error {
  override name = "SubmissionTimeoutError";
}

/**
 * The use case's result, or a SubmissionTimeoutError after `ms`. The use case keeps running; if it
 * commits late, its notice is in the outbox and a resubmission finds it by the idempotency key.
 */
export async function withinAckTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SubmissionTimeoutError(`no answer within ${ms} ms`)), ms);
  });
  work.catch(() => undefined); // a late failure is not an unhandled rejection
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs one use case for a modal submission and answers in the ack, within Slack's 3 seconds:
 * success closes or replaces the modal, a refusal shows inline or replaces the modal, a failure
 * says "try again" on the form (nothing the person typed is lost).
 */
export async function answerSubmission<T>(
  ctx: ListenerContext,
  ack: ViewAck,
  localeOrPending: Locale | Promise<Locale>,
  run: () => Promise<Result<T>>,
  answers: SubmissionAnswers<T>,
): Promise<void> {
  let result: Result<T>;
  // The locale is looked up while the use case runs: it is only needed for the answer.
  const pendingLocale = Promise.resolve(localeOrPending);
  let locale: Locale = "de";
  try {
    const budget = (ctx.submissionTimeoutMs ?? submissionTimeoutMs) - (Date.now() - answers.startedAt);
    result = await withinAckTime(run(), Math.max(budget, 100));
    locale = await pendingLocale;
  } catch (error) {
    locale = await pendingLocale;
    ctx.logger.error({ err: safeError(error) }, "submission failed");
    await ack({ response_action: "errors", errors: { [answers.errorBlock]: messages(locale).validation.tryAgain } });
    return;
  }
  if (result.ok) {
    await ack(answers.onOk?.(result.value, locale));
    ctx.notify();
    return;
  }
  const block = answers.fieldOf(result);
  const refusal = await readableRefusal(ctx, result, locale);
  if (block) await ack({ response_action: "errors", errors: { [block]: describeRefusal(refusal, locale) } });
  else await ack({ response_action: "update", view: refusalModal({ locale, refusal }) });
}

/** The domain names municipalities and topics by key; people read names and labels. */
async function readableRefusal(ctx: ListenerContext, refusal: Refusal, locale: Locale): Promise<Refusal> {
  switch (refusal.code) {
    case "municipality_inactive":
    case "not_eligible":
    case "kind_not_eligible": {
      const municipality = await ctx.service.municipality(refusal.municipality);
      return municipality ? { ...refusal, municipality: municipality.name } : refusal;
    }
    case "topic_retired":
    case "topic_not_offered":
      return { ...refusal, topic: topicLabel(refusal.topic, await ctx.service.topics({ includeRetired: true }), locale) };
    default:
      return refusal;
  }
}

/**
 * The typed form of a modal submission, or null after answering with inline errors. `fallback`
 * names the field to mark when Slack sent no readable state at all (forged or broken payload).
 */
export async function readFormOrAnswer<T>(
  ack: ViewAck,
  locale: Locale | Promise<Locale>,
  values: unknown,
  read: (state: ViewState) => FormResult<T>,
  fallback: { block: string; key: ValidationKey },
): Promise<T | null> {
  const state = viewStateSchema.safeParse(values);
  const form = state.success ? read(state.data) : null;
  if (form?.ok) return form.value;
  const errors = form && !form.ok ? form.errors : { [fallback.block]: { key: fallback.key } };
  await ack({ response_action: "errors", errors: translateErrors(errors, await locale) });
  return null;
}

/** A retry or a double click sends the same view with the same values: the same key, one change. */
export function submissionKey(prefix: string, viewId: string, input: unknown): string {
  return `${prefix}:${viewId}:${createHash("sha256").update(JSON.stringify(input)).digest("hex").slice(0, 32)}`;
}
