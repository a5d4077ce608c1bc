import type { Locale, Quota, SessionRequest, Topic } from "../../domain/types.ts";
import { messages } from "../../i18n/index.ts";
import { context, divider, header, section, type KnownBlock, type Message } from "./blocks.ts";
import { escapeAndTruncate, escapeMrkdwn } from "./escape.ts";
import { contactRequestRow, newestFirst } from "./request-row.ts";

export interface StatusMessageInput {
  locale: Locale;
  timezone: string;
  /** Decides which requests still offer a cancel button. */
  now: Date;
  municipalityName: string;
  quota: Quota;
  /** Names of the facilitators assigned to the municipality (the sub-quota applies to them). */
  assignedPartners?: string[];
  requests: SessionRequest[];
  topics: Topic[];
}

/** Slack allows 50 blocks per message; 4 go to header, quota, divider and the "and N more" line. */
const MAX_ROWS = 40;

/** `/sparring status` (ephemeral): units left, the municipality's requests, cancel buttons. */
export function statusMessage(input: StatusMessageInput): Message {
  const t = messages(input.locale);
  const blocks: KnownBlock[] = [
    header(t.status.header),
    section(quotaText(input.locale, input.municipalityName, input.quota, input.assignedPartners ?? [])),
    divider(),
  ];
  const requests = newestFirst(input.requests);
  if (requests.length === 0) blocks.push(section(t.status.noRequests));
  for (const request of requests.slice(0, MAX_ROWS)) {
    blocks.push(contactRequestRow(request, input.topics, input.locale, input.timezone, input.now));
  }
  if (requests.length > MAX_ROWS) blocks.push(context(t.common.andMore(requests.length - MAX_ROWS)));
  return { text: t.status.fallback(input.quota.remaining, input.quota.limit), blocks };
}

/**
 * "*Musterstadt*: Noch 9 von 12 Einheiten (…)", and only for a municipality with assigned
 * facilitators the sub-quota ("davon maximal 5 bei den bereits … Prozessbegleitern") and who they are.
 */
export function quotaText(locale: Locale, municipalityName: string, quota: Quota, assignedPartners: readonly string[] = []): string {
  const t = messages(locale).quota;
  const total = `*${escapeMrkdwn(municipalityName)}*: ${t.remaining(quota.remaining, quota.limit)} (${t.breakdown(quota.scheduled, quota.pending, quota.held)})`;
  if (assignedPartners.length === 0) return total;
  const names = escapeAndTruncate(assignedPartners.join(", "), 1500);
  return `${total}\n${capitalise(t.assignedRemaining(quota.assignedRemaining, quota.assignedLimit))}\n${t.assignedPartners(names)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
