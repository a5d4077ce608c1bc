/**
 * App instances for the fault and scale-out tests: test/support/start-app.ts on a given
 * PostgreSQL URL (several instances share one database), with helpers to book and accept.
 */
import * as ids from "../../src/slack/ids.ts";
import { acceptValues, bookingValues, type AcceptFormValues, type BookingFormValues } from "../slack/flow-helpers.ts";
import type { FakeSlack, RecordedCall } from "../support/fake-slack.ts";
import { slackRequests, type SlackRequests } from "../support/slack-requests.ts";
import { signingSecret, startApp, type RunningApp, type StartOptions } from "../support/start-app.ts";

export interface Instance extends RunningApp {
  api: SlackRequests;
  book(user: string, form: BookingFormValues, viewId?: string): Promise<{ status: number; json: any; ms: number }>;
  accept(user: string, requestId: string, form: AcceptFormValues): Promise<{ status: number; json: any }>;
}

export type InstanceOptions = StartOptions & { slack: FakeSlack; databaseUrl: string };

let viewSequence = 0;

export async function startInstance(options: InstanceOptions): Promise<Instance> {
  const running = await startApp(options);
  const api = slackRequests({ url: running.url, signingSecret, responseUrl: () => options.slack.responseUrl() });
  const parse = (response: { status: number; body: string }) => ({ status: response.status, json: response.body ? JSON.parse(response.body) : null });
  let stopped = false;
  return {
    ...running,
    api,
    async book(user, form, viewId = `VFAULT${++viewSequence}`) {
      const started = Date.now();
      const answer = parse(await api.viewSubmission({ user, callbackId: ids.BOOKING_MODAL, values: bookingValues(form), viewId }));
      return { ...answer, ms: Date.now() - started };
    },
    async accept(user, requestId, form) {
      return parse(
        await api.viewSubmission({ user, callbackId: ids.ACCEPT_MODAL, values: acceptValues(form), privateMetadata: requestId, viewId: `VACC${++viewSequence}` }),
      );
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // Teardown after a played outage must not hang the suite: a connection the proxy left
      // half-open can keep the pool waiting. Bounded, and said out loud when it happens.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          console.warn("[stop] instance still busy after 20 s; moving on");
          resolve();
        }, 20_000);
      });
      await Promise.race([running.stop(), late]).finally(() => clearTimeout(timer));
    },
  };
}

/** Calls Slack completed (status 200), grouped by (method, channel/user, request id found in the args). */
export function deliveredCounts(calls: RecordedCall[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of calls) {
    if (call.status !== 200) continue;
    const key = deliveryKey(call);
    if (!key) continue;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

export function deliveryKey(call: RecordedCall): string | undefined {
  const a = call.args;
  switch (call.method) {
    case "chat.postMessage":
      // A DM names its request in the buttons or the text; the kind of message by its first words.
      return `post ${a.channel} ${requestIdIn(a) ?? "-"} ${String(a.text ?? "").slice(0, 30)}`;
    case "chat.update":
      return `update ${a.channel} ${a.ts} ${requestIdIn(a) ?? "-"}`;
    case "views.publish":
      return `publish ${a.user_id}`;
    case "conversations.open":
      return `open ${a.users}`;
    default:
      return undefined;
  }
}

function requestIdIn(args: Record<string, any>): string | undefined {
  return uuid.exec(JSON.stringify(args.blocks ?? ""))?.[0];
}

/** Polls until `check` passes. */
export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
