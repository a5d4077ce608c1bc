/**
 * What Slack sends to the app under load: signed `/sparring` commands and booking modal
 * submissions over loopback HTTP. The fake Slack (test/support/fake-slack.ts) in this process
 * records what the apps call back.
 */
import type { FakeSlack } from "../test/support/fake-slack.ts";
import { FORM, slackSignature, slashCommandBody, triggerId, viewSubmissionPayload } from "../test/support/slack-requests.ts";
import { bookingValues } from "../test/slack/flow-helpers.ts";
import * as ids from "../src/slack/ids.ts";

export const benchSigningSecret = "bench-signing-secret-0123456789";

export interface Percentiles {
  p50: number;
  p99: number;
  n: number;
}

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), n: values.length };
}

export const median = (values: number[]): number => percentiles(values).p50;

async function signedPost(url: string, body: string): Promise<{ status: number; body: string }> {
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": FORM, "x-slack-request-timestamp": String(timestamp), "x-slack-signature": slackSignature(benchSigningSecret, timestamp, body) },
    body,
  });
  return { status: response.status, body: await response.text() };
}

export interface CommandRound {
  ack: Percentiles;
  open: Percentiles;
  /** Commands whose views.open arrived, per second from the first send to the last views.open. */
  perSecond: number;
  /** Commands not acked with 200, whose views.open never arrived or came too late (`expired_trigger_id`: after Slack's 3 s). */
  failed: number;
}

/**
 * `total` /sparring commands, `concurrency` in flight (each slot sends its next command the moment
 * the previous one is acked), from contacts `contact(i)`. Ack: send → HTTP response here.
 * Command → views.open: send → the fake's record of views.open with that trigger_id.
 */
export async function commandRound(slack: FakeSlack, url: string, total: number, concurrency: number, contact: (i: number) => string): Promise<CommandRound> {
  slack.reset();
  const sentAt = new Map<string, number>();
  const ack: number[] = [];
  let failedAcks = 0;
  let next = 0;
  const first = Date.now();
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const trigger = triggerId();
      const body = slashCommandBody({ user: contact(i), triggerId: trigger, responseUrl: slack.responseUrl() });
      const start = performance.now();
      sentAt.set(trigger, Date.now());
      const response = await signedPost(url, body).catch(() => ({ status: 0, body: "" }));
      if (response.status === 200) ack.push(performance.now() - start);
      else failedAcks += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  // Only this round's trigger_ids count (a late views.open of the previous round may arrive after the reset);
  // wait for all of them, or Slack's 3 s trigger_id lifetime plus a margin.
  const opened = () => {
    const at = new Map<string, number>();
    for (const call of slack.calls("views.open")) {
      const trigger = String(call.args.trigger_id);
      const sent = sentAt.get(trigger);
      if (sent !== undefined && !at.has(trigger)) at.set(trigger, call.at);
    }
    return at;
  };
  const deadline = Date.now() + 5_000;
  while (opened().size < total && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const openedAt = opened();
  const open = [...openedAt].map(([trigger, at]) => at - sentAt.get(trigger)!);
  const expired = slack.calls("views.open").filter((c) => c.error === "expired_trigger_id" && sentAt.has(String(c.args.trigger_id))).length;
  const last = Math.max(...openedAt.values());
  return {
    ack: percentiles(ack),
    open: percentiles(open),
    perSecond: openedAt.size / ((last - first) / 1000),
    failed: failedAcks + (total - openedAt.size) + expired,
  };
}

export interface BookingForm {
  contact: string;
  partnerId: string;
  question: string;
}

let views = 0;

/**
 * One booking modal submission (each from its own modal): "sent" when the app answered with the
 * "request sent" view, "refused" with the refusal view (e.g. the quota is used up), else "error".
 */
export async function submitBooking(url: string, form: BookingForm): Promise<"sent" | "refused" | "error"> {
  const payload = viewSubmissionPayload({
    user: form.contact,
    viewId: `VBENCH${++views}`,
    callbackId: ids.BOOKING_MODAL,
    values: bookingValues({ topics: ["online-events"], partnerId: form.partnerId, question: form.question, format: "video" }),
  });
  const response = await signedPost(url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString()).catch(() => ({ status: 0, body: "" }));
  if (response.status !== 200 || !response.body) return "error";
  const answer = JSON.parse(response.body) as { view?: { callback_id?: string } };
  if (answer.view?.callback_id === ids.BOOKING_SENT_MODAL) return "sent";
  return answer.view?.callback_id === ids.REFUSAL_MODAL ? "refused" : "error";
}
