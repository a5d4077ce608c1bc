import { describe, expect, it } from "vitest";
import { partnerCancelModal } from "../../../src/slack/views/reschedule-modal.ts";
import { readPartnerCancelForm } from "../../../src/slack/forms/partner-cancel-form.ts";
import { readAcceptForm } from "../../../src/slack/forms/accept-form.ts";
import { readBookingForm } from "../../../src/slack/forms/booking-form.ts";
import { readCorrectionForm } from "../../../src/slack/forms/correction-form.ts";
import { readDeclineForm } from "../../../src/slack/forms/decline-form.ts";
import { readFeedbackForm } from "../../../src/slack/forms/feedback-form.ts";
import { formLimits } from "../../../src/slack/forms/form-limits.ts";
import type { FormResult } from "../../../src/slack/forms/form-result.ts";
import type { ViewState } from "../../../src/slack/forms/view-state.ts";
import * as ids from "../../../src/slack/ids.ts";
import { acceptModal } from "../../../src/slack/views/accept-modal.ts";
import { bookingModal } from "../../../src/slack/views/booking-modal.ts";
import { correctionModal } from "../../../src/slack/views/correction-modal.ts";
import { declineModal } from "../../../src/slack/views/decline-modal.ts";
import { feedbackModal } from "../../../src/slack/views/feedback-views.ts";
import { makePartners, makeQuota, makeRequest, makeTopics, NOW, TZ } from "../views/fixtures.ts";

type Json = Record<string, any>;

const bookingInput = { locale: "de" as const, topics: makeTopics(3), selectedTopics: ["online"], partners: makePartners(3), quota: makeQuota(), privateMetadata: "{}" };
const partnerId = "00000000-0000-4000-8000-000000000001";
const text = (value: string) => ({ type: "plain_text_input", value });
const selected = (value: string) => ({ type: "static_select", selected_option: { value } });

/** Each typed field: the modal that shows it, the reader that checks it, and the rest of a valid form. */
const fields: Array<{
  name: keyof typeof formLimits & string;
  view: () => unknown;
  block: string;
  action: string;
  read: (state: ViewState) => FormResult<unknown>;
  /** The other fields, valid; `fill` makes the field's value of a given length valid in kind (digits for a phone). */
  rest: ViewState;
  fill?: (length: number) => string;
}> = [
  {
    name: "question", view: () => bookingModal(bookingInput), block: ids.BOOKING_QUESTION_BLOCK, action: ids.BOOKING_QUESTION, read: readBookingForm,
    rest: {
      [ids.BOOKING_TOPICS_BLOCK]: { [ids.BOOKING_TOPICS]: { type: "multi_static_select", selected_options: [{ value: "online" }] } },
      [ids.BOOKING_PARTNER_BLOCK]: { [ids.BOOKING_PARTNER]: selected(partnerId) },
      [ids.BOOKING_FORMAT_BLOCK]: { [ids.BOOKING_FORMAT]: selected("video") },
    },
  },
  {
    name: "preferredTimes", view: () => bookingModal(bookingInput), block: ids.BOOKING_TIMES_BLOCK, action: ids.BOOKING_TIMES, read: readBookingForm,
    rest: {
      [ids.BOOKING_TOPICS_BLOCK]: { [ids.BOOKING_TOPICS]: { type: "multi_static_select", selected_options: [{ value: "online" }] } },
      [ids.BOOKING_PARTNER_BLOCK]: { [ids.BOOKING_PARTNER]: selected(partnerId) },
      [ids.BOOKING_QUESTION_BLOCK]: { [ids.BOOKING_QUESTION]: text("Wie gehen wir vor?") },
      [ids.BOOKING_FORMAT_BLOCK]: { [ids.BOOKING_FORMAT]: selected("video") },
    },
  },
  {
    name: "declineReason", view: () => declineModal({ locale: "de", request: makeRequest(), topics: makeTopics(3) }),
    block: ids.DECLINE_REASON_BLOCK, action: ids.DECLINE_REASON, read: readDeclineForm, rest: {},
  },
  {
    name: "correctionReason", view: () => correctionModal({ locale: "de", timezone: TZ, request: makeRequest(), topics: makeTopics(3) }),
    block: ids.CORRECTION_REASON_BLOCK, action: ids.CORRECTION_REASON, read: readCorrectionForm,
    rest: { [ids.CORRECTION_ACTION_BLOCK]: { [ids.CORRECTION_ACTION]: selected("cancel") } },
  },
  {
    name: "cancelReason", view: () => partnerCancelModal({ locale: "de", timezone: TZ, request: makeRequest({ state: "scheduled", scheduledStart: NOW }) }),
    block: ids.PARTNER_CANCEL_REASON_BLOCK, action: ids.PARTNER_CANCEL_REASON, read: readPartnerCancelForm, rest: {},
  },
  {
    name: "meetingPhone", view: () => acceptModal({ locale: "de", timezone: TZ, request: makeRequest(), topics: makeTopics(3), now: NOW }),
    block: ids.ACCEPT_PHONE_BLOCK, action: ids.ACCEPT_PHONE, read: readAcceptForm,
    rest: {
      [ids.ACCEPT_START_BLOCK]: { [ids.ACCEPT_START]: { type: "datetimepicker", selected_date_time: 1_800_000_000 } },
      [ids.ACCEPT_FORMAT_BLOCK]: { [ids.ACCEPT_FORMAT]: selected("phone") },
    },
    fill: (length) => `+${"4".repeat(length - 1)}`,
  },
  {
    name: "feedbackComment", view: () => feedbackModal({ locale: "de", requestId: makeRequest().id, existing: null }),
    block: ids.FEEDBACK_COMMENT_BLOCK, action: ids.FEEDBACK_COMMENT, read: readFeedbackForm,
    rest: {
      [ids.FEEDBACK_USEFULNESS_BLOCK]: { [ids.FEEDBACK_USEFULNESS]: selected("5") },
      [ids.FEEDBACK_RECOMMEND_BLOCK]: { [ids.FEEDBACK_RECOMMEND]: selected("yes") },
    },
  },
];

