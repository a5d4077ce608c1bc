import type { BlockAction, ButtonAction } from "@slack/bolt";
import type { AdminRefusal } from "../../domain/admin-change.ts";
import { messages } from "../../i18n/index.ts";
import { safeError } from "../../logger.ts";
import { sendFilesToDm } from "../dm-files.ts";
import { downloadSharedFile } from "../download-file.ts";
import { adminForms, readAdminForm, type AdminFormKind } from "../forms/admin-form.ts";
import * as ids from "../ids.ts";
import { adminFormModal, adminMenuMessage, describeAdminRefusal, uploadDryRunMessage } from "../views/admin-views.ts";
import { searchOptions } from "../views/correction-modal.ts";
import { historyMessage, historyModal } from "../views/history-views.ts";
import { messageModal } from "../views/message-modal.ts";
import { textMessage } from "../views/privacy-messages.ts";
import { submissionListener } from "./answer-submission.ts";
import type { ListenerContext } from "./context.ts";
import type { Registrar } from "./registrar.ts";
import { guarded, replyEphemeral, type ReplyTarget } from "./reply.ts";
import { defaultTimezone } from "../../domain/timezone.ts";
import type { SubcommandHandler } from "./sparring-command.ts";

/** One action_id per menu button (Slack wants them unique within a message). */
export const adminFormActions = adminForms.map((kind) => `${ids.ADMIN_OPEN_FORM}:${kind}`);

