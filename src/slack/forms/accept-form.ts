import { z } from "zod";
import { sessionFormats } from "../../domain/types.ts";
import * as ids from "../ids.ts";
import { collectErrors, type FormReader, type FormResult, type RefusalBlocks } from "./form-result.ts";
import { storableText, unstorableKey } from "./storable-text.ts";
import { selectedDateTime, selectedValue, textValue, type ViewState } from "./view-state.ts";
import { formLimits } from "./form-limits.ts";

const httpsUrl = z
  .string()
  .max(formLimits.meetingLink, "tooLong")
  // The link is stored as typed (the URL parser would quietly percent-encode a NUL).
  .regex(storableText, unstorableKey)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "https:" && url.hostname.includes(".");
    } catch {
      return false;
    }
  }, "httpsUrl");
// Digits with the usual separators, optionally international: "0711 123456", "+49 (711) 12-34".
const phone = z.string().max(formLimits.meetingPhone, "tooLong").regex(/^\+?[0-9][0-9 ()/.-]{4,}$/, "phone");

const acceptSchema = z
  .object({
    startSeconds: z.number({ required_error: "chooseStart" }).int(),
    format: z.enum(sessionFormats, { errorMap: () => ({ message: "chooseFormat" }) }),
    meetingLink: z.union([httpsUrl, z.literal("")]),
    meetingPhone: z.union([phone, z.literal("")]),
  })
  .superRefine((form, ctx) => {
    if (form.format === "video" && !form.meetingLink) ctx.addIssue({ code: "custom", path: ["meetingLink"], message: "httpsUrl" });
    if (form.format === "phone" && !form.meetingPhone) ctx.addIssue({ code: "custom", path: ["meetingPhone"], message: "phone" });
  });

export interface AcceptForm {
  start: Date;
  format: "phone" | "video";
  meetingLink?: string;
  meetingPhone?: string;
}

const fieldBlocks = {
  startSeconds: ids.ACCEPT_START_BLOCK,
  format: ids.ACCEPT_FORMAT_BLOCK,
  meetingLink: ids.ACCEPT_LINK_BLOCK,
  meetingPhone: ids.ACCEPT_PHONE_BLOCK,
};

/** Also the new-date form's: the same blocks. */
export const acceptRefusalBlocks: RefusalBlocks = {
  start: ids.ACCEPT_START_BLOCK,
  meetingLink: ids.ACCEPT_LINK_BLOCK,
  meetingPhone: ids.ACCEPT_PHONE_BLOCK,
};

export function readAcceptForm(state: ViewState): FormResult<AcceptForm> {
  const parsed = acceptSchema.safeParse({
    startSeconds: selectedDateTime(state, ids.ACCEPT_START_BLOCK, ids.ACCEPT_START),
    format: selectedValue(state, ids.ACCEPT_FORMAT_BLOCK, ids.ACCEPT_FORMAT),
    meetingLink: textValue(state, ids.ACCEPT_LINK_BLOCK, ids.ACCEPT_LINK),
    meetingPhone: textValue(state, ids.ACCEPT_PHONE_BLOCK, ids.ACCEPT_PHONE),
  });
  if (!parsed.success) return { ok: false, errors: collectErrors(parsed.error, fieldBlocks) };
  const { startSeconds, format, meetingLink, meetingPhone } = parsed.data;
  return {
    ok: true,
    value: {
      start: new Date(startSeconds * 1000),
      format,
      ...(format === "video" ? { meetingLink } : { meetingPhone }),
    },
  };
}

export const acceptFormReader: FormReader<AcceptForm> = { read: readAcceptForm, block: ids.ACCEPT_START_BLOCK, emptyKey: "chooseStart" };
