import type { ZodError } from "zod";
import type { Remedy } from "../../domain/refusals.ts";
import type { ViewState } from "./view-state.ts";

/** Keys of the validation texts in src/i18n (validation.*); the listener translates them. */
export type ValidationKey = "required" | "tooLong" | "chooseTopic" | "choosePartner" | "chooseFormat" | "httpsUrl" | "phone" | "chooseStart" | "chooseTarget" | "unstorable" | "wholeNumber";

/**
 * A form's input blocks by what they change (src/domain/refusals.ts: `Remedy`): a refusal of the
 * domain is shown on the block that can fix it, or instead of the form when it has none.
 */
export type RefusalBlocks = Partial<Record<Remedy, string>>;

/**
 * A form as its submission reads it: the reader, and the block that speaks for the form as a whole
 * (`emptyKey` when Slack sent no readable state at all; "try again" when the use case fails).
 */
export interface FormReader<F> {
  read(state: ViewState): FormResult<F>;
  block: string;
  emptyKey: ValidationKey;
}

/** Either the typed form, or one validation key per input block (for `response_action: "errors"`). */
export type FormResult<T> =
  | { ok: true; value: T }
  | { ok: false; errors: Record<string, { key: ValidationKey; max?: number }> };

export function collectErrors<T>(error: ZodError, fieldBlocks: Record<keyof T & string, string>): Record<string, { key: ValidationKey; max?: number }> {
  const errors: Record<string, { key: ValidationKey; max?: number }> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0]) as keyof T & string;
    const block = fieldBlocks[field];
    if (!block || errors[block]) continue;
    const key = (issue.message in validationKeys ? issue.message : "required") as ValidationKey;
    errors[block] = issue.code === "too_big" ? { key: "tooLong", max: Number(issue.maximum) } : { key };
  }
  return errors;
}

const validationKeys: Record<ValidationKey, true> = {
  required: true, tooLong: true, chooseTopic: true, choosePartner: true, chooseFormat: true, httpsUrl: true, phone: true, chooseStart: true, chooseTarget: true, unstorable: true, wholeNumber: true,
};
