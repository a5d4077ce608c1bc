import type { AdminLogEntry, HistoryEntry } from "../../domain/ports/admin.ts";
import type { Locale } from "../../domain/types.ts";
import { formatDateTime, messages } from "../../i18n/index.ts";
import { context, divider, limits, plain, section, type KnownBlock, type Message, type ModalView } from "./blocks.ts";
import { escapeMrkdwn, joinWithin } from "./escape.ts";

/** Every state change of a request, oldest first: when, who, from → to, and the reason. */
function historyText(locale: Locale, timezone: string, entries: HistoryEntry[]): string {
  const t = messages(locale);
  const h = t.history;
  if (entries.length === 0) return h.empty;
  const lines = entries.map((e) => {
    const change = e.from ? `${t.states[e.from]} → ${t.states[e.to]}` : `${h.created}: ${t.states[e.to]}`;
    const line = `• ${h.line(formatDateTime(e.at, timezone, locale), escapeMrkdwn(e.actorName ?? h.system), change)}`;
    return e.reason ? `${line}\n   _${escapeMrkdwn(h.reason(e.reason))}_` : line;
  });
  return joinWithin(lines, 2_900, t.common.andMore);
}

export function historyMessage(input: { locale: Locale; timezone: string; requestId: string; entries: HistoryEntry[] }): Message {
  const h = messages(input.locale).history;
  return {
    text: h.header(input.requestId),
    blocks: [section(`*${h.header(input.requestId)}*`), section(historyText(input.locale, input.timezone, input.entries))],
  };
}

/** Pushed on top of the correction modal. */
export function historyModal(input: { locale: Locale; timezone: string; entries: HistoryEntry[] }): ModalView {
  const t = messages(input.locale);
  return {
    type: "modal",
    title: plain(t.history.title, limits.modalTitle),
    close: plain(t.common.close, limits.modalTitle),
    blocks: [section(historyText(input.locale, input.timezone, input.entries))],
  };
}

/** The admin audit log's newest entries, for the leads' overview. */
export function adminLogBlocks(locale: Locale, timezone: string, entries: AdminLogEntry[]): KnownBlock[] {
  if (entries.length === 0) return [];
  const a = messages(locale).admin;
  const lines = entries.map((e) => {
    const who = escapeMrkdwn(e.actorName ?? a.logNobody);
    const what = e.action === "import" ? a.logImport : e.action;
    return `• ${a.logLine(formatDateTime(e.at, timezone, locale), who, what, escapeMrkdwn(e.entityKey))}`;
  });
  return [divider(), section(`*${a.log}*\n${joinWithin(lines, 2_700, messages(locale).common.andMore)}`), context("`/sparring verwaltung`")];
}
