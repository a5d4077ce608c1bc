import type { types } from "@slack/bolt";
import type { AdminRefusal } from "../../domain/admin-change.ts";
import type { UploadDryRun } from "../../domain/ports/admin.ts";
import type { Locale, Topic } from "../../domain/types.ts";
import { weekdays } from "../../directory/directory-schema.ts";
import { messages } from "../../i18n/index.ts";
import { adminForms, type AdminFormKind } from "../forms/admin-form.ts";
import * as ids from "../ids.ts";
import { button, context, header, limits, option, plain, section, type KnownBlock, type Message, type ModalView } from "./blocks.ts";
import { escapeMrkdwn, joinWithin } from "./escape.ts";

/** `/sparring verwaltung`: one button per form, and the programme file. */
export function adminMenuMessage(locale: Locale): Message {
  const a = messages(locale).admin;
  const formButtons = adminForms.map((kind) => button({ text: a.forms[kind], actionId: `${ids.ADMIN_OPEN_FORM}:${kind}`, value: kind }));
  return {
    text: a.menuHeader,
    blocks: [
      header(a.menuHeader),
      context(a.menuIntro),
      { type: "actions", elements: formButtons.slice(0, 4) },
      { type: "actions", elements: formButtons.slice(4) },
      { type: "actions", elements: [button({ text: a.download, actionId: ids.ADMIN_DOWNLOAD, value: "yaml" })] },
    ],
  };
}

const input = (blockId: string, label: string, element: types.InputBlockElement, optional = false, hint?: string): types.InputBlock => ({
  type: "input",
  block_id: blockId,
  label: plain(label, 2000),
  ...(optional ? { optional: true } : {}),
  ...(hint ? { hint: plain(hint, 2000) } : {}),
  element,
});
const text = (actionId: string, maxLength: number, multiline = false): types.PlainTextInput => ({ type: "plain_text_input", action_id: actionId, max_length: maxLength, ...(multiline ? { multiline } : {}) });
/** A whole number of at least 1 (Slack checks it in the client; the form schema again on the server). */
const count = (actionId: string): types.NumberInput => ({ type: "number_input", action_id: actionId, is_decimal_allowed: false, min_value: "1", max_value: "9999" });
const radio = (actionId: string, options: Array<[string, string]>): types.RadioButtons => ({ type: "radio_buttons", action_id: actionId, options: options.map(([label, value]) => option(label, value)) });

/** The form of one administration change; private_metadata = the form. Active topics only are offered. */
export function adminFormModal(input_: { locale: Locale; kind: AdminFormKind; topics: Topic[] }): ModalView {
  const { locale, kind } = input_;
  const a = messages(locale).admin;
  const t = messages(locale);
  const topicOptions = input_.topics.filter((tp) => !tp.retired).slice(0, limits.selectOptions).map((tp) => option(locale === "en" ? tp.labelEn : tp.labelDe, tp.key));
  const user = (label: string) => input(ids.ADMIN_USER_BLOCK, label, { type: "users_select", action_id: ids.ADMIN_USER });
  const name = input(ids.ADMIN_NAME_BLOCK, a.name, text(ids.ADMIN_NAME, 200));
  const municipality = input(ids.ADMIN_MUNICIPALITY_BLOCK, a.municipality, {
    type: "external_select", action_id: ids.ADMIN_MUNICIPALITY, min_query_length: 0, placeholder: plain(a.searchPlaceholder, limits.placeholder),
  });
  const blocks: KnownBlock[] = (() => {
    switch (kind) {
      case "add_contact":
        return [user(a.person), name, municipality];
      case "deactivate_contact":
        return [user(a.person)];
      case "assignment":
        return [user(a.partner), municipality, input(ids.ADMIN_MODE_BLOCK, a.assignMode, radio(ids.ADMIN_MODE, [[a.assign, "assign"], [a.unassign, "unassign"]]))];
      case "add_partner":
        return [
          user(a.person),
          name,
          input(ids.ADMIN_ORGANISATION_BLOCK, a.organisation, text(ids.ADMIN_ORGANISATION, 200), true),
          input(ids.ADMIN_TOPICS_BLOCK, t.common.topics, { type: "multi_static_select", action_id: ids.ADMIN_TOPICS, options: topicOptions }),
          input(ids.ADMIN_FORMATS_BLOCK, t.common.format, { type: "checkboxes", action_id: ids.ADMIN_FORMATS, options: [option(t.formats.phone, "phone"), option(t.formats.video, "video")] }),
          input(ids.ADMIN_METHODS_BLOCK, a.methods, text(ids.ADMIN_METHODS, 500), true),
          input(ids.ADMIN_BIO_BLOCK, a.bio, text(ids.ADMIN_BIO, 1000, true), true),
        ];
      case "partner_status":
        return [user(a.partner), input(ids.ADMIN_MODE_BLOCK, a.assignMode, radio(ids.ADMIN_MODE, [[a.pause, "pause"], [a.resume, "resume"]]))];
      case "add_topic":
        return [
          input(ids.ADMIN_KEY_BLOCK, a.topicKey, text(ids.ADMIN_KEY, 60)),
          input(ids.ADMIN_LABEL_DE_BLOCK, a.labelDe, text(ids.ADMIN_LABEL_DE, 200)),
          input(ids.ADMIN_LABEL_EN_BLOCK, a.labelEn, text(ids.ADMIN_LABEL_EN, 200)),
        ];
      case "retire_topic":
        return [input(ids.ADMIN_TOPIC_BLOCK, a.topic, { type: "static_select", action_id: ids.ADMIN_TOPIC, options: topicOptions }, false, a.retireHint)];
      case "settings":
        return [
          input(ids.ADMIN_CHANNEL_BLOCK, a.digestChannel, { type: "channels_select", action_id: ids.ADMIN_CHANNEL }, true),
          input(ids.ADMIN_WEEKDAY_BLOCK, a.digestWeekday, { type: "static_select", action_id: ids.ADMIN_WEEKDAY, options: weekdays.map((w) => option(a.weekdays[w], w)) }),
          input(ids.ADMIN_TIME_BLOCK, a.digestTime, { type: "timepicker", action_id: ids.ADMIN_TIME }),
          input(ids.ADMIN_BEFORE_MINUTES_BLOCK, a.reminderBeforeMinutes, count(ids.ADMIN_BEFORE_MINUTES), true, a.unchangedIfEmpty),
          input(ids.ADMIN_UNANSWERED_DAYS_BLOCK, a.reminderUnansweredDays, count(ids.ADMIN_UNANSWERED_DAYS), true, a.unchangedIfEmpty),
          input(ids.ADMIN_EXPIRY_WARNING_DAYS_BLOCK, a.reminderExpiryWarningDays, count(ids.ADMIN_EXPIRY_WARNING_DAYS), true, a.unchangedIfEmpty),
        ];
    }
  })();
  return {
    type: "modal",
    callback_id: ids.ADMIN_MODAL,
    private_metadata: kind,
    title: plain(a.forms[kind], limits.modalTitle),
    submit: plain(a.submit, limits.modalTitle),
    close: plain(t.common.cancel, limits.modalTitle),
    blocks,
  };
}

