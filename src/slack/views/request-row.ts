import { hasStarted } from "../../domain/transitions.ts";
import type { Locale, SessionRequest, Topic } from "../../domain/types.ts";
import { messages, slackDate, slackDateTime } from "../../i18n/index.ts";
import { cancelButton, section, topicList, type Button, type KnownBlock } from "./blocks.ts";
import { escapeAndTruncate, escapeMrkdwn } from "./escape.ts";

/** One request as a line pair: state, other party, date; topics below. Used by status and Home. */
export function requestRowText(
  request: SessionRequest,
  topics: readonly Topic[],
  locale: Locale,
  timezone: string,
  counterpart: "partner" | "municipality",
): string {
  const t = messages(locale);
  const who = counterpart === "partner" ? request.partnerName : `${request.municipalityName} (${request.requesterName})`;
  const date = request.scheduledStart
    ? slackDateTime(request.scheduledStart, timezone, locale)
    : t.status.requestedOn(slackDate(request.createdAt, timezone, locale));
  return `*${t.states[request.state]}* · ${escapeMrkdwn(who)} · ${date}\n${escapeAndTruncate(topicList(request.topics, topics, locale), 1000)}`;
}

/** Open and not yet started: after the start only the partner or a lead changes it (the domain's rule). */
export function isCancellable(request: SessionRequest, now: Date): boolean {
  return (request.state === "requested" || request.state === "scheduled") && !hasStarted(request, now);
}

/** A contact's view of a request, with a cancel button (and confirm dialog) while a contact may cancel it. */
export function contactRequestRow(request: SessionRequest, topics: readonly Topic[], locale: Locale, timezone: string, now: Date): KnownBlock {
  const accessory: Button | undefined = isCancellable(request, now) ? cancelButton(locale, request.id) : undefined;
  return section(requestRowText(request, topics, locale, timezone, "partner"), accessory);
}

export function newestFirst(requests: readonly SessionRequest[]): SessionRequest[] {
  return [...requests].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}
