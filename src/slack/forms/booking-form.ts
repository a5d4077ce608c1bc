import { z } from "zod";
import { sessionFormats } from "../../domain/types.ts";
import { isUuid } from "../../domain/uuid.ts";
import * as ids from "../ids.ts";
import { selectedValue, selectedValues, textValue, type ViewState } from "./view-state.ts";
import type { FormReader, FormResult, RefusalBlocks } from "./form-result.ts";
import { collectErrors } from "./form-result.ts";
import { storableText, unstorableKey } from "./storable-text.ts";
import { formLimits } from "./form-limits.ts";

const bookingSchema = z.object({
  topics: z.array(z.string().min(1).max(64).regex(storableText, unstorableKey)).min(1, "chooseTopic").max(40),
  partnerId: z.string({ required_error: "choosePartner" }).refine(isUuid, "choosePartner"),
  // Only invisible characters (zero-width spaces, joiners, BOM) is no question either.
  question: z.string().min(1, "required").max(formLimits.question, "tooLong").regex(/[^\s\u200B-\u200D\u2060\uFEFF]/u, "required").regex(storableText, unstorableKey),
  preferredFormat: z.enum(sessionFormats, { errorMap: () => ({ message: "chooseFormat" }) }),
  preferredTimes: z.string().max(formLimits.preferredTimes, "tooLong").regex(storableText, unstorableKey),
});
export type BookingForm = z.infer<typeof bookingSchema>;

const fieldBlocks: Record<keyof BookingForm, string> = {
  topics: ids.BOOKING_TOPICS_BLOCK,
  partnerId: ids.BOOKING_PARTNER_BLOCK,
  question: ids.BOOKING_QUESTION_BLOCK,
  preferredFormat: ids.BOOKING_FORMAT_BLOCK,
  preferredTimes: ids.BOOKING_TIMES_BLOCK,
};

/** A refusal no field can fix (quota used, programme over) replaces the form. */
export const bookingRefusalBlocks: RefusalBlocks = {
  topics: ids.BOOKING_TOPICS_BLOCK,
  partner: ids.BOOKING_PARTNER_BLOCK,
  format: ids.BOOKING_FORMAT_BLOCK,
  question: ids.BOOKING_QUESTION_BLOCK,
};

export function readBookingForm(state: ViewState): FormResult<BookingForm> {
  const parsed = bookingSchema.safeParse({
    topics: selectedValues(state, ids.BOOKING_TOPICS_BLOCK, ids.BOOKING_TOPICS),
    partnerId: selectedValue(state, ids.BOOKING_PARTNER_BLOCK, ids.BOOKING_PARTNER),
    question: textValue(state, ids.BOOKING_QUESTION_BLOCK, ids.BOOKING_QUESTION),
    preferredFormat: selectedValue(state, ids.BOOKING_FORMAT_BLOCK, ids.BOOKING_FORMAT),
    preferredTimes: textValue(state, ids.BOOKING_TIMES_BLOCK, ids.BOOKING_TIMES),
  });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: collectErrors(parsed.error, fieldBlocks) };
}

export const bookingFormReader: FormReader<BookingForm> = { read: readBookingForm, block: ids.BOOKING_QUESTION_BLOCK, emptyKey: "required" };
