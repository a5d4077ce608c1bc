import type { LastCancellation } from "../../domain/ports/delivery-records.ts";
import type { Proposal } from "../../domain/reschedule.ts";
import { formatDate, formatDateTime, messages, slackDateTime } from "../../i18n/index.ts";
import * as ids from "../ids.ts";
import { button, meetingFacts, section, type KnownBlock, type Message } from "./blocks.ts";
import { escapeAndTruncate, escapeMrkdwn } from "./escape.ts";
import type { RequestViewModel } from "./request-message.ts";
import { fallback } from "./requester-notice.ts";

/** A date in a message: Slack's token (the reader's zone, "tomorrow" only when true). */
const token = (vm: RequestViewModel, date: Date | null) =>
  date ? slackDateTime(date, vm.timezone, vm.locale) : messages(vm.locale).common.none;
/** The same date as plain text (notification text, where tokens are not rendered everywhere). */
const plainDate = (vm: RequestViewModel, date: Date | null) =>
  date ? formatDateTime(date, vm.timezone, vm.locale) : messages(vm.locale).common.none;
const formatOf = (vm: RequestViewModel, format: "phone" | "video" | null) =>
  messages(vm.locale).formats[format ?? vm.request.format ?? vm.request.preferredFormat];

/** The partner's buttons on a scheduled session: a new date, or cancel with a reason. */
export function partnerSessionActions(vm: RequestViewModel): KnownBlock {
  const t = messages(vm.locale).reschedule;
  return {
    type: "actions",
    elements: [
      button({ text: t.proposeButton, actionId: ids.PROPOSE_NEW_DATE, value: vm.request.id }),
      button({ text: t.partnerCancelButton, actionId: ids.PARTNER_CANCEL, value: vm.request.id }),
    ],
  };
}

/** The requester's button on a scheduled session: ask for a new date. */
export function requesterSessionActions(vm: RequestViewModel): KnownBlock {
  return { type: "actions", elements: [button({ text: messages(vm.locale).reschedule.askButton, actionId: ids.ASK_NEW_DATE, value: vm.request.id })] };
}

/** To the requester: the partner proposes a new date; accept it or ask for another. */
export function proposedNotice(vm: RequestViewModel, proposal: Proposal): Message {
  const t = messages(vm.locale).reschedule;
  const { request } = vm;
  const details = meetingFacts({ ...request, format: proposal.format, meetingLink: proposal.meetingLink, meetingPhone: proposal.meetingPhone, scheduledStart: proposal.start }, vm.locale, vm.timezone);
  return {
    text: fallback(t.proposedFallback(request.partnerName)),
    blocks: [
      section(`:calendar: ${t.proposedText(escapeMrkdwn(request.partnerName), token(vm, proposal.start), formatOf(vm, proposal.format), token(vm, request.scheduledStart))}`),
      section(details),
      {
        type: "actions",
        elements: [
          button({ text: t.acceptProposalButton, actionId: ids.ACCEPT_PROPOSAL, value: proposal.id, style: "primary" }),
          button({ text: t.rejectProposalButton, actionId: ids.REJECT_PROPOSAL, value: proposal.id }),
        ],
      },
    ],
  };
}

/** To the partner: the requester's side cannot make the proposed date and asks for another. */
export function proposalRejectedNotice(vm: RequestViewModel, proposal: Proposal | null): Message {
  const t = messages(vm.locale).reschedule;
  const { request } = vm;
  const text = t.rejectedText(escapeMrkdwn(request.requesterName), escapeMrkdwn(request.municipalityName), token(vm, proposal?.start ?? null), token(vm, request.scheduledStart));
  return { text: fallback(t.rejectedFallback(request.requesterName)), blocks: [section(`:calendar: ${text}`), partnerSessionActions(vm)] };
}

/** To the partner: the requester's side asks for a new date. */
export function newDateAskedNotice(vm: RequestViewModel): Message {
  const t = messages(vm.locale).reschedule;
  const { request } = vm;
  const text = t.askedText(escapeMrkdwn(request.requesterName), escapeMrkdwn(request.municipalityName), token(vm, request.scheduledStart));
  return { text: fallback(t.askedFallback(request.requesterName)), blocks: [section(`:calendar: ${text}`), partnerSessionActions(vm)] };
}

