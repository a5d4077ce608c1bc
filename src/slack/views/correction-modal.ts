import type { Locale, SessionRequest, Topic } from "../../domain/types.ts";
import { messages } from "../../i18n/index.ts";
import * as ids from "../ids.ts";
import { button, limits, meetingFacts, option, plain, requestFacts, section, type ModalView, type PlainTextOption } from "./blocks.ts";
import { escapeMrkdwn, foldForSearch } from "./escape.ts";
import { formLimits } from "../forms/form-limits.ts";

export const correctionActions = ["cancel", "mark_held", "mark_not_held", "move"] as const;
export type CorrectionAction = (typeof correctionActions)[number];

/**
 * A lead's correction of one request: cancel, held / not held after the fact, or a move to another
 * municipality or partner, always with a reason. The request's facts are shown on top (not its
 * question: the lead does not need it to correct the accounting). private_metadata = request id.
 */
export function correctionModal(input: { locale: Locale; timezone: string; request: SessionRequest; topics: Topic[] }): ModalView {
  const t = messages(input.locale);
  const c = t.correction;
  const { request } = input;
  const search = (blockId: string, actionId: string, label: string) => ({
    type: "input" as const,
    block_id: blockId,
    optional: true,
    label: plain(label, 2000),
    hint: plain(c.moveHint, 2000),
    element: { type: "external_select" as const, action_id: actionId, min_query_length: 0, placeholder: plain(c.searchPlaceholder, limits.placeholder) },
  });
  return {
    type: "modal",
    callback_id: ids.CORRECTION_MODAL,
    private_metadata: request.id,
    title: plain(c.title, limits.modalTitle),
    submit: plain(c.submit, limits.modalTitle),
    close: plain(t.common.cancel, limits.modalTitle),
    blocks: [
      section(
        `*${escapeMrkdwn(request.municipalityName)}* → *${escapeMrkdwn(request.partnerName)}* · ${t.states[request.state]}\n` +
          `${requestFacts({ ...request, question: null }, input.topics, input.locale)}\n${meetingFacts(request, input.locale, input.timezone)}`,
      ),
      { type: "actions", elements: [button({ text: t.history.button, actionId: ids.CORRECTION_HISTORY, value: request.id })] },
      {
        type: "input",
        block_id: ids.CORRECTION_ACTION_BLOCK,
        label: plain(c.actionLabel, 2000),
        element: {
          type: "radio_buttons",
          action_id: ids.CORRECTION_ACTION,
          options: correctionActions.map((a) => option(c.actions[a], a)),
        },
      },
      search(ids.CORRECTION_MUNICIPALITY_BLOCK, ids.CORRECTION_MUNICIPALITY, c.municipalityLabel),
      search(ids.CORRECTION_PARTNER_BLOCK, ids.CORRECTION_PARTNER, c.partnerLabel),
      {
        type: "input",
        block_id: ids.CORRECTION_REASON_BLOCK,
        label: plain(c.reasonLabel, 2000),
        hint: plain(c.reasonHint, 2000),
        element: { type: "plain_text_input", action_id: ids.CORRECTION_REASON, multiline: true, max_length: formLimits.correctionReason },
      },
    ],
  };
}

/** Options for the search fields: names containing the query (case- and accent-insensitive), at most 100. */
export function searchOptions<T>(items: readonly T[], query: string, text: (item: T) => string, value: (item: T) => string): { options: PlainTextOption[] } {
  const needle = foldForSearch(query);
  const matching = needle ? items.filter((item) => foldForSearch(text(item)).includes(needle)) : items;
  return { options: matching.slice(0, limits.selectOptions).map((item) => option(text(item), value(item))) };
}
