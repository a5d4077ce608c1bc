import { z } from "zod";
import * as ids from "../ids.ts";
import { formLimits } from "./form-limits.ts";
import { collectErrors, type FormReader, type FormResult } from "./form-result.ts";
import { storableText, unstorableKey } from "./storable-text.ts";
import { textValue, type ViewState } from "./view-state.ts";

// The requester is told why: a partner's cancel needs a reason.
const schema = z.object({
  reason: z.string().trim().min(1, "required").max(formLimits.cancelReason, "tooLong").regex(storableText, unstorableKey),
});

export function readPartnerCancelForm(state: ViewState): FormResult<{ reason: string }> {
  const parsed = schema.safeParse({ reason: textValue(state, ids.PARTNER_CANCEL_REASON_BLOCK, ids.PARTNER_CANCEL_REASON) });
  if (!parsed.success) return { ok: false, errors: collectErrors(parsed.error, { reason: ids.PARTNER_CANCEL_REASON_BLOCK }) };
  return { ok: true, value: parsed.data };
}

export const partnerCancelFormReader: FormReader<{ reason: string }> = { read: readPartnerCancelForm, block: ids.PARTNER_CANCEL_REASON_BLOCK, emptyKey: "required" };
