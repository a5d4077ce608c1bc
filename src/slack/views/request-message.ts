import type { LastCancellation } from "../../domain/ports/delivery-records.ts";
import type { Locale, SessionRequest, Topic } from "../../domain/types.ts";
import { messages } from "../../i18n/index.ts";
import * as ids from "../ids.ts";
import { button, context, dateOrDash, header, meetingFacts, requestFacts, section, type KnownBlock, type Message } from "./blocks.ts";
import { cancelledSentence, partnerSessionActions } from "./reschedule-notices.ts";
import { escapeAndTruncate, escapeMrkdwn, truncate } from "./escape.ts";

export interface RequestViewModel {
  request: SessionRequest;
  topics: Topic[];
  locale: Locale;
  /** Programme time zone. */
  timezone: string;
  /** Who cancelled (a cancelled request's outcome names them); loaded only for a cancelled request. */
  cancellation?: LastCancellation | null;
}

/** The partner's DM about a request: with Accept/Decline while it is open, otherwise its outcome. */
export function requestMessage(vm: RequestViewModel): Message {
  if (vm.request.state !== "requested") return requestDecidedMessage(vm);
  const t = messages(vm.locale);
  const { request } = vm;
  return {
    text: truncate(escapeMrkdwn(t.request.fallback(request.municipalityName, request.requesterName)), 4000),
    blocks: [
      header(t.request.newHeader),
      section(escapeMrkdwn(t.request.intro(request.requesterName, request.municipalityName))),
      section(requestFacts(request, vm.topics, vm.locale)),
      {
        type: "actions",
        elements: [
          button({ text: t.request.acceptButton, actionId: ids.ACCEPT_REQUEST, value: request.id, style: "primary" }),
          button({ text: t.request.declineButton, actionId: ids.DECLINE_REQUEST, value: request.id }),
        ],
      },
    ],
  };
}

/** The same DM after a decision (chat.update): no buttons, the outcome at the bottom. */
export function requestDecidedMessage(vm: RequestViewModel): Message {
  const t = messages(vm.locale);
  const { request } = vm;
  const outcome = outcomeBlocks(vm);
  return {
    text: truncate(`${t.request.decidedHeader}: ${t.states[request.state]} – ${escapeMrkdwn(request.municipalityName)}`, 4000),
    blocks: [
      header(`${t.request.decidedHeader}: ${t.states[request.state]}`),
      section(escapeMrkdwn(t.request.intro(request.requesterName, request.municipalityName))),
      section(requestFacts(request, vm.topics, vm.locale)),
      ...outcome,
    ],
  };
}

/**
 * The old partner's DM after a lead handed the request to someone else (chat.update): no buttons,
 * no question, no requester name; only which municipality's request it was.
 */
export function handedOverMessage(locale: Locale, municipalityName: string): Message {
  const t = messages(locale);
  const text = t.request.handedOverText(municipalityName);
  return {
    text: truncate(`${t.request.handedOverHeader}: ${escapeMrkdwn(text)}`, 4000),
    blocks: [header(t.request.handedOverHeader), section(`:arrow_right: ${escapeAndTruncate(text, 2900)}`)],
  };
}

function outcomeBlocks(vm: RequestViewModel): KnownBlock[] {
  const { request, locale, timezone } = vm;
  const t = messages(locale);
  const date = dateOrDash(request.scheduledStart, locale, timezone);
  switch (request.state) {
    case "requested":
      return [];
    case "scheduled":
      return [
        section(`:white_check_mark: ${t.request.acceptedOutcome(date, t.formats[request.format ?? request.preferredFormat])}`),
        section(meetingFacts(request, locale, timezone)),
        partnerSessionActions(vm),
      ];
    case "held":
      return [section(`:white_check_mark: ${t.request.heldOutcome(dateOrDash(request.scheduledStart, locale, timezone, { pretty: false }))}`)];
    case "declined":
      return [
        section(`:no_entry_sign: ${t.request.declinedOutcome}`),
        ...(request.declineReason ? [context(`*${t.request.reason}:* ${escapeAndTruncate(request.declineReason, 1000)}`)] : []),
      ];
    case "cancelled":
      return [section(`:x: ${cancelledSentence(vm, vm.cancellation ?? null)}`)];
    case "expired":
      return [section(`:hourglass: ${t.request.expiredOutcome}`)];
  }
}
