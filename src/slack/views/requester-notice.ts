import type { PartnerProfile } from "../../domain/types.ts";
import { formatDateTime, messages, slackDateTime } from "../../i18n/index.ts";
import * as ids from "../ids.ts";
import { button, context, meetingFacts, section, topicList, type KnownBlock, type Message } from "./blocks.ts";
import { escapeAndTruncate, escapeMrkdwn, truncate } from "./escape.ts";
import type { RequestViewModel } from "./request-message.ts";
import { dayBeforeReminder, requesterSessionActions } from "./reschedule-notices.ts";

const MAX_SUGGESTIONS = 5;

/** To the requester: the partner accepted; date, format, link or phone. */
export function acceptedNotice(vm: RequestViewModel): Message {
  const t = messages(vm.locale);
  const { request } = vm;
  const date = when(vm);
  const format = t.formats[request.format ?? request.preferredFormat];
  return {
    text: fallback(t.notice.acceptedFallback(request.partnerName, whenPlain(vm))),
    blocks: [
      section(`:white_check_mark: ${t.notice.acceptedText(escapeMrkdwn(request.partnerName), date, format)}`),
      section(meetingFacts(request, vm.locale, vm.timezone)),
      context(`${t.common.topics}: ${escapeAndTruncate(topicList(request.topics, vm.topics, vm.locale), 1000)}`),
      ...(request.state === "scheduled" ? [requesterSessionActions(vm)] : []),
    ],
  };
}

/** To the requester: declined, with the reason and up to 5 other partners for the same topics. */
export function declinedNotice(vm: RequestViewModel & { suggestions: PartnerProfile[] }): Message {
  const t = messages(vm.locale);
  const { request } = vm;
  const blocks: KnownBlock[] = [section(`:no_entry_sign: ${t.notice.declinedText(escapeMrkdwn(request.partnerName))}`)];
  if (request.declineReason) {
    blocks.push(section(`*${t.request.reason}:* ${escapeAndTruncate(request.declineReason, 1000)}`));
  }
  const suggestions = vm.suggestions.filter((p) => p.active && p.personId !== request.partnerId).slice(0, MAX_SUGGESTIONS);
  if (suggestions.length > 0) {
    blocks.push(section(t.notice.suggestionsIntro));
    for (const partner of suggestions) {
      // One section per partner: a button's action_id must be unique within its block.
      blocks.push(
        section(
          `*${escapeMrkdwn(partner.name)}*${partner.organisation ? ` – ${escapeMrkdwn(partner.organisation)}` : ""}\n` +
            escapeAndTruncate(topicList(partner.topics, vm.topics, vm.locale), 1000),
          button({ text: t.notice.bookButton, actionId: ids.OPEN_BOOKING, value: partner.personId }),
        ),
      );
    }
  }
  return { text: fallback(t.notice.declinedFallback(request.partnerName)), blocks };
}

/** To the requester: nobody answered in time. */
export function expiredNotice(vm: RequestViewModel): Message {
  const t = messages(vm.locale);
  return {
    text: fallback(t.notice.expiredFallback),
    blocks: [
      section(`:hourglass: ${escapeMrkdwn(t.notice.expiredText(vm.request.partnerName))}`),
      { type: "actions", elements: [button({ text: t.home.bookButton, actionId: ids.OPEN_BOOKING })] },
    ],
  };
}

export interface MovedFacts {
  fromPartnerName: string;
  /** The session's dropped date, when a scheduled session went back to the new partner as a request. */
  fromStart: Date | null;
  partnerChanged: boolean;
  municipalityChanged: boolean;
}

/** To the original requester: a lead moved the request to another partner and/or municipality. */
export function movedNotice(vm: RequestViewModel, moved: MovedFacts): Message {
  const t = messages(vm.locale);
  const { request } = vm;
  const lines: string[] = [];
  if (moved.partnerChanged) {
    lines.push(
      moved.fromStart
        ? t.notice.movedSessionText(slackDateTime(moved.fromStart, vm.timezone, vm.locale, { pretty: false }), escapeMrkdwn(moved.fromPartnerName), escapeMrkdwn(request.partnerName))
        : t.notice.movedPartnerText(escapeMrkdwn(moved.fromPartnerName), escapeMrkdwn(request.partnerName)),
    );
  }
  if (moved.municipalityChanged) lines.push(t.notice.movedMunicipalityText(escapeMrkdwn(request.municipalityName)));
  return {
    text: fallback(t.notice.movedFallback),
    blocks: [section(`:arrows_counterclockwise: ${truncate(lines.join("\n\n"), 2900)}`)],
  };
}

/** To the requester, the working day before (the date as a Slack token: "tomorrow" only when true). */
export function reminderNotice(vm: RequestViewModel): Message {
  return dayBeforeReminder(vm, "requester");
}

/**
 * The session's date as a Slack date token, for mrkdwn (each reader sees it in their own zone).
 * `pretty: false` after "am" / "on" (see slackDateTime).
 */
export function when(vm: RequestViewModel, options: { pretty?: boolean } = {}): string {
  return vm.request.scheduledStart ? slackDateTime(vm.request.scheduledStart, vm.timezone, vm.locale, options) : messages(vm.locale).common.none;
}

/** The session's date as text in the programme's zone, for a message's `text` (notifications show no tokens). */
export function whenPlain(vm: RequestViewModel): string {
  return vm.request.scheduledStart ? formatDateTime(vm.request.scheduledStart, vm.timezone, vm.locale) : messages(vm.locale).common.none;
}

export function fallback(text: string): string {
  return truncate(escapeMrkdwn(text), 4000);
}
