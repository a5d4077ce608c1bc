import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { messages } from "../../i18n/index.ts";
import type { ProgrammeRules } from "../../domain/types.ts";
import type { AccountingExportFile, AccountingPeriod } from "../../reports/accounting-exports.ts";
import { fileSink } from "../../reports/file-sink.ts";
import { sendFilesOnDiskToDm } from "../dm-files.ts";
import { adminLogBlocks } from "../views/history-views.ts";
import { overviewMessage } from "../views/overview-message.ts";
import { textMessage } from "../views/privacy-messages.ts";
import { replyEphemeral } from "./reply.ts";
import type { ListenerContext } from "./context.ts";
import type { SubcommandHandler } from "./sparring-command.ts";

/** `/sparring übersicht`: the leads' figures, on demand. */
const overview: SubcommandHandler = async (ctx, { actor, target }) => {
  const t = messages(target.locale);
  if (!actor.isLead) return replyEphemeral(target, textMessage(t.overview.leadsOnly));
  const programme = await ctx.service.programme();
  if (!programme) return;
  const now = ctx.clock();
  const [{ overview: figures, unansweredHeld: unanswered }, adminLog] = await Promise.all([ctx.service.leadOverview(programme, now), ctx.admin.recentChanges(8)]);
  const message = overviewMessage({ locale: target.locale, timezone: programme.timezone, overview: figures, unansweredHeld: unanswered.length, kind: "overview" });
  // The admin audit log's newest entries under the figures (the digest, a channel message, leaves them out).
  const log = adminLogBlocks(target.locale, programme.timezone, adminLog);
  await replyEphemeral(target, { ...message, blocks: message.blocks.length + log.length <= 50 ? [...message.blocks, ...log] : message.blocks });
};

/** "31.12.2026" or "2026-12-31" → "2026-12-31"; anything else → null. */
export function parseDay(text: string): string | null {
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const iso = german ? `${german[3]}-${german[2]!.padStart(2, "0")}-${german[1]!.padStart(2, "0")}` : text;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

const displayDay = (iso: string) => iso.split("-").reverse().join(".");

/** `/sparring export [von] [bis]`: the three accounting CSV files in the lead's DM. */
const exportReports: SubcommandHandler = async (ctx, { actor, rest, target, userId }) => {
  const t = messages(target.locale);
  if (!actor.isLead) return replyEphemeral(target, textMessage(t.exports.leadsOnly));
  const programme = await ctx.service.programme();
  if (!programme) return;
  const [fromText, toText] = rest.split(/\s+/).filter(Boolean);
  const from = fromText ? parseDay(fromText) : programme.periodStart;
  const to = toText ? parseDay(toText) : programme.periodEnd;
  if (!from || !to || from > to) return replyEphemeral(target, textMessage(t.exports.badDates));
  const sent = await sendExportFiles(ctx, userId, programme, { from, to }, t.exports.comment(displayDay(from), displayDay(to)));
  // The files name partners (and hold feedback comments): recorded with everyone they may name (and the lead), so erasing any of them deletes the files.
  const named = await ctx.service.accountingExportNames();
  await ctx.service.recordUploadedFiles({ purpose: "accounting_export", channel: sent.channel, fileIds: sent.fileIds, personIds: [actor.personId, ...named] });
  await replyEphemeral(target, textMessage(t.exports.sent(displayDay(from), displayDay(to))));
};

/**
 * Writes the files into a temporary folder as the rows arrive and uploads them from there, so a
 * million requests never sit in memory, neither as rows nor as one text.
 */
async function sendExportFiles(ctx: ListenerContext, userId: string, programme: ProgrammeRules, period: AccountingPeriod, comment: string) {
  const suffix = `${period.from}_${period.to}`;
  const names: Record<AccountingExportFile, string> = {
    sessions: `sparring-termine_${suffix}.csv`,
    partners: `sparring-partner_${suffix}.csv`,
    municipalities: `sparring-kommunen_${suffix}.csv`,
    feedback: `sparring-feedback_${suffix}.csv`,
  };
  const dir = await mkdtemp(path.join(tmpdir(), "sparring-export-"));
  try {
    await ctx.service.writeAccountingExports(programme, period, (file) => fileSink(path.join(dir, names[file])));
    const files = Object.values(names).map((filename) => ({ filename, path: path.join(dir, filename) }));
    return await sendFilesOnDiskToDm(ctx.background, userId, files, comment);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const leadSubcommands: Array<[string, SubcommandHandler]> = [
  ["übersicht", overview],
  ["uebersicht", overview],
  ["overview", overview],
  ["export", exportReports],
];
