import type { types } from "@slack/bolt";
import type { Locale, PartnerProfile, Quota, SessionFormat, Topic } from "../../domain/types.ts";
import { sessionFormats } from "../../domain/types.ts";
import { messages } from "../../i18n/index.ts";
import * as ids from "../ids.ts";
import { context, limits, option, plain, section, topicLabel, type KnownBlock, type ModalView, type PlainTextOption } from "./blocks.ts";
import { escapeMrkdwn } from "./escape.ts";
import { messageModal } from "./message-modal.ts";
import { privacyNoticeBlocks } from "./privacy-messages.ts";
import { formLimits } from "../forms/form-limits.ts";

export interface BookingModalInput {
  locale: Locale;
  /** Active topics, from data. */
  topics: Topic[];
  selectedTopics: string[];
  /** Active partners offering the selected topics (all active partners while none is selected). */
  partners: PartnerProfile[];
  /** Partners assigned to the contact's municipality: marked in the list (the sub-quota applies). */
  assignedIds?: readonly string[];
  selectedPartnerId?: string | null;
  selectedFormat?: SessionFormat | null;
  /** `partnerAssigned`: the selected partner is assigned to the municipality (then the sub-quota applies). */
  quota: Quota & { partnerAssigned: boolean };
  /** The programme's privacy notice, on a person's first use (before their first request). */
  privacyNotice?: { de: string; en: string } | null;
}

/** "Name – Organisation", within an option's 75 chars. */
export function partnerOptionText(partner: PartnerProfile): string {
  return partner.organisation ? `${partner.name} – ${partner.organisation}` : partner.name;
}

/**
 * What the partner select shows: "Name – Organisation (Telefon, Videokonferenz) · zugeordnet".
 * The formats and the mark always fit; the name and organisation give way to Slack's 75 characters.
 */
export function partnerOption(partner: PartnerProfile, display?: { locale: Locale; assigned: boolean }): PlainTextOption {
  if (!display) return option(partnerOptionText(partner), partner.personId);
  const t = messages(display.locale);
  const formats = partner.formats.map((f) => t.formats[f]).join(", ");
  const suffix = `${formats ? ` (${formats})` : ""}${display.assigned ? ` · ${t.booking.assignedMark}` : ""}`;
  const head = partnerOptionText(partner);
  const room = limits.optionText - suffix.length;
  return option(`${head.length > room ? `${head.slice(0, Math.max(0, room - 1))}…` : head}${suffix}`, partner.personId);
}

/**
 * The answer to a block_suggestion for the partner external_select (used beyond 100 partners):
 * partners whose name or organisation contains the query, at most 100.
 */
export function partnerSuggestions(
  partners: readonly PartnerProfile[],
  query: string,
  display?: { locale: Locale; assignedIds: readonly string[] },
): { options: PlainTextOption[] } {
  const needle = query.trim().toLocaleLowerCase("de");
  const matching = needle
    ? partners.filter((p) => partnerOptionText(p).toLocaleLowerCase("de").includes(needle))
    : partners;
  const toOption = (p: PartnerProfile) =>
    partnerOption(p, display ? { locale: display.locale, assigned: display.assignedIds.includes(p.personId) } : undefined);
  return { options: matching.slice(0, limits.selectOptions).map(toOption) };
}

export function bookingModal(input: BookingModalInput): ModalView {
  const t = messages(input.locale);
  const blocks: KnownBlock[] = input.privacyNotice ? privacyNoticeBlocks(input.locale, input.privacyNotice) : [];
  // The programme's theme, so every request is framed by it.
  blocks.push({ ...context(t.booking.theme), block_id: ids.BOOKING_THEME_BLOCK });
  blocks.push({ ...context(quotaLine(input)), block_id: ids.BOOKING_QUOTA_BLOCK });
  blocks.push(topicsInput(input));
  blocks.push(partnerInput(input) ?? section(t.booking.noPartners));
  const chosen = input.partners.find((p) => p.personId === input.selectedPartnerId);
  if (chosen && chosen.formats.length > 0) {
    const formats = chosen.formats.map((f) => t.formats[f]).join(", ");
    blocks.push({ ...context(escapeMrkdwn(t.booking.partnerFormats(chosen.name, formats))), block_id: ids.BOOKING_PARTNER_FORMATS_BLOCK });
  }
  blocks.push(
    {
      type: "input",
      block_id: ids.BOOKING_QUESTION_BLOCK,
      label: plain(t.booking.questionLabel, 2000),
      element: {
        type: "plain_text_input",
        action_id: ids.BOOKING_QUESTION,
        multiline: true,
        max_length: formLimits.question,
        placeholder: plain(t.booking.questionPlaceholder, limits.placeholder),
      },
    },
    formatInput(input),
    {
      type: "input",
      block_id: ids.BOOKING_TIMES_BLOCK,
      optional: true,
      label: plain(t.booking.timesLabel, 2000),
      hint: plain(t.booking.timesHint, 2000),
      element: {
        type: "plain_text_input",
        action_id: ids.BOOKING_TIMES,
        max_length: formLimits.preferredTimes,
        placeholder: plain(t.booking.timesPlaceholder, limits.placeholder),
      },
    },
  );
  return {
    type: "modal",
    callback_id: ids.BOOKING_MODAL,
    title: plain(t.booking.title, limits.modalTitle),
    submit: plain(t.booking.submit, limits.modalTitle),
    close: plain(t.booking.close, limits.modalTitle),
    blocks,
  };
}

