import type { Refusal } from "../../domain/refusals.ts";
import type { Locale } from "../../domain/types.ts";
import { describeRefusal, messages } from "../../i18n/index.ts";
import { section, type Message } from "./blocks.ts";
import { escapeMrkdwn } from "./escape.ts";

/** The calm message after an unexpected failure (the details go to the log, not to the user). */
export function errorMessage(input: { locale: Locale }): Message {
  const text = messages(input.locale).error.text;
  return { text, blocks: [section(`:warning: ${text}`)] };
}

/** A business refusal as an ephemeral message, in words and with the numbers. */
export function refusalMessage(input: { locale: Locale; refusal: Refusal }): Message {
  const text = escapeMrkdwn(describeRefusal(input.refusal, input.locale));
  return { text, blocks: [section(`:warning: ${text}`)] };
}