/** The reason a change was refused, in the lead's language (import rule messages are quoted as they are). */
export function describeAdminRefusal(refusal: AdminRefusal, locale: Locale): string {
  const r = messages(locale).admin.refusals;
  switch (refusal.code) {
    case "already_contact":
      return r.already_contact(refusal.municipality);
    case "invalid":
      return r.invalid(refusal.errors.slice(0, 3).join("; "));
    case "not_a_lead":
    case "no_programme":
    case "municipality_unknown":
    case "person_unknown":
    case "not_a_contact":
    case "not_a_partner":
    case "already_partner":
    case "already_assigned":
    case "not_assigned":
    case "topic_exists":
    case "topic_unknown":
    case "unchanged":
      return r[refusal.code];
  }
}

/** The dry run of an uploaded programme file: counts with positions, Slack conflicts first, and "Apply". */
export function uploadDryRunMessage(locale: Locale, run: UploadDryRun): Message {
  const u = messages(locale).admin.upload;
  const max = 2800;
  const listed = (lines: string[]) => joinWithin(lines.map((l) => `• ${escapeMrkdwn(l)}`), max, messages(locale).common.andMore);
  const blocks: KnownBlock[] = [section(u.summary(escapeMrkdwn(run.fileName)))];
  if (run.errors.length > 0) {
    blocks.push(section(`${u.refused(run.errors.length)}\n${listed(run.errors)}`));
    return { text: u.summary(run.fileName), blocks };
  }
  if (run.conflicts.length > 0) {
    blocks.push(section(`${u.conflicts(run.conflicts.length)}\n${listed(run.conflicts.map((c) => `${c.position}: ${c.change} (Slack: ${c.slackActions.join(", ")})`))}`));
  }
  for (const change of ["created", "updated", "deactivated"] as const) {
    const entries = run.changes.filter((c) => c.change === change);
    blocks.push(section(entries.length > 0 ? `${u[change](entries.length)}\n${listed(entries.map((c) => c.position))}` : u[change](0)));
  }
  if (run.erasedSkipped.length > 0) blocks.push(context(...run.erasedSkipped.map((p) => escapeMrkdwn(u.erasedSkipped(p)))));
  if (run.uploadId) {
    blocks.push({
      type: "actions",
      elements: [
        button({
          text: u.apply,
          actionId: ids.ADMIN_APPLY_UPLOAD,
          value: run.uploadId,
          style: "primary",
          confirm: { title: plain(u.apply, 100), text: plain(u.applyConfirm, 300), confirm: plain(u.apply, 30), deny: plain(messages(locale).common.cancel, 30) },
        }),
      ],
    });
  }
  return { text: u.summary(run.fileName), blocks };
}
