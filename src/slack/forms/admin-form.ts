import { z } from "zod";
import type { AdminChange } from "../../domain/admin-change.ts";
import { weekdays } from "../../directory/directory-schema.ts";
import * as ids from "../ids.ts";
import { collectErrors, type FormResult } from "./form-result.ts";
import { selectedValue, selectedValues, textValue, type ViewState } from "./view-state.ts";
import { storableText, unstorableKey } from "./storable-text.ts";

export const adminForms = ["add_contact", "deactivate_contact", "assignment", "add_partner", "partner_status", "add_topic", "retire_topic", "settings"] as const;
export type AdminFormKind = (typeof adminForms)[number];

/** Slack's own pickers answer these; anything else in a payload is forged or broken. */
const slackUser = z.string().regex(/^[UW][A-Z0-9]{2,}$/, "required");
const channel = z.string().regex(/^[CG][A-Z0-9]{2,}$/, "required");
const words = (max: number) => z.string().min(1, "required").max(max, "tooLong").regex(storableText, unstorableKey);
const optionalWords = (max: number) => z.string().max(max, "tooLong").regex(storableText, unstorableKey);
const key = z.string().min(1, "required").max(150).regex(storableText, unstorableKey);

const fieldBlocks = {
  slackId: ids.ADMIN_USER_BLOCK,
  partnerSlackId: ids.ADMIN_USER_BLOCK,
  name: ids.ADMIN_NAME_BLOCK,
  municipalityKey: ids.ADMIN_MUNICIPALITY_BLOCK,
  mode: ids.ADMIN_MODE_BLOCK,
  topics: ids.ADMIN_TOPICS_BLOCK,
  formats: ids.ADMIN_FORMATS_BLOCK,
  organisation: ids.ADMIN_ORGANISATION_BLOCK,
  methods: ids.ADMIN_METHODS_BLOCK,
  bio: ids.ADMIN_BIO_BLOCK,
  key: ids.ADMIN_KEY_BLOCK,
  de: ids.ADMIN_LABEL_DE_BLOCK,
  en: ids.ADMIN_LABEL_EN_BLOCK,
  topicKey: ids.ADMIN_TOPIC_BLOCK,
  digestChannel: ids.ADMIN_CHANNEL_BLOCK,
  digestWeekday: ids.ADMIN_WEEKDAY_BLOCK,
  digestTime: ids.ADMIN_TIME_BLOCK,
  beforeMinutes: ids.ADMIN_BEFORE_MINUTES_BLOCK,
  unansweredDays: ids.ADMIN_UNANSWERED_DAYS_BLOCK,
  expiryWarningDays: ids.ADMIN_EXPIRY_WARNING_DAYS_BLOCK,
};
/** A reminder setting: empty keeps the current value; otherwise a whole number (the import's rule: at least 1). */
const setting = z.string().regex(/^[1-9]\d{0,3}$/, "wholeNumber").transform(Number).optional();

const schemas = {
  add_contact: z.object({ slackId: slackUser, name: words(200), municipalityKey: key }),
  deactivate_contact: z.object({ slackId: slackUser }),
  assignment: z.object({ partnerSlackId: slackUser, municipalityKey: key, mode: z.enum(["assign", "unassign"], { errorMap: () => ({ message: "required" }) }) }),
  add_partner: z.object({
    slackId: slackUser,
    name: words(200),
    organisation: optionalWords(200),
    topics: z.array(key).min(1, "chooseTopic"),
    formats: z.array(z.enum(["phone", "video"])).min(1, "chooseFormat"),
    methods: optionalWords(500),
    bio: optionalWords(1000),
  }),
  partner_status: z.object({ slackId: slackUser, mode: z.enum(["pause", "resume"], { errorMap: () => ({ message: "required" }) }) }),
  add_topic: z.object({ key: words(60), de: words(200), en: words(200) }),
  retire_topic: z.object({ topicKey: key }),
  settings: z.object({
    digestChannel: channel.optional(),
    digestWeekday: z.enum(weekdays, { errorMap: () => ({ message: "required" }) }),
    digestTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "required"),
    beforeMinutes: setting,
    unansweredDays: setting,
    expiryWarningDays: setting,
  }),
};

function picked(state: ViewState, block: string, action: string, field: "selected_user" | "selected_channel" | "selected_time"): string | undefined {
  const value = (state[block]?.[action] as Record<string, unknown> | undefined)?.[field];
  return typeof value === "string" ? value : undefined;
}

