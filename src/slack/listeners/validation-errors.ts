import type { Locale } from "../../domain/types.ts";
import { messages } from "../../i18n/index.ts";
import type { ValidationKey } from "../forms/form-result.ts";

/** Form errors by input block, in the user's language, for `response_action: "errors"`. */
export function translateErrors(errors: Record<string, { key: ValidationKey; max?: number }>, locale: Locale): Record<string, string> {
  const v = messages(locale).validation;
  return Object.fromEntries(
    Object.entries(errors).map(([block, { key, max }]) => [block, key === "tooLong" ? v.tooLong(max ?? 0) : v[key]]),
  );
}
