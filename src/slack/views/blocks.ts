import type { types } from "@slack/bolt";
import type { Locale, SessionRequest, Topic } from "../../domain/types.ts";
import { labelIn, messages, slackDateTime } from "../../i18n/index.ts";
import { CANCEL_REQUEST } from "../ids.ts";
import { escapeAndTruncate, escapeMrkdwn, nonEmpty, truncate } from "./escape.ts";

export type KnownBlock = types.KnownBlock;
export type Button = types.Button;
export type PlainTextOption = types.PlainTextOption;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;

/** A chat message: `text` is the notification fallback the listener passes next to `blocks`. */
export interface Message {
  text: string;
  blocks: KnownBlock[];
}

/** Slack's documented Block Kit limits (api.slack.com/reference/block-kit): a view over them is refused. */
export const limits = {
  text: 3000,
  field: 2000,
  header: 150,
  buttonText: 75,
  optionText: 75,
  optionValue: 75,
  placeholder: 150,
  modalTitle: 24,
  messageBlocks: 50,
  viewBlocks: 100,
  selectOptions: 100,
  contextElements: 10,
  fallbackText: 4000,
} as const;

export function plain(text: string, max: number = limits.text): types.PlainTextElement {
  return { type: "plain_text", text: truncate(nonEmpty(text), max), emoji: true };
}

/** `text` must already be escaped where it holds user input. */
export function mrkdwn(text: string, max: number = limits.text): types.MrkdwnElement {
  return { type: "mrkdwn", text: truncate(nonEmpty(text), max) };
}

export function header(text: string): types.HeaderBlock {
  return { type: "header", text: plain(text, limits.header) };
}

export function section(text: string, accessory?: types.SectionBlockAccessory): types.SectionBlock {
  return accessory ? { type: "section", text: mrkdwn(text), accessory } : { type: "section", text: mrkdwn(text) };
}

export function context(...texts: string[]): types.ContextBlock {
  return { type: "context", elements: texts.slice(0, limits.contextElements).map((text) => mrkdwn(text)) };
}

export function divider(): types.DividerBlock {
  return { type: "divider" };
}

export function button(args: {
  text: string;
  actionId: string;
  value?: string;
  style?: "primary" | "danger";
  confirm?: types.ConfirmationDialog;
}): Button {
  return {
    type: "button",
    text: plain(args.text, limits.buttonText),
    action_id: args.actionId,
    ...(args.value !== undefined ? { value: args.value } : {}),
    ...(args.style ? { style: args.style } : {}),
    ...(args.confirm ? { confirm: args.confirm } : {}),
  };
}

export function option(text: string, value: string): PlainTextOption {
  return { text: plain(text, limits.optionText), value };
}

export function cancelButton(locale: Locale, requestId: string): Button {
  const t = messages(locale).cancel;
  return button({
    text: t.button,
    actionId: CANCEL_REQUEST,
    value: requestId,
    style: "danger",
    confirm: {
      title: plain(t.confirmTitle, 100),
      text: plain(t.confirmText, 300),
      confirm: plain(t.confirm, 30),
      deny: plain(t.deny, 30),
      style: "danger",
    },
  });
}

export function topicLabel(key: string, topics: readonly Topic[], locale: Locale): string {
  const topic = topics.find((t) => t.key === key);
  return topic ? labelIn(topic, locale) : key;
}

export function topicList(keys: readonly string[], topics: readonly Topic[], locale: Locale): string {
  return keys.map((key) => topicLabel(key, topics, locale)).join(", ");
}

/** Everything a partner needs to judge a request, as mrkdwn lines (user text escaped). */
export function requestFacts(request: SessionRequest, topics: readonly Topic[], locale: Locale): string {
  const t = messages(locale);
  const question = request.question === null ? `_${t.common.questionRemoved}_` : quote(escapeAndTruncate(request.question, 1500));
  const lines = [
    `*${t.common.municipality}:* ${escapeMrkdwn(request.municipalityName)}`,
    `*${t.common.requester}:* ${escapeMrkdwn(request.requesterName)}`,
    `*${t.common.topics}:* ${escapeAndTruncate(topicList(request.topics, topics, locale), 400)}`,
    `*${t.common.preferredFormat}:* ${t.formats[request.preferredFormat]}`,
    `*${t.common.preferredTimes}:* ${request.preferredTimes.trim() ? escapeAndTruncate(request.preferredTimes, 300) : t.common.none}`,
    `*${t.common.question}:*\n${question}`,
  ];
  return lines.join("\n");
}

/** Date, format and where to meet, for accepted requests. */
export function meetingFacts(request: SessionRequest, locale: Locale, timezone: string): string {
  const t = messages(locale);
  const lines: string[] = [];
  if (request.scheduledStart) lines.push(`*${t.common.date}:* ${slackDateTime(request.scheduledStart, timezone, locale)}`);
  const format = request.format ?? request.preferredFormat;
  lines.push(`*${t.common.format}:* ${t.formats[format]}`);
  // Escaped so a typed `<url|label>` cannot disguise where the link goes.
  if (request.meetingLink) lines.push(`*${t.common.link}:* ${escapeAndTruncate(request.meetingLink, 1000)}`);
  if (request.meetingPhone) lines.push(`*${t.common.phone}:* ${escapeAndTruncate(request.meetingPhone, 100)}`);
  return lines.join("\n");
}

function quote(text: string): string {
  return text
    .split("\n")
    .map((line) => `>${line}`)
    .join("\n");
}

/** A date as a Slack date token for mrkdwn, or a dash; `pretty: false` after "am" / "on" (see slackDateTime). */
export function dateOrDash(date: Date | null, locale: Locale, timezone: string, options: { pretty?: boolean } = {}): string {
  return date ? slackDateTime(date, timezone, locale, options) : messages(locale).common.none;
}