/** The submitted form as the change it asks for, or one validation key per field. */
export function readAdminForm(kind: AdminFormKind, state: ViewState): FormResult<AdminChange> {
  const raw = {
    slackId: picked(state, ids.ADMIN_USER_BLOCK, ids.ADMIN_USER, "selected_user"),
    partnerSlackId: picked(state, ids.ADMIN_USER_BLOCK, ids.ADMIN_USER, "selected_user"),
    name: textValue(state, ids.ADMIN_NAME_BLOCK, ids.ADMIN_NAME),
    municipalityKey: selectedValue(state, ids.ADMIN_MUNICIPALITY_BLOCK, ids.ADMIN_MUNICIPALITY),
    mode: selectedValue(state, ids.ADMIN_MODE_BLOCK, ids.ADMIN_MODE),
    topics: selectedValues(state, ids.ADMIN_TOPICS_BLOCK, ids.ADMIN_TOPICS),
    formats: selectedValues(state, ids.ADMIN_FORMATS_BLOCK, ids.ADMIN_FORMATS),
    organisation: textValue(state, ids.ADMIN_ORGANISATION_BLOCK, ids.ADMIN_ORGANISATION),
    methods: textValue(state, ids.ADMIN_METHODS_BLOCK, ids.ADMIN_METHODS),
    bio: textValue(state, ids.ADMIN_BIO_BLOCK, ids.ADMIN_BIO),
    key: textValue(state, ids.ADMIN_KEY_BLOCK, ids.ADMIN_KEY),
    de: textValue(state, ids.ADMIN_LABEL_DE_BLOCK, ids.ADMIN_LABEL_DE),
    en: textValue(state, ids.ADMIN_LABEL_EN_BLOCK, ids.ADMIN_LABEL_EN),
    topicKey: selectedValue(state, ids.ADMIN_TOPIC_BLOCK, ids.ADMIN_TOPIC),
    digestChannel: picked(state, ids.ADMIN_CHANNEL_BLOCK, ids.ADMIN_CHANNEL, "selected_channel"),
    digestWeekday: selectedValue(state, ids.ADMIN_WEEKDAY_BLOCK, ids.ADMIN_WEEKDAY),
    digestTime: picked(state, ids.ADMIN_TIME_BLOCK, ids.ADMIN_TIME, "selected_time"),
    beforeMinutes: textValue(state, ids.ADMIN_BEFORE_MINUTES_BLOCK, ids.ADMIN_BEFORE_MINUTES) || undefined,
    unansweredDays: textValue(state, ids.ADMIN_UNANSWERED_DAYS_BLOCK, ids.ADMIN_UNANSWERED_DAYS) || undefined,
    expiryWarningDays: textValue(state, ids.ADMIN_EXPIRY_WARNING_DAYS_BLOCK, ids.ADMIN_EXPIRY_WARNING_DAYS) || undefined,
  };
  const fail = (error: z.ZodError) => ({ ok: false as const, errors: collectErrors(error, fieldBlocks) });
  switch (kind) {
    case "add_contact": {
      const p = schemas.add_contact.safeParse(raw);
      return p.success ? { ok: true, value: { kind, ...p.data } } : fail(p.error);
    }
    case "deactivate_contact": {
      const p = schemas.deactivate_contact.safeParse(raw);
      return p.success ? { ok: true, value: { kind, slackId: p.data.slackId } } : fail(p.error);
    }
    case "assignment": {
      const p = schemas.assignment.safeParse(raw);
      if (!p.success) return fail(p.error);
      const { partnerSlackId, municipalityKey, mode } = p.data;
      return { ok: true, value: { kind: mode === "assign" ? "assign_partner" : "unassign_partner", partnerSlackId, municipalityKey } };
    }
    case "add_partner": {
      const p = schemas.add_partner.safeParse(raw);
      if (!p.success) return fail(p.error);
      const methods = p.data.methods.split(",").map((m) => m.trim()).filter(Boolean);
      return { ok: true, value: { kind, ...p.data, methods } };
    }
    case "partner_status": {
      const p = schemas.partner_status.safeParse(raw);
      return p.success ? { ok: true, value: { kind: p.data.mode === "pause" ? "pause_partner" : "resume_partner", slackId: p.data.slackId } } : fail(p.error);
    }
    case "add_topic": {
      const p = schemas.add_topic.safeParse(raw);
      return p.success ? { ok: true, value: { kind, ...p.data } } : fail(p.error);
    }
    case "retire_topic": {
      const p = schemas.retire_topic.safeParse(raw);
      return p.success ? { ok: true, value: { kind, key: p.data.topicKey } } : fail(p.error);
    }
    case "settings": {
      const p = schemas.settings.safeParse(raw);
      if (!p.success) return fail(p.error);
      const { beforeMinutes, unansweredDays, expiryWarningDays } = p.data;
      const reminders = {
        ...(beforeMinutes !== undefined ? { before_minutes: beforeMinutes } : {}),
        ...(unansweredDays !== undefined ? { partner_unanswered_working_days: unansweredDays } : {}),
        ...(expiryWarningDays !== undefined ? { expiry_warning_working_days: expiryWarningDays } : {}),
      };
      return { ok: true, value: { kind: "programme_settings", digestChannel: p.data.digestChannel ?? null, digestWeekday: p.data.digestWeekday, digestTime: p.data.digestTime, reminders } };
    }
  }
}
