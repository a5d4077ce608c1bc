import type { BlockAction, ButtonAction } from "@slack/bolt";
import { messages } from "../../i18n/index.ts";
import { sendFilesToDm } from "../dm-files.ts";
import { ERASE_PERSON } from "../ids.ts";
import { eraseConfirmMessage, textMessage } from "../views/privacy-messages.ts";
import type { ListenerContext } from "./context.ts";
import type { Registrar } from "./registrar.ts";
import { guarded, replyEphemeral, type ReplyTarget } from "./reply.ts";
import type { SubcommandHandler } from "./sparring-command.ts";

/**
 * `/sparring meine-daten`: everything stored about the person, as a JSON file in their DM. The
 * file is recorded: erasure and the retention job delete it from Slack (files.delete).
 */
const myData: SubcommandHandler = async (ctx, { actor, target, userId }) => {
  const t = messages(target.locale).privacy;
  const data = await ctx.service.exportPersonalData(userId);
  if (!data) return replyEphemeral(target, textMessage(t.nothingStored));
  const sent = await sendFilesToDm(ctx.background, userId, [{ filename: "sparring-meine-daten.json", content: JSON.stringify(data, null, 2) }], t.myDataComment);
  await ctx.service.recordUploadedFiles({ purpose: "my_data", channel: sent.channel, fileIds: sent.fileIds, personIds: [actor.personId] });
  await replyEphemeral(target, textMessage(t.myDataSent));
};

/** A mention as Slack sends it with should_escape false ("<@U123|name>"), or a bare id. */
const mentionedUser = (text: string): string | null => /^<?@?([UW][A-Z0-9]{2,})(\|[^>]*)?>?$/.exec(text.trim())?.[1] ?? null;

/** `/sparring löschen` asks first; a lead may name someone else: `/sparring löschen @person`. */
const eraseRequest: SubcommandHandler = async (ctx, { actor, rest, target }) => {
  const t = messages(target.locale).privacy;
  if (!rest.trim()) return replyEphemeral(target, eraseConfirmMessage({ locale: target.locale, target: "me" }));
  if (!actor.isLead) return replyEphemeral(target, textMessage(t.leadsOnlyErase));
  const slackId = mentionedUser(rest);
  // Every stored person, also one an import deactivated.
  const person = slackId ? await ctx.service.storedPerson({ slackId }) : null;
  if (!person) return replyEphemeral(target, textMessage(t.notFound));
  await replyEphemeral(target, eraseConfirmMessage({ locale: target.locale, target: person.personId, name: person.name }));
};

/** What a person deactivated by an import may still do: get and erase their own data. */
export const selfServiceWords: ReadonlySet<string> = new Set(["meine-daten", "my-data", "löschen", "loeschen", "delete-me"]);

export const personalDataSubcommands: Array<[string, SubcommandHandler]> = [
  ["meine-daten", myData],
  ["my-data", myData],
  ["löschen", eraseRequest],
  ["loeschen", eraseRequest],
  ["delete-me", eraseRequest],
];

/** The confirmed erasure. Who may erase whom is decided here from the data, not from the button. */
export function registerErasure(app: Registrar, ctx: ListenerContext): void {
  app.action<BlockAction>(ERASE_PERSON, async ({ ack, body, client, respond }) => {
    await ack();
    const locale = await ctx.localeOf(body.user.id);
    const target: ReplyTarget = { respond: body.response_url ? respond : undefined, client, triggerId: body.trigger_id, locale };
    const t = messages(locale).privacy;
    await guarded(ctx.logger, target, "erase_person", async () => {
      const value = (body.actions[0] as ButtonAction | undefined)?.value ?? "";
      if (value === "me") {
        const result = await ctx.service.erasePerson({ slackId: body.user.id }, null);
        ctx.notify();
        return replyEphemeral(target, textMessage(result.erased ? t.erased : t.notFound), true);
      }
      const actor = await ctx.service.whoIs(body.user.id);
      if (!actor?.isLead) return replyEphemeral(target, textMessage(t.leadsOnlyErase), true);
      if (!/^[0-9a-f-]{36}$/i.test(value)) return replyEphemeral(target, textMessage(t.notFound), true);
      const person = await ctx.service.storedPerson({ personId: value });
      const result = await ctx.service.erasePerson({ personId: value }, actor.personId);
      ctx.notify();
      await replyEphemeral(target, textMessage(result.erased && person ? t.erasedByLead(person.name, result.requests) : t.notFound), true);
    });
  });
}
