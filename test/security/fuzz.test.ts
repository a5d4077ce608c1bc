/**
 * Property-based fuzz through the real, signed HTTP endpoint: 1 000 malformed slash commands,
 * block_actions and view submissions (300 + 350 + 350, sent concurrently in batches of 50).
 * For every input: never a 5xx, no unhandled rejection or exception, no request or audit row
 * created, and every slash command gets an answer (response_url or a modal).
 * The one state change a fuzzed input may legitimately make, a known person erasing themselves
 * (`erase_person` with value `me`), is left out of the generated inputs. The seed is fixed
 * (see `useFuzzSeed`).
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as ids from "../../src/slack/ids.ts";
import { FORM, signedPost } from "../support/slack-requests.ts";
import { signingSecret } from "../support/start-app.ts";
import { mutableClock, startFlow, type Flow } from "../slack/flow-helpers.ts";
import { pause } from "./security-helpers.ts";
import { useFuzzSeed } from "../support/fuzz-seed.ts";

useFuzzSeed();

const clock = mutableClock("2026-06-15T08:00:00Z");
const BATCH = 50;
/** A string as it arrives after form encoding: lone surrogates become U+FFFD. */
const wellFormed = (text: string) => new URLSearchParams(new URLSearchParams({ t: text }).toString()).get("t") ?? "";

/** People who cannot book anything: unknown, not eligible, inactive municipality, inactive partner. */
const cannotBook = ["U0STRANGER1", "UFUZZ00001", "U01CONTACT7", "U01CONTACT8", "U01PARTNER5"];