function quotaLine({ locale, quota }: BookingModalInput): string {
  const t = messages(locale).quota;
  const total = t.remaining(quota.remaining, quota.limit);
  return quota.partnerAssigned ? `${total}; ${t.assignedRemaining(quota.assignedRemaining, quota.assignedLimit)}` : total;
}

function topicsInput(input: BookingModalInput): types.InputBlock {
  const t = messages(input.locale).booking;
  // Selected topics first so they survive the cut at Slack's 100 options.
  const ordered = [
    ...input.topics.filter((topic) => input.selectedTopics.includes(topic.key)),
    ...input.topics.filter((topic) => !input.selectedTopics.includes(topic.key)),
  ].slice(0, limits.selectOptions);
  const options = ordered.map((topic) => option(topicLabel(topic.key, input.topics, input.locale), topic.key));
  const initial = options.filter((o) => input.selectedTopics.includes(o.value ?? ""));
  return {
    type: "input",
    block_id: ids.BOOKING_TOPICS_BLOCK,
    // Changing topics narrows the partner list: the listener gets a block_actions and updates the view.
    dispatch_action: true,
    label: plain(t.topicsLabel, 2000),
    hint: plain(t.topicsHint, 2000),
    element: {
      type: "multi_static_select",
      action_id: ids.BOOKING_TOPICS,
      placeholder: plain(t.topicsPlaceholder, limits.placeholder),
      options,
      ...(initial.length > 0 ? { initial_options: initial } : {}),
    },
  };
}

function partnerInput(input: BookingModalInput): types.InputBlock | null {
  if (input.partners.length === 0) return null;
  const t = messages(input.locale).booking;
  const selected = input.partners.find((p) => p.personId === input.selectedPartnerId);
  const display = (p: PartnerProfile) => ({ locale: input.locale, assigned: input.assignedIds?.includes(p.personId) ?? false });
  const initial = selected ? { initial_option: partnerOption(selected, display(selected)) } : {};
  const element: types.StaticSelect | types.ExternalSelect =
    input.partners.length <= limits.selectOptions
      ? {
          type: "static_select",
          action_id: ids.BOOKING_PARTNER,
          placeholder: plain(t.partnerPlaceholder, limits.placeholder),
          options: input.partners.map((p) => partnerOption(p, display(p))),
          ...initial,
        }
      : {
          // More than a static select can hold: options come from block_suggestion (partnerSuggestions).
          type: "external_select",
          action_id: ids.BOOKING_PARTNER,
          placeholder: plain(t.partnerSearchPlaceholder, limits.placeholder),
          min_query_length: 0,
          ...initial,
        };
  return {
    type: "input",
    block_id: ids.BOOKING_PARTNER_BLOCK,
    // The sub-quota line depends on whether the chosen partner is assigned to the municipality.
    dispatch_action: true,
    label: plain(t.partnerLabel, 2000),
    element,
  };
}

function formatInput(input: BookingModalInput): types.InputBlock {
  const t = messages(input.locale);
  const options = sessionFormats.map((format) => option(t.formats[format], format));
  const initial = options.find((o) => o.value === input.selectedFormat);
  return {
    type: "input",
    block_id: ids.BOOKING_FORMAT_BLOCK,
    label: plain(t.booking.formatLabel, 2000),
    element: {
      type: "radio_buttons",
      action_id: ids.BOOKING_FORMAT,
      options,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
}

/** Replaces the form after a successful submission: the person sees where the request went. */
export function bookingSentModal(input: { locale: Locale; partnerName: string }): ModalView {
  const t = messages(input.locale).booking;
  return messageModal({ locale: input.locale, callbackId: ids.BOOKING_SENT_MODAL, title: t.sentTitle, icon: ":white_check_mark:", text: t.sent(input.partnerName) });
}
