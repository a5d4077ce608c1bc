import { messages } from "../../i18n/index.ts";
import * as ids from "../ids.ts";
import { button, section, type Message } from "./blocks.ts";
import { dayBeforeReminder } from "./reschedule-notices.ts";
import { escapeMrkdwn } from "./escape.ts";
import type { RequestViewModel } from "./request-message.ts";
import { fallback, when, whenPlain } from "./requester-notice.ts";

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
      section(`:question: ${t.notice.heldQuestionText(escapeMrkdwn(request.municipalityName), escapeMrkdwn(request.requesterName), when(vm, { pretty: false }))}`),
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
  const answered = vm.request.state === "held" ? t.notice.heldAnsweredYes : t.notice.heldAnsweredNo;
  const icon = vm.request.state === "held" ? ":white_check_mark:" : ":x:";
  return { text: fallback(answered(whenPlain(vm))), blocks: [section(`${icon} ${answered(when(vm, { pretty: false }))}`)] };
}
