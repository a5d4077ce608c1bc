import type { Locale } from "../../domain/types.ts";
import { messages } from "../../i18n/index.ts";
import { ERASE_PERSON } from "../ids.ts";
import { button, plain, section, type KnownBlock, type Message } from "./blocks.ts";
import { escapeMrkdwn, truncate } from "./escape.ts";

/** The programme's privacy notice (text from the programme data), shown once on first use. */
export function privacyNoticeBlocks(locale: Locale, notice: { de: string; en: string }): KnownBlock[] {
  const t = messages(locale).privacy;
  const text = locale === "en" ? notice.en : notice.de;
  return [section(`:lock: *${t.header}*\n${truncate(escapeMrkdwn(text), 2800)}`)];
}

/** Erasure asks first, with Slack's confirm dialog on the button. `target` is "me" or a person id. */
export function eraseConfirmMessage(input: { locale: Locale; target: string; name?: string }): Message {
  const t = messages(input.locale).privacy;
  const question = input.name ? t.eraseLeadQuestion(escapeMrkdwn(input.name)) : t.eraseQuestion;
  return {
    text: question,
    blocks: [
      section(`:warning: ${question}`),
      {
        type: "actions",
        elements: [
          button({
            text: t.eraseButton,
            actionId: ERASE_PERSON,
            value: input.target,
            style: "danger",
            confirm: {
              title: plain(t.eraseConfirmTitle, 100),
              text: plain(question, 300),
              confirm: plain(t.eraseButton, 30),
              deny: plain(messages(input.locale).cancel.deny, 30),
              style: "danger",
            },
          }),
        ],
      },
    ],
  };
}

/** A one-line answer. */
export function textMessage(text: string): Message {
  return { text, blocks: [section(text)] };
}