describe("fuzz: malformed but signed requests", () => {
  let flow: Flow;
  let known: { uuids: string[]; requestId: string };
  const rejections: unknown[] = [];
  const exceptions: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  const onException = (error: unknown) => exceptions.push(error);
  let baseline: { requests: number; events: number; people: number };
  const counts = async () => ({
    requests: await flow.db.prisma.sessionRequest.count(),
    events: await flow.db.prisma.requestEvent.count(),
    people: await flow.db.prisma.person.count({ where: { erasedAt: null } }),
  });

  beforeAll(async () => {
    process.on("unhandledRejection", onRejection);
    process.on("uncaughtException", onException);
    flow = await startFlow({ clock });
    const people = await flow.db.prisma.person.findMany({ select: { id: true } });
    // One real request, so forged ids have something to miss.
    const requestId = await flow.bookOk("U01CONTACT3", { topics: ["surveys"], partnerId: await flow.personId("U01PARTNER4"), question: "echt" });
    known = { uuids: people.map((p) => p.id), requestId };
    await flow.settle();
    baseline = await counts();
  });
  afterAll(async () => {
    process.off("unhandledRejection", onRejection);
    process.off("uncaughtException", onException);
    await flow?.stop();
  });

  // ---- building blocks ---------------------------------------------------------------------
  const nastyText = fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: "grapheme", maxLength: 60 }) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom("\u0000", "\u0007", "\n", "\r", "\t", "\u200b", "\u202e", "\ufeff", "\ud800", "a", "%", "&", "+", "=") , maxLength: 40 }) },
    { weight: 1, arbitrary: fc.integer({ min: 2_000, max: 20_000 }).map((n) => "ä😀".repeat(n / 3)) },
    { weight: 2, arbitrary: fc.constantFrom("", " ", "status", "hilfe", "partner", "partner <!channel>", "export 1.1.1900 99.99.9999", "löschen <@U01LEAD0001>", "meine-daten", "übersicht", "löschen", "*bold* _x_ <https://evil|click>", "'; DROP TABLE people; --") },
  );
  /** A person in the directory confirming their own erasure: allowed, so not a fuzz case. */
  const isSelfErasure = (payload: { user?: unknown; actions?: unknown }) => {
    const user = payload.user as { id?: unknown } | undefined;
    const known = typeof user?.id === "string" && cannotBook.includes(user.id);
    return known && Array.isArray(payload.actions) && payload.actions.some((a: { action_id?: unknown; value?: unknown }) => a?.action_id === ids.ERASE_PERSON && a.value === "me");
  };
  const fuzzUser = fc.oneof(fc.constantFrom(...cannotBook), fc.stringMatching(/^[UW][A-Z0-9]{2,12}$/).filter((u) => !u.startsWith("U01")));
  const wrongType = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }));
  /** A value field: random text, a known id, or a wrong type. */
  const anyValue = fc.oneof(
    nastyText,
    fc.constantFrom("me", "00000000-0000-0000-0000-000000000000").map(String),
    fc.uuid(),
    fc.constant(undefined),
    wrongType,
  );
  const actionIds = [
    ids.OPEN_BOOKING, ids.ACCEPT_REQUEST, ids.DECLINE_REQUEST, ids.CANCEL_REQUEST, ids.MARK_HELD, ids.MARK_NOT_HELD,
    ids.ERASE_PERSON, ids.BOOKING_TOPICS, ids.BOOKING_PARTNER,
  ];
  const callbackIds = [ids.BOOKING_MODAL, ids.ACCEPT_MODAL, ids.DECLINE_MODAL];
  const option = fc.oneof(fc.record({ value: anyValue }, { requiredKeys: [] }), wrongType);
  const element = fc.oneof(
    fc.record(
      {
        type: fc.oneof(fc.constantFrom("plain_text_input", "static_select", "multi_static_select", "datetimepicker", "url_text_input", "radio_buttons"), wrongType),
        value: anyValue,
        selected_option: option,
        selected_options: fc.oneof(fc.array(option, { maxLength: 120 }), wrongType),
        selected_date_time: fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 10 }), wrongType),
      },
      { requiredKeys: [] },
    ),
    wrongType,
  );
  const blockIds = fc.constantFrom(
    ids.BOOKING_TOPICS_BLOCK, ids.BOOKING_PARTNER_BLOCK, ids.BOOKING_QUESTION_BLOCK, ids.BOOKING_FORMAT_BLOCK, ids.BOOKING_TIMES_BLOCK,
    ids.ACCEPT_START_BLOCK, ids.ACCEPT_FORMAT_BLOCK, ids.ACCEPT_LINK_BLOCK, ids.ACCEPT_PHONE_BLOCK, ids.DECLINE_REASON_BLOCK, "x", "__proto__", "constructor",
  );
  const actionIdsInState = fc.constantFrom(
    ids.BOOKING_TOPICS, ids.BOOKING_PARTNER, ids.BOOKING_QUESTION, ids.BOOKING_FORMAT, ids.BOOKING_TIMES,
    ids.ACCEPT_START, ids.ACCEPT_FORMAT, ids.ACCEPT_LINK, ids.ACCEPT_PHONE, ids.DECLINE_REASON, "y", "__proto__",
  );
  const stateValues = fc.oneof(
    { weight: 4, arbitrary: fc.dictionary(blockIds, fc.oneof(fc.dictionary(actionIdsInState, element, { maxKeys: 3 }), wrongType), { maxKeys: 6 }) },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  const view = (callbackId: fc.Arbitrary<unknown>) =>
    fc.oneof(
      {
        weight: 8,
        arbitrary: fc.record(
          {
            id: fc.oneof(fc.stringMatching(/^V[A-Z0-9]{4,10}$/), wrongType),
            hash: fc.oneof(fc.string({ maxLength: 20 }), wrongType),
            type: fc.constant("modal"),
            callback_id: callbackId,
            private_metadata: fc.oneof(anyValue, fc.constantFrom(...["", "not-a-uuid"]), fc.string({ maxLength: 3_500 })),
            state: fc.oneof(fc.record({ values: stateValues }, { requiredKeys: [] }), wrongType),
            blocks: fc.constant([]),
          },
          { requiredKeys: ["callback_id"] },
        ),
      },
      { weight: 1, arbitrary: wrongType },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
  const userField = fc.oneof(
    { weight: 8, arbitrary: fuzzUser.map((id) => ({ id, username: "fuzz", team_id: "T0001" })) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.oneof(wrongType, fc.record({ id: wrongType })) },
  );

  /** The slash command as form fields; `undefined` fields are left out. */
  const slashCommand = fc.record(
    {
      user_id: fc.oneof({ weight: 8, arbitrary: fuzzUser }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: nastyText }),
      text: fc.oneof({ weight: 8, arbitrary: nastyText }, { weight: 1, arbitrary: fc.constant(undefined) }),
      channel_id: fc.oneof(fc.constant("D0FUZZ"), fc.constant(undefined), nastyText),
      team_id: fc.oneof(fc.constant("T0001"), fc.constant(undefined), nastyText, fc.constantFrom("constructor", "valueOf", "__proto__")),
      user_name: fc.oneof(fc.constant(undefined), nastyText),
      trigger_id: fc.oneof(fc.constant("1.2.3"), nastyText),
      extra: fc.oneof(fc.constant(undefined), nastyText),
    },
    // Slack always sends a trigger_id (it is how a command opens a modal); its content is fuzzed.
    { requiredKeys: ["trigger_id"] },
  );

  const blockActions = fc.record(
    {
      type: fc.constant("block_actions"),
      team: fc.oneof(fc.constant({ id: "T0001" }), fc.constant(null), wrongType, fc.constantFrom("constructor", "toString").map((id) => ({ id }))),
      user: userField,
      api_app_id: fc.constant("A0001"),
      trigger_id: fc.oneof(fc.constant("1.2.3"), nastyText, wrongType),
      container: fc.oneof(
        fc.constant({ type: "message", message_ts: "1700000000.000100", channel_id: "D0FUZZ" }),
        fc.constant({ type: "view", view_id: "V0FUZZ" }),
        fc.dictionary(fc.string({ maxLength: 8 }), anyValue, { maxKeys: 3 }),
        wrongType,
      ),
      channel: fc.oneof(fc.constant({ id: "D0FUZZ" }), wrongType),
      view: view(fc.oneof(fc.constantFrom(...callbackIds), nastyText)),
      response_url: fc.oneof({ weight: 6, arbitrary: fc.constant("FAKE") }, { weight: 1, arbitrary: wrongType }),
      actions: fc.oneof(
        {
          weight: 8,
          arbitrary: fc.array(
            fc.record(
              {
                // Mostly the app's own ids: an unknown id is left unanswered by Bolt (404 after 3 s).
                action_id: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...actionIds) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) }),
                block_id: fc.oneof(fc.string({ maxLength: 10 }), wrongType),
                type: fc.oneof(fc.constantFrom("button", "static_select", "multi_static_select", "overflow"), wrongType),
                value: anyValue,
                selected_option: option,
                selected_options: fc.oneof(fc.array(option, { maxLength: 5 }), wrongType),
                action_ts: fc.oneof(fc.constant("1700000000.000001"), nastyText, wrongType),
              },
              { requiredKeys: ["action_id"] },
            ),
            { minLength: 1, maxLength: 2 },
          ),
        },
        { weight: 1, arbitrary: fc.oneof(fc.constant([]), wrongType) },
      ),
    },
    { requiredKeys: ["type", "actions"] },
  ).filter((payload) => !isSelfErasure(payload));

  const viewSubmissions = fc.record(
    {
      type: fc.constant("view_submission"),
      team: fc.oneof(fc.constant({ id: "T0001" }), fc.constant(null)),
      user: userField,
      api_app_id: fc.constant("A0001"),
      trigger_id: fc.oneof(fc.constant("1.2.3"), wrongType),
      view: view(fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...callbackIds) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) })),
      response_urls: fc.oneof(fc.constant([]), wrongType),
    },
    { requiredKeys: ["type"] },
  );

  /** A failing input for the report, long strings cut. */
  const short = (input: unknown) => JSON.stringify(input, (_k, v: unknown) => (typeof v === "string" && v.length > 40 ? `${v.slice(0, 40)}…(${v.length})` : v)).slice(0, 700);

  // ---- sending and checking ----------------------------------------------------------------
  const failures: string[] = [];
  const check = (what: string, input: unknown, status: number) => {
    if (status >= 500) failures.push(`${what} → ${status}: ${short(input)}`);
    return status < 500;
  };
  const sendInteraction = async (payload: Record<string, unknown>) => {
    const withUrl = payload.response_url === "FAKE" ? { ...payload, response_url: flow.slack.responseUrl(`FZ${randomUUID()}`) } : payload;
    const body = new URLSearchParams({ payload: JSON.stringify(withUrl) }).toString();
    return (await signedPost(flow.url, body, { signingSecret, contentType: FORM })).status;
  };

  /** The command was answered: a post to its response_url or a modal opened with its trigger_id. */
  async function answered(responseId: string, trigger: string, timeoutMs = 8_000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (flow.slack.calls().some((c) => (c.method === "respond" && c.id === responseId) || (c.method === "views.open" && c.args.trigger_id === trigger))) return true;
      await pause(25);
    }
    return false;
  }

  async function expectNoStateChange() {
    await flow.settle();
    expect(await counts()).toEqual(baseline);
    expect(rejections).toEqual([]);
    expect(exceptions).toEqual([]);
  }

  beforeEach(() => {
    failures.length = 0;
  });

  it("300 slash commands: never 5xx, always answered, nothing stored", async () => {
    const unanswered: string[] = [];
    await fc.check(
      fc.asyncProperty(fc.array(slashCommand, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const results = await Promise.all(
          batch.map(async (fields) => {
            const responseId = `FZC${randomUUID()}`;
            // What the app receives: URL encoding turns lone surrogates into U+FFFD.
            const trigger = wellFormed(`${fields.trigger_id}.${randomUUID()}`);
            const form: Record<string, string> = { command: "/sparring", response_url: flow.slack.responseUrl(responseId), api_app_id: "A0001" };
            for (const [key, value] of Object.entries({ ...fields, trigger_id: trigger })) if (value !== undefined) form[key] = value;
            const status = (await signedPost(flow.url, new URLSearchParams(form).toString(), { signingSecret, contentType: FORM })).status;
            if (!check("command", form, status)) return false;
            if (!(await answered(responseId, trigger))) {
              unanswered.push(short(form));
              return false;
            }
            return true;
          }),
        );
        return results.every(Boolean);
      }),
      { numRuns: 6, endOnFailure: true },
    );
    expect(failures).toEqual([]);
    expect(unanswered).toEqual([]);
    await expectNoStateChange();
    flow.slack.reset();
  }, 240_000);

  it("350 block_actions: never 5xx, nothing stored", async () => {
    await fc.check(
      fc.asyncProperty(fc.array(blockActions, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const statuses = await Promise.all(batch.map((payload) => sendInteraction(payload as Record<string, unknown>)));
        return statuses.every((status, i) => check("block_actions", batch[i], status));
      }),
      { numRuns: 7, endOnFailure: true },
    );
    expect(failures).toEqual([]);
    await pause(300);
    await expectNoStateChange();
    flow.slack.reset();
  }, 240_000);

  it("350 view submissions: never 5xx, nothing stored", async () => {
    await fc.check(
      fc.asyncProperty(fc.array(viewSubmissions, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const statuses = await Promise.all(batch.map((payload) => sendInteraction(payload as Record<string, unknown>)));
        return statuses.every((status, i) => check("view_submission", batch[i], status));
      }),
      { numRuns: 7, endOnFailure: true },
    );
    expect(failures).toEqual([]);
    await pause(300);
    await expectNoStateChange();
  }, 240_000);
});
