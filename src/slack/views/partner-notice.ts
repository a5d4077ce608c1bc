import { messages } from "../../i18n/index.ts";
import * as ids from "../ids.ts";
import { button, section, type Message } from "./blocks.ts";
import { dayBeforeReminder } from "./reschedule-notices.ts";
import { escapeMrkdwn } from "./escape.ts";
import type { RequestViewModel } from "./request-message.ts";
import { fallback, when } from "./requester-notice.ts";

/** To the partner, the working day before (the date as a Slack token: "tomorrow" only when true). */
export function partnerReminderNotice(vm: RequestViewModel): Message {
  return dayBeforeReminder(vm, "partner");
}

/**
 * To the partner after the date: did it take place? Yes/No buttons while the request is
 * scheduled; once answered (held, cancelled) the decided version without buttons.
 */
export function heldQuestionMessage(vm: RequestViewModel): Message {
  if (vm.request.state !== "scheduled") return heldAnsweredMessage(vm);
  const t = messages(vm.locale);
  const { request } = vm;
  return {
    text: fallback(t.notice.heldQuestionFallback(request.municipalityName)),
    blocks: [
      section(`:question: ${escapeMrkdwn(t.notice.heldQuestionText(request.municipalityName, request.requesterName, when(vm)))}`),
      {
        type: "actions",
        elements: [
          button({ text: t.notice.heldYes, actionId: ids.MARK_HELD, value: request.id, style: "primary" }),
          button({ text: t.notice.heldNo, actionId: ids.MARK_NOT_HELD, value: request.id }),
        ],
      },
    ],
  };
}

/** The held question after the answer (chat.update). */
export function heldAnsweredMessage(vm: RequestViewModel): Message {
  const t = messages(vm.locale);
  const date = when(vm);
  const text = vm.request.state === "held" ? t.notice.heldAnsweredYes(date) : t.notice.heldAnsweredNo(date);
  const icon = vm.request.state === "held" ? ":white_check_mark:" : ":x:";
  return { text: fallback(text), blocks: [section(`${icon} ${text}`)] };
}
