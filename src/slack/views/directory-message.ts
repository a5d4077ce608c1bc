import type { Locale, PartnerProfile, Topic } from "../../domain/types.ts";
import { messages } from "../../i18n/index.ts";
import * as ids from "../ids.ts";
import { button, context, header, section, topicLabel, topicList, type KnownBlock, type Message } from "./blocks.ts";
import { escapeAndTruncate, escapeMrkdwn } from "./escape.ts";

export interface DirectoryMessageInput {
  locale: Locale;
  /** Active partners, already filtered by topic if one was asked for. */
  partners: PartnerProfile[];
  topics: Topic[];
  /** The topic the list is filtered by. */
  topicFilter?: string | null;
  /** What the user typed when it matched no topic (the list is then unfiltered). */
  unknownQuery?: string | null;
  /** Partners assigned to the reader's municipality: marked, since units with them count towards the sub-quota. */
  assignedIds?: readonly string[];
}

/** 50 blocks per message: header, an optional note, the cut note, and the partners. */
const MAX_PARTNERS = 40;

/** `/sparring partner [Thema]`: partners with topics, methods, formats and a "Request" button. */
export function directoryMessage(input: DirectoryMessageInput): Message {
  const t = messages(input.locale);
  const title = input.topicFilter ? t.directory.headerTopic(topicLabel(input.topicFilter, input.topics, input.locale)) : t.directory.header;
  const blocks: KnownBlock[] = [header(title)];
  if (input.unknownQuery) blocks.push(context(escapeMrkdwn(t.directory.topicUnknown(input.unknownQuery.slice(0, 200)))));
  const partners = [...input.partners].sort((a, b) => a.name.localeCompare(b.name, "de"));
  if (partners.length === 0) blocks.push(section(t.directory.empty));
  for (const partner of partners.slice(0, MAX_PARTNERS)) {
    blocks.push(
      section(
        partnerText(partner, input.topics, input.locale, input.assignedIds?.includes(partner.personId) ?? false),
        button({ text: t.directory.requestButton, actionId: ids.OPEN_BOOKING, value: partner.personId }),
      ),
    );
  }
  if (partners.length > MAX_PARTNERS) blocks.push(context(t.directory.cut(MAX_PARTNERS, partners.length)));
  return { text: t.directory.fallback(partners.length), blocks };
}

function partnerText(partner: PartnerProfile, topics: readonly Topic[], locale: Locale, assigned: boolean): string {
  const t = messages(locale);
  const lines = [
    `*${escapeAndTruncate(partner.name, 200)}*${partner.organisation ? ` – ${escapeAndTruncate(partner.organisation, 200)}` : ""}`,
    ...(assigned ? [`:pushpin: _${t.directory.assigned}_`] : []),
    `*${t.common.topics}:* ${escapeAndTruncate(topicList(partner.topics, topics, locale), 1000)}`,
  ];
  if (partner.methods.length > 0) lines.push(`*${t.directory.methods}:* ${escapeAndTruncate(partner.methods.join(", "), 500)}`);
  if (partner.formats.length > 0) lines.push(`*${t.directory.formats}:* ${partner.formats.map((f) => t.formats[f]).join(", ")}`);
  if (partner.bio.trim()) lines.push(`_${escapeAndTruncate(partner.bio.trim().replace(/\s+/g, " "), 600)}_`);
  return lines.join("\n");
}
