import type { Locale } from "../../domain/types.ts";
import { messages, slackDate } from "../../i18n/index.ts";
import { insights } from "../../i18n/insights.ts";
import { CHART_SEND } from "../ids.ts";
import type { Overview } from "../../reports/overview.ts";
import { button, context, divider, header, section, type KnownBlock, type Message } from "./blocks.ts";
import { escapeMrkdwn } from "./escape.ts";

export interface OverviewMessageInput {
  locale: Locale;
  timezone: string;
  overview: Overview;
  /** Scheduled sessions whose held question went unanswered twice. */
  unansweredHeld: number;
  /** "digest" for the weekly channel post, "overview" for a lead's /sparring übersicht. */
  kind: "digest" | "overview";
  /** Rows per list; longer lists end in "… and N more" (the export has everything). */
  maxRows?: number;
}

/**
 * The leads' figures: names of municipalities, partners and topics and counts only, never a
 * question or a requester (it is posted in a channel). Each list is one section whose text is
 * cut to Slack's 3000 characters, so 500 municipalities still fit in one message.
 */
export function overviewMessage(input: OverviewMessageInput): Message {
  const t = messages(input.locale).overview;
  const { overview: o, locale } = input;
  const maxRows = input.maxRows ?? 15;
  const andMore = messages(locale).common.andMore;
  const list = (lines: string[]) => {
    if (lines.length === 0) return t.none;
    const kept: string[] = [];
    let length = 0;
    for (const line of lines) {
      if (kept.length >= maxRows || length + line.length + 1 > 2_700) break;
      kept.push(line);
      length += line.length + 1;
    }
    const rest = lines.length - kept.length;
    return rest > 0 ? `${kept.join("\n")}\n${andMore(rest)}` : kept.join("\n");
  };
  const counts = (rows: Array<{ name: string; held: number; scheduled: number; pending: number }>) =>
    rows
      .filter((r) => r.held + r.scheduled + r.pending > 0)
      .sort((a, b) => b.held + b.scheduled + b.pending - (a.held + a.scheduled + a.pending))
      .map((r) => `• ${t.countsLine(escapeMrkdwn(r.name), r.held, r.scheduled, r.pending)}`);
  const topicName = (r: { labelDe: string; labelEn: string }) => (locale === "en" ? r.labelEn : r.labelDe);

  const blocks: KnownBlock[] = [
    header(input.kind === "digest" ? t.digestHeader : t.header),
    section(t.totals(o.totals.held, o.totals.scheduled, o.totals.pending)),
    section(t.week(o.lastWeek.held, o.lastWeek.requested, o.weekBefore.held, o.weekBefore.requested)),
    divider(),
    section(`*${t.atQuota}*\n${list(o.atQuota.map((m) => `• ${t.quotaLine(escapeMrkdwn(m.name), m.used, o.quota.limit)}`))}`),
    section(`*${t.nearQuota(o.quota.nearFrom)}*\n${list(o.nearQuota.map((m) => `• ${t.quotaLine(escapeMrkdwn(m.name), m.used, o.quota.limit)}`))}`),
    section(
      `${t.waiting(o.waiting.count, o.waiting.workingDays)}\n${list(
        o.waiting.requests.map((r) => `• ${t.waitingLine(escapeMrkdwn(r.municipalityName), escapeMrkdwn(r.partnerName), slackDate(r.createdAt, input.timezone, locale))}`),
      )}`,
    ),
    section(`${t.unused(o.unused.length)}\n${list(o.unused.map((m) => `• ${escapeMrkdwn(m.name)}`))}`),
    section(t.unansweredHeld(input.unansweredHeld)),
    divider(),
    section(`*${t.byMunicipality}*\n${list(counts(o.byMunicipality))}`),
    section(`*${t.byPartner}*\n${list(counts(o.byPartner))}`),
    section(`*${t.byTopic}*\n${list(counts(o.byTopic.map((r) => ({ ...r, name: topicName(r) }))))}`),
    ...feedbackBlocks(input),
    ...(input.kind === "overview" ? [...forecastBlocks(input), chartButton(input.locale)] : []),
    context(t.exportHint),
  ];
  return { text: t.fallback(o.totals.held, o.totals.scheduled, o.totals.pending), blocks };
}

/** The forecast (overview only): the total against the funded units, then the municipalities expected to use most. */
function forecastBlocks(input: OverviewMessageInput): KnownBlock[] {
  const f = insights(input.locale).forecast;
  const { forecast } = input.overview;
  const lines = [...forecast.byMunicipality]
    .filter((m) => m.expected > 0)
    .sort((a, b) => b.expected - a.expected || a.name.localeCompare(b.name))
    .slice(0, input.maxRows ?? 15)
    .map((m) => `• ${f.line(escapeMrkdwn(m.name), m.used, m.expected, m.funded)}`);
  return [divider(), section(`*${f.header}*\n${f.total(forecast.total.expected, forecast.total.funded, forecast.total.used)}${lines.length > 0 ? `\n${lines.join("\n")}` : ""}`)];
}

/** Feedback figures per partner and topic (overview and digest): counts and means, never a comment. */
function feedbackBlocks(input: OverviewMessageInput): KnownBlock[] {
  const f = insights(input.locale).feedback;
  const { feedback } = input.overview;
  const mean = (n: number | null) => (n === null ? "–" : n.toLocaleString(input.locale === "en" ? "en-GB" : "de-DE", { minimumFractionDigits: 1 }));
  const lines = (rows: Array<{ name: string; answers: number; meanUsefulness: number | null; recommendYes: number; recommendNo: number }>) => {
    const shown = rows.filter((r) => r.answers > 0).slice(0, input.maxRows ?? 15);
    return shown.length === 0 ? f.none : shown.map((r) => `• ${f.line(escapeMrkdwn(r.name), r.answers, mean(r.meanUsefulness), r.recommendYes, r.recommendNo)}`).join("\n");
  };
  return [
    divider(),
    section(`*${f.overviewHeader}*\n_${f.byPartner}_\n${lines(feedback.byPartner)}\n_${f.byTopic}_\n${lines(feedback.byTopic)}`),
  ];
}

function chartButton(locale: Locale): KnownBlock {
  return { type: "actions", elements: [button({ text: insights(locale).chart.button, actionId: CHART_SEND })] };
}
