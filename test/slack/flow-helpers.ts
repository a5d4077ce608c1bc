import type { RecordedCall } from "../support/fake-slack.ts";
import { input, slackRequests, type SlackRequests } from "../support/slack-requests.ts";
import { signingSecret, startApp, type RunningApp, type StartOptions } from "../support/start-app.ts";
import * as ids from "../../src/slack/ids.ts";

export interface Flow extends RunningApp {
  slackApi: SlackRequests;
  /** Person id of a partner by Slack id. */
  personId(slackId: string): Promise<string>;
  /** Submits the booking modal as `user` and returns the HTTP answer's JSON (or null for an empty ack). */
  book(user: string, form: BookingFormValues, viewId?: string): Promise<{ status: number; json: any }>;
  /** Presses a button in the DM `call` (a chat.postMessage the app sent). */
  press(user: string, call: RecordedCall, actionId: string): Promise<number>;
}

export interface BookingFormValues {
  topics: string[];
  partnerId: string | null;
  question: string;
  format?: "phone" | "video" | null;
  times?: string;
}

export function bookingValues(form: BookingFormValues) {
  return {
    [ids.BOOKING_TOPICS_BLOCK]: { [ids.BOOKING_TOPICS]: input.multiStaticSelect(form.topics) },
    [ids.BOOKING_PARTNER_BLOCK]: { [ids.BOOKING_PARTNER]: input.staticSelect(form.partnerId) },
    [ids.BOOKING_QUESTION_BLOCK]: { [ids.BOOKING_QUESTION]: input.text(form.question) },
    [ids.BOOKING_FORMAT_BLOCK]: { [ids.BOOKING_FORMAT]: input.radio(form.format === undefined ? "video" : form.format) },
    [ids.BOOKING_TIMES_BLOCK]: { [ids.BOOKING_TIMES]: input.text(form.times ?? "") },
  };
}

let viewSequence = 0;

export async function startFlow(options: StartOptions = {}): Promise<Flow> {
  const running = await startApp(options);
  const slackApi = slackRequests({ url: running.url, signingSecret, responseUrl: () => running.slack.responseUrl() });
  return {
    ...running,
    slackApi,
    async personId(slackId) {
      const person = await running.db.prisma.person.findUniqueOrThrow({ where: { slackId } });
      return person.id;
    },
    async book(user, form, viewId = `VBOOK${++viewSequence}`) {
      const response = await slackApi.viewSubmission({ user, callbackId: ids.BOOKING_MODAL, values: bookingValues(form), viewId });
      return { status: response.status, json: response.body ? JSON.parse(response.body) : null };
    },
    async press(user, call, actionId) {
      const blocks = (call.args.blocks ?? []) as Array<{ type: string; elements?: Array<{ action_id?: string; value?: string }> }>;
      const button = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId);
      if (!button) throw new Error(`no ${actionId} button in the message`);
      const response = await slackApi.blockAction({
        user,
        actionId,
        ...(button.value ? { value: button.value } : {}),
        message: { ts: String(call.args.ts ?? "1700000000.000100"), blocks },
        channelId: String(call.args.channel),
        responseUrl: running.slack.responseUrl(),
      });
      return response.status;
    },
  };
}
