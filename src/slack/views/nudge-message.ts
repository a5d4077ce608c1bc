import type { Locale } from "../../domain/types.ts";
import { insights } from "../../i18n/insights.ts";
import * as ids from "../ids.ts";
import { button, section, type Message } from "./blocks.ts";
import { escapeMrkdwn } from "./escape.ts";

/**
 * The monthly nudge to a municipality's contact. The booking button is the same action as
 * /sparring's (it opens the booking modal); the opt-out button carries the contact's person id,
 * which the server checks against the clicker.
 */
export function nudgeMessage(input: { locale: Locale; personId: string; municipalityName: string; unitsLeft: number | null }): Message {
  const t = insights(input.locale).nudge;
  const text = input.unitsLeft === null ? t.neverBooked(input.municipalityName) : t.unitsLeft(input.municipalityName, input.unitsLeft);
  return {
    text: t.fallback,
    blocks: [
      section(`:calendar: ${escapeMrkdwn(text)}`),
      {
        type: "actions",
        elements: [
          button({ text: t.book, actionId: ids.OPEN_BOOKING, style: "primary" }),
          button({ text: t.optOut, actionId: ids.NUDGE_OPT_OUT, value: input.personId }),
        ],
      },
    ],
  };
}
