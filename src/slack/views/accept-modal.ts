import { TZDate } from "@date-fns/tz";
import type { Locale, SessionRequest, Topic } from "../../domain/types.ts";
import { sessionFormats } from "../../domain/types.ts";
import { messages } from "../../i18n/index.ts";
import * as ids from "../ids.ts";
import { limits, option, plain, requestFacts, section, type ModalView } from "./blocks.ts";
import { formLimits } from "../forms/form-limits.ts";

export interface AcceptModalInput {
  locale: Locale;
  /** Programme time zone: the proposed date is 10:00 there. */
  timezone: string;
  request: SessionRequest;
  topics: Topic[];
  now: Date;
  unitMinutes?: number;
  /** The date the picker starts at (a new date starts at the current one); default tomorrow 10:00. */
  initialStart?: Date | null;
}

/**
 * Accept form: date and time, format, link or phone. Validation (https link for video, phone
 * number for phone, date inside the programme) is the listener's, answered with `errors`.
 * private_metadata = request id.
 */
export function acceptModal(input: AcceptModalInput): ModalView {
  const t = messages(input.locale);
  const formatOptions = sessionFormats.map((format) => option(t.formats[format], format));
  const initialFormat = formatOptions.find((o) => o.value === (input.request.format ?? input.request.preferredFormat));
  return {
    type: "modal",
    callback_id: ids.ACCEPT_MODAL,
    private_metadata: input.request.id,
    title: plain(t.accept.title, limits.modalTitle),
    submit: plain(t.accept.submit, limits.modalTitle),
    close: plain(t.common.cancel, limits.modalTitle),
    blocks: [
      section(requestFacts(input.request, input.topics, input.locale)),
      {
        type: "input",
        block_id: ids.ACCEPT_START_BLOCK,
        label: plain(t.accept.startLabel, 2000),
        hint: plain(t.accept.startHint(input.unitMinutes ?? 60), 2000),
        element: {
          type: "datetimepicker",
          action_id: ids.ACCEPT_START,
          initial_date_time: Math.floor((input.initialStart ?? proposedStart(input.now, input.timezone)).getTime() / 1000),
        },
      },
      {
        type: "input",
        block_id: ids.ACCEPT_FORMAT_BLOCK,
        label: plain(t.accept.formatLabel, 2000),
        element: {
          type: "radio_buttons",
          action_id: ids.ACCEPT_FORMAT,
          options: formatOptions,
          ...(initialFormat ? { initial_option: initialFormat } : {}),
        },
      },
      {
        type: "input",
        block_id: ids.ACCEPT_LINK_BLOCK,
        optional: true,
        label: plain(t.accept.linkLabel, 2000),
        hint: plain(t.accept.linkHint, 2000),
        element: {
          type: "url_text_input",
          action_id: ids.ACCEPT_LINK,
          placeholder: plain(t.accept.linkPlaceholder, limits.placeholder),
          ...(input.request.meetingLink ? { initial_value: input.request.meetingLink } : {}),
        },
      },
      {
        type: "input",
        block_id: ids.ACCEPT_PHONE_BLOCK,
        optional: true,
        label: plain(t.accept.phoneLabel, 2000),
        hint: plain(t.accept.phoneHint, 2000),
        element: {
          type: "plain_text_input",
          action_id: ids.ACCEPT_PHONE,
          max_length: formLimits.meetingPhone,
          placeholder: plain(t.accept.phonePlaceholder, limits.placeholder),
          ...(input.request.meetingPhone ? { initial_value: input.request.meetingPhone } : {}),
        },
      },
    ],
  };
}

/** Tomorrow 10:00 in the programme's time zone: always in the future, a sensible working hour. */
export function proposedStart(now: Date, timezone: string): Date {
  const local = new TZDate(now.getTime(), timezone);
  return new Date(new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + 1, 10, 0, 0, 0, timezone).getTime());
}
