import type { UnitCounts } from "../../domain/quota.ts";
import type { Locale, Quota, SessionRequest, Topic } from "../../domain/types.ts";
import { messages } from "../../i18n/index.ts";
import * as ids from "../ids.ts";
import { button, context, divider, header, limits, option, plain, section, type HomeView, type KnownBlock, type PlainTextOption } from "./blocks.ts";
import { escapeAndTruncate, escapeMrkdwn, foldForSearch, joinWithin } from "./escape.ts";
import { contactRequestRow, newestFirst, requestRowText } from "./request-row.ts";
import { quotaText } from "./status-message.ts";

export interface LeadOverview {
  totals: UnitCounts;
  nearQuota: Array<{ name: string; used: number; limit: number }>;
  /** Requests waiting for an answer longer than `waitingDays`. */
  waitingLong: number;
  waitingDays: number;
  /** Municipalities without any request, of `municipalities`. */
  unused: number;
  municipalities: number;
  /** Paused partner profiles and deactivated municipalities (the lead actions' current state). */
  pausedPartners?: number;
  inactiveMunicipalities?: number;
}

export interface AppHomeInput {
  locale: Locale;
  timezone: string;
  /** Decides which requests still offer a cancel button. */
  now: Date;
  topics: Topic[];
  actor: { name: string; isContact: boolean; isPartner: boolean; isLead: boolean };
  /** `assignedPartners`: names of the facilitators assigned to the municipality. */
  contact?: { municipalityName: string; quota: Quota; requests: SessionRequest[]; assignedPartners?: string[] } | null;
  partner?: { openRequests: SessionRequest[]; upcoming: SessionRequest[]; unitsHeld: number } | null;
  lead?: LeadOverview | null;
}

// Caps keep the three sections together under Slack's 100 blocks (1 + 25 + 36 + 8 at most).
const MAX_CONTACT_ROWS = 20;
const MAX_OPEN_ROWS = 10;
const MAX_UPCOMING_ROWS = 10;

/** The Home tab: a section per role the actor holds. */
export function appHome(input: AppHomeInput): HomeView {
  const t = messages(input.locale);
  const blocks: KnownBlock[] = [header(t.home.welcome(input.actor.name))];
  if (input.actor.isContact && input.contact) blocks.push(...contactSection(input, input.contact));
  if (input.actor.isPartner && input.partner) blocks.push(...partnerSection(input, input.partner));
  if (input.actor.isLead && input.lead) blocks.push(...leadSection(input.locale, input.lead));
  if (blocks.length === 1) blocks.push(section(t.home.noRole));
  return { type: "home", blocks };
}

function contactSection(input: AppHomeInput, contact: NonNullable<AppHomeInput["contact"]>): KnownBlock[] {
  const t = messages(input.locale);
  const requests = newestFirst(contact.requests);
  const blocks: KnownBlock[] = [
    divider(),
    header(t.home.contactHeader),
    section(quotaText(input.locale, contact.municipalityName, contact.quota, contact.assignedPartners ?? [])),
    { type: "actions", elements: [button({ text: t.home.bookButton, actionId: ids.OPEN_BOOKING, style: "primary" })] },
  ];
  if (requests.length === 0) blocks.push(context(t.home.noRequests));
  for (const request of requests.slice(0, MAX_CONTACT_ROWS)) {
    blocks.push(contactRequestRow(request, input.topics, input.locale, input.timezone, input.now));
  }
  if (requests.length > MAX_CONTACT_ROWS) blocks.push(context(t.common.andMore(requests.length - MAX_CONTACT_ROWS)));
  return blocks;
}

