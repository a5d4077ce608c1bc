import type { Refusal } from "../domain/refusals.ts";
import type { Locale } from "../domain/types.ts";
import { formatCalendarDay } from "./format.ts";
import { labelIn, messages } from "./messages.ts";

/**
 * A refusal in the user's words, with the numbers. The switch is exhaustive: a new code in
 * src/domain/refusals.ts fails to compile here until it has a text.
 */
export function describeRefusal(refusal: Refusal, locale: Locale): string {
  const r = messages(locale).refusals;
  const m = messages(locale);
  switch (refusal.code) {
    case "unknown_person":
    case "not_a_contact":
    case "partner_unknown":
    case "no_topic":
    case "request_not_found":
    case "start_in_past":
    case "session_not_started":
    case "session_already_started":
    case "too_late_to_change":
    case "proposal_not_current":
    case "municipality_unknown":
      return r[refusal.code];
    case "forbidden":
      return r.forbidden(m.actions[refusal.action]);
    case "municipality_inactive":
      return r.municipality_inactive(refusal.municipality);
    case "not_eligible":
      return r.not_eligible(refusal.municipality, refusal.cohort);
    case "kind_not_eligible":
      return r.kind_not_eligible(
        refusal.municipality, m.kindsPlural[refusal.kind], refusal.cohort, listOf(refusal.admitted.map((k) => m.kindsPlural[k]), locale),
      );
    case "format_not_offered":
      return r.format_not_offered(refusal.partner, formatName(m.formats[refusal.format], locale), listOf(refusal.offered.map((f) => formatName(m.formats[f], locale)), locale));
    case "programme_not_started":
      return r.programme_not_started(formatCalendarDay(refusal.start, locale));
    case "programme_ended":
      return r.programme_ended(formatCalendarDay(refusal.end, locale));
    case "partner_inactive":
      return r.partner_inactive(refusal.partner);
    case "topic_unknown":
      return r.topic_unknown(refusal.topic);
    case "topic_retired":
      return r.topic_retired(labelIn(refusal.topic, locale));
    case "topic_not_offered":
      return r.topic_not_offered(labelIn(refusal.topic, locale));
    case "units_invalid":
      return r.units_invalid(refusal.max);
    case "quota_exhausted":
      return r.quota_exhausted(refusal.used, refusal.limit);
    case "assigned_quota_exhausted":
      return r.assigned_quota_exhausted(refusal.used, refusal.limit);
    case "illegal_transition":
      return r.illegal_transition(m.statesInSentence[refusal.from], m.actionsPassive[refusal.action]);
    case "start_outside_period":
      return r.start_outside_period(formatCalendarDay(refusal.start, locale), formatCalendarDay(refusal.end, locale));
    case "meeting_details_missing":
      return r.meeting_details_missing(refusal.format);
    case "invalid_input":
      return r.invalid_input(m.fields[refusal.field] ?? refusal.field);
    default:
      return unreachable(refusal);
  }
}

/** "Kommunen und Landkreise" / "phone or video": the last two joined with a word. */
function listOf(items: string[], locale: Locale, word = locale === "de" ? "und" : "and"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${word} ${items[items.length - 1]}`;
}

/** Formats inside a sentence: "per Telefon" / "by phone" (English lower case). */
function formatName(label: string, locale: Locale): string {
  return locale === "en" ? label.toLocaleLowerCase("en") : label;
}

function unreachable(value: never): never {
  throw new Error(`Unhandled refusal: ${JSON.stringify(value)}`);
}