/** To either side: the new date is agreed. */
export function rescheduledNotice(vm: RequestViewModel, side: "requester" | "partner"): Message {
  const t = messages(vm.locale).reschedule;
  const { request } = vm;
  const date = token(vm, request.scheduledStart);
  const text = side === "requester"
    ? t.rescheduledRequesterText(escapeMrkdwn(request.partnerName), date, formatOf(vm, null))
    : t.rescheduledPartnerText(escapeMrkdwn(request.requesterName), escapeMrkdwn(request.municipalityName), date, formatOf(vm, null));
  return {
    text: fallback(t.rescheduledFallback(plainDate(vm, request.scheduledStart))),
    blocks: [
      section(`:calendar: ${text}`),
      section(meetingFacts(request, vm.locale, vm.timezone)),
      side === "requester" ? requesterSessionActions(vm) : partnerSessionActions(vm),
    ],
  };
}

/** To either side, the working day before: the date as a token, so "tomorrow" appears only when true. */
export function dayBeforeReminder(vm: RequestViewModel, side: "requester" | "partner"): Message {
  const t = messages(vm.locale).reschedule;
  const { request } = vm;
  const date = token(vm, request.scheduledStart);
  const text = side === "requester"
    ? t.reminderText(escapeMrkdwn(request.partnerName), date, formatOf(vm, null))
    : t.partnerReminderText(escapeMrkdwn(request.requesterName), escapeMrkdwn(request.municipalityName), date, formatOf(vm, null));
  return {
    text: fallback(t.reminderFallback(plainDate(vm, request.scheduledStart))),
    blocks: [section(`:alarm_clock: ${text}`), section(meetingFacts(request, vm.locale, vm.timezone))],
  };
}

/** To either side, `before_minutes` before the start. */
export function soonReminder(vm: RequestViewModel, side: "requester" | "partner"): Message {
  const t = messages(vm.locale).reschedule;
  const { request } = vm;
  const other = side === "requester" ? escapeMrkdwn(request.partnerName) : `${escapeMrkdwn(request.requesterName)} (${escapeMrkdwn(request.municipalityName)})`;
  return {
    text: fallback(t.soonFallback(plainDate(vm, request.scheduledStart))),
    blocks: [section(`:alarm_clock: ${t.soonText(other, token(vm, request.scheduledStart), formatOf(vm, null))}`), section(meetingFacts(request, vm.locale, vm.timezone))],
  };
}

/** To the partner: a request still waits for the answer; with Accept / Decline. `lastDay`: the last day to answer. */
export function unansweredReminder(vm: RequestViewModel, lastDay: Date): Message {
  const t = messages(vm.locale);
  const { request } = vm;
  const text = t.reschedule.unansweredText(
    escapeMrkdwn(request.requesterName), escapeMrkdwn(request.municipalityName),
    formatDate(request.createdAt, vm.timezone, vm.locale), formatDate(lastDay, vm.timezone, vm.locale),
  );
  return {
    text: fallback(t.reschedule.unansweredFallback(request.municipalityName)),
    blocks: [
      section(`:hourglass_flowing_sand: ${text}`),
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

/** To the requester: the request expires after `lastDay` unless the partner answers. */
export function expiryWarning(vm: RequestViewModel, lastDay: Date): Message {
  const t = messages(vm.locale).reschedule;
  return {
    text: fallback(t.expiryWarningFallback),
    blocks: [section(`:hourglass_flowing_sand: ${t.expiryWarningText(escapeMrkdwn(vm.request.partnerName), formatDate(lastDay, vm.timezone, vm.locale))}`)],
  };
}

/** Who cancelled what, as one sentence; `plain` for notification text (no mrkdwn escaping, no date token). */
export function cancelledSentence(vm: RequestViewModel, cancellation: LastCancellation | null, plain = false): string {
  const t = messages(vm.locale).reschedule;
  const { request } = vm;
  const by = cancellation?.by ?? "requester";
  const esc = plain ? (s: string) => s : escapeMrkdwn;
  const date = (d: Date) => (plain ? plainDate(vm, d) : token(vm, d));
  const what = request.scheduledStart
    ? t.sessionOn(esc(request.municipalityName), esc(request.partnerName), date(request.scheduledStart))
    : t.requestOf(esc(request.municipalityName), esc(request.partnerName));
  const name = esc(cancellation?.name ?? request.requesterName);
  return by === "partner" ? t.cancelledByPartner(name, what)
    : by === "lead" ? t.cancelledByLead(name, what)
    : t.cancelledByRequester(name, esc(request.municipalityName), what);
}

/** To the other side (and the canceller): who cancelled what, and why. */
export function cancelledByNotice(vm: RequestViewModel, cancellation: LastCancellation | null): Message {
  const t = messages(vm.locale).reschedule;
  const blocks: KnownBlock[] = [section(`:x: ${cancelledSentence(vm, cancellation)}`)];
  if (cancellation?.reason) blocks.push(section(`*${t.reason}:* ${escapeAndTruncate(cancellation.reason, 1000)}`));
  return { text: fallback(cancelledSentence(vm, cancellation, true)), blocks };
}
