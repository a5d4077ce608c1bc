import { z } from "zod";
import * as ids from "../ids.ts";
import { correctionActions } from "../views/correction-modal.ts";
import { collectErrors, type FormReader, type FormResult, type RefusalBlocks } from "./form-result.ts";
import { selectedValue, textValue, type ViewState } from "./view-state.ts";
import { storableText, unstorableKey } from "./storable-text.ts";
import { isUuid } from "../../domain/uuid.ts";
import { formLimits } from "./form-limits.ts";

const correctionSchema = z
  .object({
    action: z.enum(correctionActions, { errorMap: () => ({ message: "required" }) }),
    municipalityKey: z.string().min(1).max(150).regex(storableText, unstorableKey).optional(),
    partnerId: z.string().refine(isUuid, "choosePartner").optional(),
    reason: z.string().min(1, "required").max(formLimits.correctionReason, "tooLong").regex(storableText, unstorableKey),
  })
  .superRefine((form, ctx) => {
    if (form.action === "move" && !form.municipalityKey && !form.partnerId) {
      ctx.addIssue({ code: "custom", path: ["municipalityKey"], message: "chooseTarget" });
    }
  });
export type CorrectionForm = z.infer<typeof correctionSchema>;

const fieldBlocks = {
  action: ids.CORRECTION_ACTION_BLOCK,
  municipalityKey: ids.CORRECTION_MUNICIPALITY_BLOCK,
  partnerId: ids.CORRECTION_PARTNER_BLOCK,
  reason: ids.CORRECTION_REASON_BLOCK,
};

/** Another municipality for a used-up quota, another partner, another action for a state. */
export const correctionRefusalBlocks: RefusalBlocks = {
  municipality: ids.CORRECTION_MUNICIPALITY_BLOCK,
  partner: ids.CORRECTION_PARTNER_BLOCK,
  action: ids.CORRECTION_ACTION_BLOCK,
  reason: ids.CORRECTION_REASON_BLOCK,
};

export function readCorrectionForm(state: ViewState): FormResult<CorrectionForm> {
  const parsed = correctionSchema.safeParse({
    action: selectedValue(state, ids.CORRECTION_ACTION_BLOCK, ids.CORRECTION_ACTION),
    municipalityKey: selectedValue(state, ids.CORRECTION_MUNICIPALITY_BLOCK, ids.CORRECTION_MUNICIPALITY),
    partnerId: selectedValue(state, ids.CORRECTION_PARTNER_BLOCK, ids.CORRECTION_PARTNER),
    reason: textValue(state, ids.CORRECTION_REASON_BLOCK, ids.CORRECTION_REASON),
  });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: collectErrors(parsed.error, fieldBlocks) };
}

export const correctionFormReader: FormReader<CorrectionForm> = { read: readCorrectionForm, block: ids.CORRECTION_REASON_BLOCK, emptyKey: "required" };
