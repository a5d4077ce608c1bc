import type { Locale } from "../../domain/types.ts";
import { messages } from "../../i18n/index.ts";
import { section, type Message } from "./blocks.ts";
import { escapeMrkdwn, truncate } from "./escape.ts";

/** For Slack users the programme does not know: whom to ask (the programme's contact line). */
export function unknownUserMessage(input: { locale: Locale; contactLine: string }): Message {
  const text = escapeMrkdwn(messages(input.locale).unknownUser.text(truncate(input.contactLine, 1000)));
  return { text, blocks: [section(text)] };
}