function partnerSection(input: AppHomeInput, partner: NonNullable<AppHomeInput["partner"]>): KnownBlock[] {
  const t = messages(input.locale);
  const open = [...partner.openRequests].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const upcoming = [...partner.upcoming].sort((a, b) => (a.scheduledStart?.getTime() ?? 0) - (b.scheduledStart?.getTime() ?? 0));
  const blocks: KnownBlock[] = [
    divider(),
    header(t.home.partnerHeader),
    context(t.home.unitsHeld(partner.unitsHeld)),
    { type: "actions", elements: [button({ text: t.profile.edit, actionId: ids.PARTNER_EDIT_PROFILE, value: "me" })] },
    section(`*${t.home.openRequests}*`),
  ];
  if (open.length === 0) blocks.push(context(t.home.noOpenRequests));
  for (const request of open.slice(0, MAX_OPEN_ROWS)) {
    const question = request.question ? `\n>${escapeAndTruncate(request.question.replace(/\s+/g, " "), 300)}` : "";
    blocks.push(section(requestRowText(request, input.topics, input.locale, input.timezone, "municipality") + question), {
      type: "actions",
      elements: [
        button({ text: t.request.acceptButton, actionId: ids.ACCEPT_REQUEST, value: request.id, style: "primary" }),
        button({ text: t.request.declineButton, actionId: ids.DECLINE_REQUEST, value: request.id }),
      ],
    });
  }
  if (open.length > MAX_OPEN_ROWS) blocks.push(context(t.common.andMore(open.length - MAX_OPEN_ROWS)));
  blocks.push(section(`*${t.home.upcoming}*`));
  if (upcoming.length === 0) blocks.push(context(t.home.noUpcoming));
  for (const request of upcoming.slice(0, MAX_UPCOMING_ROWS)) {
    blocks.push(section(requestRowText(request, input.topics, input.locale, input.timezone, "municipality")));
  }
  if (upcoming.length > MAX_UPCOMING_ROWS) blocks.push(context(t.common.andMore(upcoming.length - MAX_UPCOMING_ROWS)));
  return blocks;
}

function leadSection(locale: Locale, lead: LeadOverview): KnownBlock[] {
  const t = messages(locale).home;
  const near = lead.nearQuota.map((m) => `• ${t.nearQuotaLine(escapeMrkdwn(m.name), m.used, m.limit)}`);
  return [
    divider(),
    header(t.leadHeader),
    section(t.totals(lead.totals.held, lead.totals.scheduled, lead.totals.pending)),
    section(`*${t.nearQuota}*\n${near.length > 0 ? joinWithin(near, 2800, messages(locale).common.andMore) : t.noneNearQuota}`),
    section(`${t.waitingLong(lead.waitingLong, lead.waitingDays)}\n${t.unused(lead.unused, lead.municipalities)}`),
    ...leadActions(locale, lead),
  ];
}

/**
 * Pause/resume partners and (de)activate municipalities: two searchable selects whose options
 * come from block_suggestion, so 500 municipalities and 200 partners cost three blocks.
 */
function leadActions(locale: Locale, lead: LeadOverview): KnownBlock[] {
  const t = messages(locale).home;
  const confirm = (title: string, text: string) => ({
    title: plain(title, 100),
    text: plain(text, 300),
    confirm: plain(t.confirm, 30),
    deny: plain(t.deny, 30),
  });
  return [
    section(`*${t.manageHeader}*`),
    context(t.manageHint, t.manageCounts(lead.pausedPartners ?? 0, lead.inactiveMunicipalities ?? 0)),
    {
      type: "actions",
      block_id: ids.LEAD_MANAGE_BLOCK,
      elements: [
        {
          type: "external_select",
          action_id: ids.LEAD_PARTNER_TOGGLE,
          placeholder: plain(t.partnerSelectPlaceholder, limits.placeholder),
          min_query_length: 0,
          confirm: confirm(t.partnerConfirmTitle, t.partnerConfirmText),
        },
        {
          type: "external_select",
          action_id: ids.LEAD_MUNICIPALITY_TOGGLE,
          placeholder: plain(t.municipalitySelectPlaceholder, limits.placeholder),
          min_query_length: 0,
          confirm: confirm(t.municipalityConfirmTitle, t.municipalityConfirmText),
        },
      ],
    },
  ];
}


/** The lead select's options: those matching `query`, at most Slack's 100, each with the action it takes. */
export function leadToggleOptions(
  locale: Locale,
  kind: "partner" | "municipality",
  rows: ReadonlyArray<{ id: string; name: string; active: boolean; searchText?: string }>,
  query: string,
): { options: PlainTextOption[] } {
  const t = messages(locale).home;
  const needle = foldForSearch(query);
  const options: PlainTextOption[] = [];
  for (const row of rows) {
    if (options.length >= limits.selectOptions) break;
    if (needle && !foldForSearch(`${row.name} ${row.searchText ?? ""}`).includes(needle)) continue;
    const verb = kind === "partner" ? (row.active ? "pause" : "resume") : row.active ? "deactivate" : "activate";
    const value = `${verb}:${row.id}`;
    if (value.length > limits.optionValue) continue;
    const text =
      kind === "partner"
        ? row.active ? t.pauseOption(row.name) : t.resumeOption(row.name)
        : row.active ? t.deactivateOption(row.name) : t.activateOption(row.name);
    options.push(option(text, value));
  }
  return { options };
}
