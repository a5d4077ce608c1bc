import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { FakeSlack, RecordedCall } from "../support/fake-slack.ts";
import { clearRequests } from "../support/fixtures.ts";
import { input, slackRequests, viewPayload, type SignOverrides, type SlackRequests } from "../support/slack-requests.ts";
import { socketRequests } from "../support/socket-requests.ts";
import { signingSecret, startApp, type RunningApp, type StartOptions } from "../support/start-app.ts";
import * as ids from "../../src/slack/ids.ts";
import { calendarBlockId } from "../../src/slack/views/calendar-message.ts";

export interface Flow extends RunningApp {
  slackApi: SlackRequests;
  /** Person id of a partner by Slack id. */
  personId(slackId: string): Promise<string>;
  /** Submits the booking modal as `user` and returns the HTTP answer's JSON (or null for an empty ack). */
  book(user: string, form: BookingFormValues, viewId?: string, sign?: SignOverrides): Promise<{ status: number; json: any }>;
  /** Books and returns the new request's id (fails the test if the booking was not accepted). */
  bookOk(user: string, form: BookingFormValues): Promise<string>;
  /** Presses a button in the message `call` (a chat.postMessage or respond the app sent); answers that land on response_url get `responseId`. */
  press(user: string, call: RecordedCall, actionId: string, options?: { responseId?: string }): Promise<number>;
  /** Sends a block action for a button the caller builds (forged or from Home), with its own response_url. */
  click(
    user: string,
    actionId: string,
    value: string | undefined,
    options?: { responseId?: string; actionTs?: string; sign?: SignOverrides; fromHome?: boolean },
  ): Promise<number>;
  /** Submits the accept modal. */
  accept(user: string, requestId: string, form: AcceptFormValues, viewId?: string): Promise<{ status: number; json: any }>;
  /** Submits the decline modal. */
  decline(user: string, requestId: string, reason: string, viewId?: string): Promise<{ status: number; json: any }>;
  /** `/sparring <text>` as `user`; resolves with the ephemeral answer posted to its response_url. */
  command(user: string, text: string): Promise<RecordedCall>;
  /** Waits for the app's answer on a response_url id. */
  responded(responseId: string, timeoutMs?: number): Promise<RecordedCall>;
  /** Drains the outbox, clears every request (and notices, keys), forgets the fake's calls. */
  reset(): Promise<void>;
}

export interface BookingFormValues {
  topics: string[];
  partnerId: string | null;
  question: string;
  format?: "phone" | "video" | null;
  times?: string;
}

export interface AcceptFormValues {
  start: Date | null;
  format: "phone" | "video" | null;
  link?: string;
  phone?: string;
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

export function acceptValues(form: AcceptFormValues) {
  return {
    [ids.ACCEPT_START_BLOCK]: { [ids.ACCEPT_START]: input.dateTime(form.start ? Math.floor(form.start.getTime() / 1000) : null) },
    [ids.ACCEPT_FORMAT_BLOCK]: { [ids.ACCEPT_FORMAT]: input.radio(form.format) },
    [ids.ACCEPT_LINK_BLOCK]: { [ids.ACCEPT_LINK]: input.url(form.link ?? null) },
    [ids.ACCEPT_PHONE_BLOCK]: { [ids.ACCEPT_PHONE]: input.text(form.phone ?? null) },
  };
}

/** A clock the test moves: `clock()` for the app, `set()` to jump. */
export function mutableClock(start: string | Date) {
  let now = new Date(start);
  const clock = () => new Date(now);
  return Object.assign(clock, {
    set(to: string | Date) {
      now = new Date(to);
    },
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  });
}

export type MutableClock = ReturnType<typeof mutableClock>;

/**
 * One app shared by the tests of a describe block, with its hooks: started before them (`flow`
 * and `people` are filled in then), stopped after them; every test starts with `clock` back at
 * its first time and no requests. `people`: the person ids of these Slack ids.
 */
export function sharedFlow<const S extends string = never>(
  clock: MutableClock,
  options: { people?: readonly S[]; start?: StartOptions } = {},
): { flow: Flow; people: Record<S, string> } {
  const flow = {} as Flow;
  const people = {} as Record<S, string>;
  const firstTime = clock();
  beforeAll(async () => {
    Object.assign(flow, await startFlow({ clock, ...options.start }));
    const found = await Promise.all((options.people ?? []).map(async (slackId) => [slackId, await flow.personId(slackId)] as const));
    Object.assign(people, Object.fromEntries(found));
  });
  // `stop` is missing if the start failed.
  afterAll(async () => flow.stop?.());
  beforeEach(async () => {
    clock.set(firstTime);
    await flow.reset();
  });
  return { flow, people };
}

type AnyBlock = { type: string; elements?: Array<{ action_id?: string; value?: string }>; accessory?: { action_id?: string; value?: string } };

/** Every button (actions elements and section accessories) in a list of blocks. */
export function buttonsOf(blocks: unknown): Array<{ action_id?: string; value?: string }> {
  return ((blocks ?? []) as AnyBlock[]).flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]).filter((e) => e.action_id);
}

/** All text a person would read in blocks (section text, fields, headers, context), one string. */
export function textOf(blocks: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown, key?: string) => {
    if (typeof node === "string") {
      if (key === "text") out.push(node);
      return;
    }
    if (Array.isArray(node)) return node.forEach((n) => walk(n));
    if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        if (k === "confirm") continue;
        walk(v, k);
      }
    }
  };
  walk(blocks);
  return out.join("\n");
}