/** `/sparring verwaltung`: the administration menu, for leads only (read from the data). */
const openMenu: SubcommandHandler = async (ctx, { userId, target }) => {
  const a = messages(target.locale).admin;
  if (!(await ctx.admin.isLead(userId))) return replyEphemeral(target, textMessage(a.leadsOnly));
  await replyEphemeral(target, adminMenuMessage(target.locale));
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/sparring verlauf <Anfrage-ID>`: every state change of a request (who, when, reason), for leads. */
const showHistory: SubcommandHandler = async (ctx, { userId, rest, target }) => {
  const h = messages(target.locale).history;
  if (!(await ctx.admin.isLead(userId))) return replyEphemeral(target, textMessage(h.leadsOnly));
  const requestId = rest.trim();
  const [entries, programme] = await Promise.all([uuid.test(requestId) ? ctx.admin.history(requestId) : null, ctx.service.programme()]);
  if (!entries) return replyEphemeral(target, textMessage(h.usage));
  await replyEphemeral(target, historyMessage({ locale: target.locale, timezone: programme?.timezone ?? defaultTimezone, requestId, entries }));
};

export const adminSubcommands: Array<[string, SubcommandHandler]> = [
  ["verwaltung", openMenu],
  ["admin", openMenu],
  ["verlauf", showHistory],
  ["history", showHistory],
];

/** The input block that can fix a refusal: the municipality, the topic; null: the form's first (the person for person rules). */
const refusalBlocks: Record<AdminRefusal["code"], string | null> = {
  municipality_unknown: ids.ADMIN_MUNICIPALITY_BLOCK,
  topic_exists: ids.ADMIN_KEY_BLOCK,
  topic_unknown: ids.ADMIN_TOPIC_BLOCK,
  not_a_lead: null,
  no_programme: null,
  person_unknown: null,
  already_contact: null,
  not_a_contact: null,
  not_a_partner: null,
  already_partner: null,
  already_assigned: null,
  not_assigned: null,
  unchanged: null,
  invalid: null,
};

const firstBlock: Record<AdminFormKind, string> = {
  add_contact: ids.ADMIN_USER_BLOCK,
  deactivate_contact: ids.ADMIN_USER_BLOCK,
  assignment: ids.ADMIN_USER_BLOCK,
  add_partner: ids.ADMIN_USER_BLOCK,
  partner_status: ids.ADMIN_USER_BLOCK,
  add_topic: ids.ADMIN_KEY_BLOCK,
  retire_topic: ids.ADMIN_TOPIC_BLOCK,
  settings: ids.ADMIN_WEEKDAY_BLOCK,
};

const isFormKind = (value: string): value is AdminFormKind => (adminForms as readonly string[]).includes(value);

export function registerAdmin(app: Registrar, ctx: ListenerContext): void {
  for (const actionId of adminFormActions) {
    app.action<BlockAction>(actionId, async ({ ack, body, client, respond }) => {
      await ack();
      const locale = await ctx.localeOf(body.user.id);
      const target: ReplyTarget = { respond, client, triggerId: body.trigger_id, locale };
      await guarded(ctx.logger, target, "admin_open_form", async () => {
        if (!(await ctx.admin.isLead(body.user.id))) return replyEphemeral(target, textMessage(messages(locale).admin.leadsOnly));
        const kind = actionId.slice(ids.ADMIN_OPEN_FORM.length + 1) as AdminFormKind;
        const topics = await ctx.service.topics();
        await client.views.open({ trigger_id: body.trigger_id, view: adminFormModal({ locale, kind, topics }) });
      });
    });
  }

  // Names for leads only; the change itself is checked again from the data.
  app.options(ids.ADMIN_MUNICIPALITY, async ({ ack, body }) => {
    const lead = await ctx.admin.isLead(body.user.id);
    const municipalities = lead ? (await ctx.service.municipalities()).filter((m) => m.key.length <= 75) : [];
    await ack(searchOptions(municipalities, String(body.value ?? ""), (m) => m.name, (m) => m.key));
  });

  const submitForm = (kind: AdminFormKind) => submissionListener(ctx, { read: (state) => readAdminForm(kind, state), block: firstBlock[kind], emptyKey: "required" }, {
    run: async (change, userId) => {
      const result = await ctx.admin.change(userId, change);
      const outcome = result.ok ? {} : { refusal: result.code };
      ctx.logger.info({ listener: "admin_change", action: change.kind, ...outcome }, result.ok ? "admin change done" : "admin change refused");
      return result;
    },
    refused: (refusal, locale) => ({ response_action: "errors", errors: { [refusalBlocks[refusal.code] ?? firstBlock[kind]]: describeAdminRefusal(refusal, locale) } }),
    onOk: (_done, locale) => {
      const a = messages(locale).admin;
      return { response_action: "update", view: messageModal({ locale, callbackId: ids.ADMIN_MODAL, title: a.title, icon: ":white_check_mark:", text: a.done }) };
    },
  });
  const submissions = new Map(adminForms.map((kind) => [kind, submitForm(kind)] as const));
  // The form's kind travels in private_metadata: anything else is a forged or stale view, acked with no change.
  app.view(ids.ADMIN_MODAL, async (args) => {
    const submit = isFormKind(args.view.private_metadata) ? submissions.get(args.view.private_metadata) : undefined;
    return submit ? submit(args) : args.ack();
  });

  // From the correction modal: the history on top of it (views.push keeps the correction underneath).
  app.action<BlockAction<ButtonAction>>(ids.CORRECTION_HISTORY, async ({ ack, body, client }) => {
    await ack();
    const locale = await ctx.localeOf(body.user.id);
    await guarded(ctx.logger, { client, locale }, "correction_history", async () => {
      const requestId = body.actions[0]?.value ?? "";
      if (!(await ctx.admin.isLead(body.user.id)) || !uuid.test(requestId)) return;
      const [entries, programme] = await Promise.all([ctx.admin.history(requestId), ctx.service.programme()]);
      if (!entries) return;
      await client.views.push({ trigger_id: body.trigger_id, view: historyModal({ locale, timezone: programme?.timezone ?? defaultTimezone, entries }) });
    });
  });

  app.action<BlockAction<ButtonAction>>(ids.ADMIN_DOWNLOAD, async ({ ack, body, client, respond }) => {
    await ack();
    const userId = body.user.id;
    const locale = await ctx.localeOf(userId);
    const a = messages(locale).admin;
    const target: ReplyTarget = { respond, client, locale };
    await guarded(ctx.logger, target, "admin_download", async () => {
      if (!(await ctx.admin.isLead(userId))) return replyEphemeral(target, textMessage(a.leadsOnly));
      const file = await ctx.admin.programmeFile();
      if (!file) return replyEphemeral(target, textMessage(a.refusals.no_programme));
      const day = ctx.clock().toISOString().slice(0, 10);
      const sent = await sendFilesToDm(ctx.background, userId, [{ filename: `programmdatei_${day}.yaml`, content: file.yaml }], a.downloadComment);
      await ctx.admin.recordSentFile(sent.channel, sent.fileIds, file.personIds);
      await replyEphemeral(target, textMessage(a.downloadSent));
    });
  });
}

const downloadReasons = { not_yaml: "notYaml", too_large: "tooLarge", unreadable: "unreadable" } as const;

/**
 * A lead sends the programme file to the app in a DM (the message.im event): the app answers with
 * the dry run and an "Apply" button for the sender only. Nothing is written before Apply.
 */
export function registerProgrammeUpload(app: Registrar, ctx: ListenerContext): void {
  app.event("message", async ({ event }) => {
    const message = event as { channel_type?: string; channel?: string; user?: string; bot_id?: string; files?: Array<{ id?: string }> };
    const fileId = message.files?.[0]?.id;
    if (message.channel_type !== "im" || !message.user || message.bot_id || !fileId || !message.channel) return;
    const userId = message.user;
    const channel = message.channel;
    const locale = await ctx.localeOf(userId);
    const a = messages(locale).admin;
    const post = (m: { text: string; blocks: unknown[] }) => ctx.background.chat.postMessage({ channel, text: m.text, blocks: m.blocks as never });
    try {
      if (!(await ctx.admin.isLead(userId))) return void (await post(textMessage(a.leadsOnly)));
      const file = await downloadSharedFile(ctx.background, fileId);
      if (!file.ok) return void (await post(textMessage(a.upload[downloadReasons[file.reason]])));
      const run = await ctx.admin.checkUpload(userId, file.name, file.text);
      ctx.logger.info({ listener: "programme_upload", refused: run.errors.length, changes: run.changes.length, conflicts: run.conflicts.length }, "programme file checked");
      await post(uploadDryRunMessage(locale, run));
    } catch (error) {
      ctx.logger.error({ listener: "programme_upload", err: safeError(error) }, "programme upload failed");
      await post(textMessage(a.upload.unreadable)).catch(() => undefined);
    }
  });

  app.action<BlockAction<ButtonAction>>(ids.ADMIN_APPLY_UPLOAD, async ({ ack, body, client, respond }) => {
    await ack();
    const userId = body.user.id;
    const locale = await ctx.localeOf(userId);
    const a = messages(locale).admin;
    const target: ReplyTarget = { respond, client, locale };
    await guarded(ctx.logger, target, "admin_apply_upload", async () => {
      const uploadId = body.actions[0]?.value ?? "";
      const result = /^[0-9a-f-]{36}$/i.test(uploadId) ? await ctx.admin.applyUpload(userId, uploadId) : ({ ok: false, code: "expired" } as const);
      ctx.logger.info({ listener: "admin_apply_upload", outcome: result.ok ? "applied" : result.code }, "programme upload apply");
      if (result.ok) {
        ctx.notify();
        return replyEphemeral(target, textMessage(a.upload.applied(result.fileName)));
      }
      switch (result.code) {
        case "not_a_lead":
          return replyEphemeral(target, textMessage(a.leadsOnly));
        case "not_yours":
          return replyEphemeral(target, textMessage(a.upload.notYours));
        case "expired":
          return replyEphemeral(target, textMessage(a.upload.expired));
        case "invalid":
          return replyEphemeral(target, textMessage(a.refusals.invalid(result.errors.slice(0, 3).join("; "))));
      }
    });
  });
}
