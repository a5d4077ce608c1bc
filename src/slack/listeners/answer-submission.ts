import { safeError } from "../../logger.ts";
import { createHash } from "node:crypto";
import type { ViewResponseAction } from "@slack/bolt";
import { remedyOf, type Refusal } from "../../domain/refusals.ts";
import type { Locale } from "../../domain/types.ts";
import { describeRefusal, messages } from "../../i18n/index.ts";
import { refusalModal } from "../views/refusal-modal.ts";
import type { FormReader, FormResult, RefusalBlocks, ValidationKey } from "../forms/form-result.ts";
import { viewStateSchema, type ViewState } from "../forms/view-state.ts";
import type { ListenerContext } from "./context.ts";
import { translateErrors } from "./validation-errors.ts";

export type ViewAck = (response?: ViewResponseAction) => Promise<void>;

/** A use case's answer: done (with what it returns) or refused (a value with a code). */
type Outcome = { ok: true } | { ok: false };

export interface SubmissionAnswers<A extends Outcome> {
  /** The ack for a refusal: on the field that can fix it, or replacing the form (`refusedOn`). */
  refused(refusal: Extract<A, { ok: false }>, locale: Locale): ViewResponseAction;
  /** What the modal becomes on success (undefined closes it), in the person's language. */
  onOk?(done: Extract<A, { ok: true }>, locale: Locale): ViewResponseAction | undefined;
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

/**
 * A refusal of the domain on the form's field that can fix it, in the person's words; when the
 * form has no such field, a modal with only the reason replaces it.
 */
export const refusedOn = (blocks: RefusalBlocks) => (refusal: Refusal, locale: Locale): ViewResponseAction => {
  const remedy = remedyOf(refusal);
  const block = remedy ? blocks[remedy] : undefined;
  return block
    ? { response_action: "errors", errors: { [block]: describeRefusal(refusal, locale) } }
    : { response_action: "update", view: refusalModal({ locale, refusal }) };
};

/** A modal's answer is the ack: it must leave well within Slack's 3 seconds, also when the database hangs. */
export const submissionTimeoutMs = 2_000;

export class SubmissionTimeoutError extends Error {
  override name = "SubmissionTimeoutError";
}

/**
 * Runs `work` in what is left of the ack budget counted from `startedAt` (when the request arrived),
 * at least 100 ms: a SubmissionTimeoutError when it runs out.
 */
export function withinBudget<T>(ctx: Pick<ListenerContext, "submissionTimeoutMs">, startedAt: number, work: () => Promise<T>): Promise<T> {
  const budget = (ctx.submissionTimeoutMs ?? submissionTimeoutMs) - (Date.now() - startedAt);
  return withinAckTime(work(), Math.max(budget, 100));
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
export async function answerSubmission<A extends Outcome>(
  ctx: ListenerContext,
  ack: ViewAck,
  localeOrPending: Locale | Promise<Locale>,
  run: () => Promise<A>,
  answers: SubmissionAnswers<A>,
): Promise<void> {
  let result: A;
  // The locale is looked up while the use case runs: it is only needed for the answer.
  const pendingLocale = Promise.resolve(localeOrPending);
  let locale: Locale = "de";
  try {
    result = await withinBudget(ctx, answers.startedAt, run);
    locale = await pendingLocale;
  } catch (error) {
    locale = await pendingLocale;
    ctx.logger.error({ err: safeError(error) }, "submission failed");
    await ack({ response_action: "errors", errors: { [answers.errorBlock]: messages(locale).validation.tryAgain } });
    return;
  }
  if (isDone(result)) {
    await ack(answers.onOk?.(result, locale));
    ctx.notify();
    return;
  }
  await ack(answers.refused(result as Extract<A, { ok: false }>, locale));
}

/** What a modal submission's listener reads of Bolt's arguments. */
export interface SubmissionArgs {
  ack: unknown;
  body: { user: { id: string } };
  view: { id: string; private_metadata: string; state: { values: unknown } };
  context: Record<string, unknown>;
}

export interface Submission<F, A extends Outcome> extends Omit<SubmissionAnswers<A>, "errorBlock" | "startedAt"> {
  /** The one use case, for the person who submitted; the view's id keys its idempotency. */
  run(input: F, userId: string, view: SubmissionArgs["view"]): Promise<A>;
}

/**
 * A modal submission's listener: reads the form (its errors are the ack), runs one use case and
 * answers in the ack, within the budget counted from the request's arrival. The locale is not
 * awaited first: it is looked up while the form is read and the use case runs.
 */
export function submissionListener<F, A extends Outcome>(ctx: ListenerContext, form: FormReader<F>, submission: Submission<F, A>) {
  return async ({ ack, body, view, context }: SubmissionArgs): Promise<void> => {
    const startedAt = arrivedAt(context);
    const locale = ctx.localeOf(body.user.id);
    const input = await readFormOrAnswer(ack as ViewAck, locale, view.state.values, form.read, { block: form.block, key: form.emptyKey });
    if (input === null) return;
    await answerSubmission(ctx, ack as ViewAck, locale, () => submission.run(input, body.user.id, view), {
      refused: submission.refused,
      onOk: submission.onOk,
      errorBlock: form.block,
      startedAt,
    });
  };
}

const isDone = <A extends Outcome>(outcome: A): outcome is Extract<A, { ok: true }> => outcome.ok;

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