let viewSequence = 0;
let clickSequence = 0;
/** Like Slack's: unique per click (the fake's default repeats within a second). */
const nextActionTs = () => `${Math.floor(Date.now() / 1000)}.${String(++clickSequence).padStart(6, "0")}`;

export async function startFlow(options: StartOptions = {}): Promise<Flow> {
  const running = await startApp(options);
  // The transport is a parameter (StartOptions.transport): the same flows run over HTTP and Socket Mode.
  const slackApi = running.socket
    ? socketRequests(running.socket, { responseUrl: () => running.slack.responseUrl() })
    : slackRequests({ url: running.url, signingSecret, responseUrl: () => running.slack.responseUrl() });
  // The first command of a person may be preceded by the privacy notice (its own ephemeral message).
  const isPrivacyNotice = (c: RecordedCall) => textOf(c.args.blocks).startsWith(":lock:");
  // Generous waits: on a loaded 2-core machine a listener can take more than the fake's default 2 s.
  const slack: FakeSlack = { ...running.slack, waitFor: (method, predicate, timeoutMs = 8000) => running.slack.waitFor(method, predicate, timeoutMs) };
  const responded = (responseId: string, timeoutMs = 8000) =>
    slack.waitFor("respond", (c) => c.id === responseId && !isPrivacyNotice(c), timeoutMs);
  const parse = (response: { status: number; body: string }) => ({ status: response.status, json: response.body ? JSON.parse(response.body) : null });
  const flow: Flow = {
    ...running,
    slack,
    slackApi,
    async personId(slackId) {
      const person = await running.db.prisma.person.findUniqueOrThrow({ where: { slackId } });
      return person.id;
    },
    async book(user, form, viewId = `VBOOK${++viewSequence}`, sign) {
      return parse(await slackApi.viewSubmission({ user, callbackId: ids.BOOKING_MODAL, values: bookingValues(form), viewId }, sign));
    },
    async bookOk(user, form) {
      const idsNow = async () => (await running.db.prisma.sessionRequest.findMany({ select: { id: true } })).map((r) => r.id);
      const before = new Set(await idsNow());
      const answer = await flow.book(user, form);
      if (answer.json?.view?.callback_id !== ids.BOOKING_SENT_MODAL) throw new Error(`booking refused: ${JSON.stringify(answer.json)}`);
      const created = (await idsNow()).filter((id) => !before.has(id));
      if (created.length !== 1) throw new Error(`expected one new request, found ${created.length}`);
      return created[0]!;
    },
    async press(user, call, actionId, options = {}) {
      const blocks = (call.args.blocks ?? []) as unknown[];
      const button = buttonsOf(blocks).find((e) => e.action_id === actionId);
      if (!button) throw new Error(`no ${actionId} button in the message`);
      const response = await slackApi.blockAction({
        user,
        actionId,
        ...(button.value ? { value: button.value } : {}),
        message: { ts: String(call.args.ts ?? "1700000000.000100"), blocks },
        channelId: String(call.args.channel ?? `D${user}`),
        responseUrl: running.slack.responseUrl(options.responseId),
        action: { action_ts: nextActionTs() },
      });
      return response.status;
    },
    async click(user, actionId, value, options = {}) {
      const response = await slackApi.blockAction(
        {
          user,
          actionId,
          ...(value !== undefined ? { value } : {}),
          // A button in the Home tab: container "view", no response_url.
          ...(options.fromHome
            ? { view: viewPayload({ type: "home", blocks: [] }, { id: `VHOME${++viewSequence}` }) }
            : { responseUrl: running.slack.responseUrl(options.responseId) }),
          action: { action_ts: options.actionTs ?? nextActionTs() },
        },
        options.sign,
      );
      return response.status;
    },
    async accept(user, requestId, form, viewId = `VACC${++viewSequence}`) {
      return parse(await slackApi.viewSubmission({ user, callbackId: ids.ACCEPT_MODAL, values: acceptValues(form), privateMetadata: requestId, viewId }));
    },
    async decline(user, requestId, reason, viewId = `VDEC${++viewSequence}`) {
      return parse(
        await slackApi.viewSubmission({
          user,
          callbackId: ids.DECLINE_MODAL,
          values: { [ids.DECLINE_REASON_BLOCK]: { [ids.DECLINE_REASON]: input.text(reason) } },
          privateMetadata: requestId,
          viewId,
        }),
      );
    },
    async command(user, text) {
      const responseId = `CMD${randomUUID()}`;
      const response = await slackApi.slashCommand({ user, text, responseUrl: running.slack.responseUrl(responseId) });
      if (response.status !== 200) throw new Error(`/sparring ${text} answered ${response.status}`);
      return responded(responseId);
    },
    responded,
    async reset() {
      await running.settle();
      await clearRequests(running.db.prisma);
      running.slack.reset();
    },
  };
  return flow;
}

/** Whether a posted message is the DM that comes with a calendar file (test/slack/calendar.test.ts checks those). */
export function isCalendarPost(call: RecordedCall): boolean {
  return (call.args.blocks as Array<{ block_id?: string }> | undefined)?.[0]?.block_id === calendarBlockId;
}

/** Posts without the calendar DMs, for tests that count a flow's other messages. */
export function withoutCalendar(calls: RecordedCall[]): RecordedCall[] {
  return calls.filter((c) => !isCalendarPost(c));
}

/** Polls until `check` passes (for work that runs after the ack). */
export async function eventually(check: () => Promise<void> | void, timeoutMs = 8000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
