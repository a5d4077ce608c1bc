import { z } from "zod";
import * as ids from "../ids.ts";
import { collectErrors, type FormReader, type FormResult } from "./form-result.ts";
import { storableText, unstorableKey } from "./storable-text.ts";
import { textValue, type ViewState } from "./view-state.ts";
import { formLimits } from "./form-limits.ts";

const declineSchema = z.object({ reason: z.string().max(formLimits.declineReason, "tooLong").regex(storableText, unstorableKey) });

export function readDeclineForm(state: ViewState): FormResult<{ reason?: string }> {
  const parsed = declineSchema.safeParse({ reason: textValue(state, ids.DECLINE_REASON_BLOCK, ids.DECLINE_REASON) });
  if (!parsed.success) return { ok: false, errors: collectErrors(parsed.error, { reason: ids.DECLINE_REASON_BLOCK }) };
  return { ok: true, value: parsed.data.reason ? { reason: parsed.data.reason } : {} };
}

export const declineFormReader: FormReader<{ reason?: string }> = { read: readDeclineForm, block: ids.DECLINE_REASON_BLOCK, emptyKey: "required" };
