import type { Actor, Locale, Topic } from "../../domain/types.ts";
import { messages } from "../../i18n/index.ts";
import { foldForSearch } from "../views/escape.ts";
import { privacyNoticeBlocks } from "../views/privacy-messages.ts";
import { directoryMessage } from "../views/directory-message.ts";
import { helpMessage } from "../views/help-message.ts";
import { statusMessage } from "../views/status-message.ts";
import { unknownUserMessage } from "../views/unknown-user-message.ts";
import { openBookingModal } from "./booking.ts";
import type { ListenerContext } from "./context.ts";
import type { Registrar } from "./registrar.ts";
import { guarded, replyEphemeral, replyRefusal, type ReplyTarget } from "./reply.ts";
import { timezoneOf } from "../../domain/timezone.ts";

/** Subcommands in German and English; anything else gets the help. */
const subcommands: Record<string, "book" | "status" | "partners" | "help"> = {
  "": "book",
  status: "status",
  kontingent: "status",
  partner: "partners",
  partners: "partners",
  hilfe: "help",
  help: "help",
};

export type SubcommandHandler = (ctx: ListenerContext, args: { actor: Actor; rest: string; target: ReplyTarget; userId: string }) => Promise<void>;

/**
 * `more`: further subcommands (leads, data protection), by every word that names them.
 * `forEveryStoredPerson`: the words of `more` that people deactivated by an import may use too
 * (their own data export and erasure, DSGVO Art. 15/17); they run with no roles.
 */
export function registerSparringCommand(
  app: Registrar,
  ctx: ListenerContext,
  more: ReadonlyMap<string, SubcommandHandler>,
  forEveryStoredPerson: ReadonlySet<string> = new Set(),
): void {
  app.command("/sparring", async ({ ack, command, client, respond }) => {
    // Ack first: every millisecond before it counts against Slack's 3 seconds for everyone.
    await ack();
    // Signed by Slack, but still input: a missing text or user must get an answer, not a TypeError.
    const text = typeof command.text === "string" ? command.text : "";
    const userId = typeof command.user_id === "string" ? command.user_id : "";
    const [word = "", ...restWords] = text.trim().split(/\s+/);
    const sub = word.toLocaleLowerCase("de");
    const rest = restWords.join(" ");
    const locale = await ctx.localeOf(userId);
    const target: ReplyTarget = { respond, client, triggerId: command.trigger_id, locale };
    if (subcommands[sub] === "book") {
      return guarded(ctx.logger, target, "command_book", () =>
        openBookingModal(ctx, { client, triggerId: command.trigger_id, userId, respond }),
      );
    }
    // Inside guarded: with the database down the person gets "try again in a minute", not silence.
    await guarded(ctx.logger, target, `command_${sub || "book"}`, async () => {
      const [active, programme] = await Promise.all([ctx.service.whoIs(userId), ctx.service.programme()]);
      const actor = active ?? (forEveryStoredPerson.has(sub) ? await deactivatedPerson(ctx, userId, locale) : null);
      if (!actor) return replyEphemeral(target, unknownUserMessage({ locale, contactLine: programme?.contactLine ?? "" }));
      if (!active) return more.get(sub)!(ctx, { actor, rest, target, userId });
      if (programme && (await ctx.reads.firstUse(actor.personId))) {
        const blocks = privacyNoticeBlocks(locale, programme.privacyNotice);
        await replyEphemeral(target, { text: messages(locale).privacy.header, blocks });
      }
      const extra = more.get(sub);
      if (extra) return extra(ctx, { actor, rest, target, userId });
      switch (subcommands[sub]) {
        case "status":
          return status(ctx, actor, target);
        case "partners":
          return partners(ctx, actor, rest, locale, target);
        default:
          return replyEphemeral(target, helpMessage({ locale, isPartner: actor.isPartner, isLead: actor.isLead }));
      }
    });
  });
}

/** A stored, not erased person who is no longer active: no roles, only their own data. */
async function deactivatedPerson(ctx: ListenerContext, slackId: string, locale: Locale): Promise<Actor | null> {
  const stored = await ctx.service.storedPerson({ slackId });
  return stored ? { personId: stored.personId, slackId, name: stored.name, contactOf: null, isLead: false, isPartner: false } : null;
}

async function status(ctx: ListenerContext, actor: Actor, target: ReplyTarget): Promise<void> {
  if (!actor.contactOf) return replyRefusal(target, { ok: false, code: "not_a_contact" });
  const [municipality, quota, requests, topics, programme, assigned] = await Promise.all([
    ctx.service.municipality(actor.contactOf),
    ctx.service.quotaOf(actor.contactOf),
    ctx.service.requestsOfMunicipality(actor.contactOf),
    ctx.service.topics({ includeRetired: true }),
    ctx.service.programme(),
    ctx.service.assignedPartners(actor.contactOf),
  ]);
  await replyEphemeral(
    target,
    statusMessage({
      locale: target.locale,
      timezone: timezoneOf(programme),
      now: ctx.clock(),
      municipalityName: municipality?.name ?? actor.contactOf,
      quota,
      assignedPartners: assigned.map((p) => p.name),
      requests,
      topics,
    }),
  );
}

async function partners(ctx: ListenerContext, actor: Actor, query: string, locale: Locale, target: ReplyTarget): Promise<void> {
  const [topics, assigned] = await Promise.all([
    ctx.service.topics(),
    // A contact sees which partners are already assigned to their municipality (the sub-quota applies).
    actor.contactOf ? ctx.service.assignedPartners(actor.contactOf) : [],
  ]);
  const topic = query ? findTopic(topics, query) : undefined;
  const list = await ctx.service.partnerDirectory(topic ? { topics: [topic.key] } : {});
  await replyEphemeral(
    target,
    directoryMessage({
      locale, partners: list, topics, topicFilter: topic?.key ?? null, unknownQuery: query && !topic ? query : null,
      assignedIds: assigned.map((p) => p.personId),
    }),
  );
}

/** Case- and accent-insensitive: "online" or "Großgruppe" or "grossgruppe" finds the topic. */
export function findTopic(topics: Topic[], query: string): Topic | undefined {
  const fold = foldForSearch;
  const needle = fold(query);
  if (!needle) return undefined;
  return (
    topics.find((t) => t.key === needle || fold(t.labelDe) === needle || fold(t.labelEn) === needle) ??
    topics.find((t) => t.key.includes(needle) || fold(t.labelDe).includes(needle) || fold(t.labelEn).includes(needle))
  );
}