function elementOf(view: unknown, action: string): Json | undefined {
  return (view as Json).blocks.map((b: Json) => b.element).find((e: Json | undefined) => e?.action_id === action);
}

describe("form limits: the modal and the server agree", () => {
  for (const field of fields) {
    it(`${field.name}: the modal stops at ${formLimits[field.name]}, the form takes exactly that many and refuses one more`, () => {
      const limit = formLimits[field.name];
      expect(elementOf(field.view(), field.action)?.max_length).toBe(limit);
      const fill = field.fill ?? ((length: number) => "x".repeat(length));
      const state = (value: string): ViewState => ({ ...field.rest, [field.block]: { [field.action]: text(value) } });
      expect(field.read(state(fill(limit)))).toMatchObject({ ok: true });
      expect(field.read(state(fill(limit + 1)))).toEqual({ ok: false, errors: { [field.block]: { key: "tooLong", max: limit } } });
    });
  }

  it("the meeting link has no max_length in the modal (url_text_input has none) and the server stops it", () => {
    const view = acceptModal({ locale: "de", timezone: TZ, request: makeRequest(), topics: makeTopics(3), now: NOW });
    expect(elementOf(view, ids.ACCEPT_LINK)).toMatchObject({ type: "url_text_input" });
    const link = (length: number) => `https://meet.example/${"a".repeat(length - "https://meet.example/".length)}`;
    const state = (value: string): ViewState => ({
      [ids.ACCEPT_START_BLOCK]: { [ids.ACCEPT_START]: { type: "datetimepicker", selected_date_time: 1_800_000_000 } },
      [ids.ACCEPT_FORMAT_BLOCK]: { [ids.ACCEPT_FORMAT]: selected("video") },
      [ids.ACCEPT_LINK_BLOCK]: { [ids.ACCEPT_LINK]: { type: "url_text_input", value } },
    });
    expect(readAcceptForm(state(link(formLimits.meetingLink)))).toMatchObject({ ok: true });
    expect(readAcceptForm(state(link(formLimits.meetingLink + 1)))).toEqual({ ok: false, errors: { [ids.ACCEPT_LINK_BLOCK]: { key: "tooLong", max: formLimits.meetingLink } } });
  });
});
