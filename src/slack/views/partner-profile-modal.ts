import type { OwnProfile } from "../../domain/ports/admin.ts";
import type { Locale, Topic } from "../../domain/types.ts";
import { messages } from "../../i18n/index.ts";
import * as ids from "../ids.ts";
import { limits, option, plain, type ModalView } from "./blocks.ts";

/** A partner's own profile and pause, prefilled; offered topics only. */
export function partnerProfileModal(input: { locale: Locale; profile: OwnProfile; topics: Topic[] }): ModalView {
  const t = messages(input.locale);
  const p = t.profile;
  const { profile } = input;
  const topicOption = (topic: Topic) => option(input.locale === "en" ? topic.labelEn : topic.labelDe, topic.key);
  const offered = input.topics.filter((topic) => !topic.retired).slice(0, limits.selectOptions);
  const chosen = offered.filter((topic) => profile.topics.includes(topic.key));
  const formats = [option(t.formats.phone, "phone"), option(t.formats.video, "video")];
  const text = (blockId: string, actionId: string, label: string, value: string, max: number, multiline = false) => ({
    type: "input" as const,
    block_id: blockId,
    optional: true,
    label: plain(label, 2000),
    element: { type: "plain_text_input" as const, action_id: actionId, initial_value: value.slice(0, max), max_length: max, ...(multiline ? { multiline } : {}) },
  });
  return {
    type: "modal",
    callback_id: ids.PARTNER_PROFILE_MODAL,
    title: plain(p.title, limits.modalTitle),
    submit: plain(p.submit, limits.modalTitle),
    close: plain(t.common.cancel, limits.modalTitle),
    blocks: [
      text(ids.ADMIN_ORGANISATION_BLOCK, ids.ADMIN_ORGANISATION, p.organisation, profile.organisation, 200),
      {
        type: "input",
        block_id: ids.ADMIN_TOPICS_BLOCK,
        label: plain(t.common.topics, 2000),
        element: { type: "multi_static_select", action_id: ids.ADMIN_TOPICS, options: offered.map(topicOption), ...(chosen.length > 0 ? { initial_options: chosen.map(topicOption) } : {}) },
      },
      {
        type: "input",
        block_id: ids.ADMIN_FORMATS_BLOCK,
        label: plain(t.common.format, 2000),
        element: { type: "checkboxes", action_id: ids.ADMIN_FORMATS, options: formats, ...(profile.formats.length > 0 ? { initial_options: formats.filter((f) => profile.formats.includes(f.value as "phone" | "video")) } : {}) },
      },
      text(ids.ADMIN_METHODS_BLOCK, ids.ADMIN_METHODS, p.methods, profile.methods.join(", "), 500),
      text(ids.ADMIN_BIO_BLOCK, ids.ADMIN_BIO, p.bio, profile.bio, 1000, true),
      {
        type: "input",
        block_id: ids.PROFILE_PAUSED_BLOCK,
        optional: true,
        label: plain(p.pausedUntil, 2000),
        hint: plain(p.pausedHint, 2000),
        element: { type: "datepicker", action_id: ids.PROFILE_PAUSED, ...(profile.pausedUntil ? { initial_date: profile.pausedUntil } : {}) },
      },
    ],
  };
}
