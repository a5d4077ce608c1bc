import type { BlockAction, ButtonAction, RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Refusal, Result } from "../../domain/refusals.ts";
import { isUuid } from "../../domain/uuid.ts";
import type { Locale } from "../../domain/types.ts";
import { safeError, type Logger } from "../../logger.ts";
import { refusalModal } from "../views/refusal-modal.ts";
import type { Message } from "../views/blocks.ts";
import { errorMessage, refusalMessage } from "../views/error-message.ts";
import type { ListenerContext } from "./context.ts";

/** Where a listener can answer the person who clicked or typed. */
export interface ReplyTarget {
  respond?: RespondFn | undefined;
  client: WebClient;
  triggerId?: string | undefined;
  locale: Locale;
}

/** An ephemeral answer in the conversation (commands, buttons in messages). */
export async function replyEphemeral(target: ReplyTarget, message: Message, replaceOriginal = false): Promise<void> {
  if (target.respond) {
    await target.respond({ response_type: "ephemeral", replace_original: replaceOriginal, text: message.text, blocks: message.blocks });
  }
}

/**
 * A refusal where the person is: next to the message they clicked in, or (Home tab, no
 * response_url) in a small modal opened with the click's trigger_id.
 */
export async function replyRefusal(target: ReplyTarget, refusal: Refusal): Promise<void> {
  if (target.respond) return replyEphemeral(target, refusalMessage({ locale: target.locale, refusal }));
  if (target.triggerId) await target.client.views.open({ trigger_id: target.triggerId, view: refusalModal({ locale: target.locale, refusal }) });
}

/**
 * Runs a listener's work after the ack. An unexpected failure (database down, Slack error) is
 * logged without personal data and answered with a calm "try again in a minute".
 */
export async function guarded(logger: Logger, target: ReplyTarget, what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.error({ listener: what, err: safeError(error) }, "listener failed");
    try {
      if (target.respond) await replyEphemeral(target, errorMessage({ locale: target.locale }));
    } catch {
      // The error is logged above; a second failure to tell the user adds nothing.
    }
  }
}

export type ButtonArgs = { ack: () => Promise<void>; body: BlockAction; client: WebClient; respond: RespondFn };

/**
 * A button's listener: acks at once, then runs `work` guarded, with where to answer the clicker in
 * their language (the message's response_url; from the Home tab, a modal on the trigger_id).
 */
export function clickListener(
  ctx: Pick<ListenerContext, "localeOf" | "logger">,
  name: string,
  work: (args: ButtonArgs, target: ReplyTarget) => Promise<void>,
): (args: ButtonArgs) => Promise<void> {
  return async (args) => {
    await args.ack();
    const { body, client, respond } = args;
    const locale = await ctx.localeOf(body.user.id);
    const target: ReplyTarget = { respond: body.response_url ? respond : undefined, client, triggerId: body.trigger_id, locale };
    await guarded(ctx.logger, target, name, () => work(args, target));
  };
}

/**
 * A button that changes one record at one click: the id it carries is checked, the key is the click
 * itself (Slack's retries resend the same action_ts; a second click gets the compare-and-swap's
 * refusal), a refusal is answered to the clicker, a change wakes the outbox, then `done` confirms.
 */
export function oneClickChange<T>(
  ctx: Pick<ListenerContext, "localeOf" | "logger" | "notify">,
  name: string,
  run: (userId: string, id: string, key: string) => Promise<Result<T>>,
  done: (value: T, args: ButtonArgs, target: ReplyTarget) => Promise<void>,
): (args: ButtonArgs) => Promise<void> {
  return clickListener(ctx, name, async (args, target) => {
    const { body } = args;
    const id = buttonId(body);
    if (!id) return replyRefusal(target, { ok: false, code: "request_not_found" });
    const actionTs = (body.actions[0] as ButtonAction).action_ts;
    const result = await run(body.user.id, id, `${name}:${id}:${body.user.id}:${actionTs}`);
    if (!result.ok) return replyRefusal(target, result);
    ctx.notify();
    await done(result.value, args, target);
  });
}

/** The value the clicked button carries: only a pointer, every use case decides from the data. */
export const buttonValue = (body: BlockAction): string => (body.actions[0] as ButtonAction | undefined)?.value ?? "";

/** The id (a request's or a proposal's) the clicked button carries. User input: anything but a uuid is "not found". */
export function buttonId(body: BlockAction): string | null {
  const value = buttonValue(body);
  return isUuid(value) ? value : null;
}
