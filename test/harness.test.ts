import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { App, LogLevel, verifySlackRequest, webApi } from "@slack/bolt";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as ids from "../src/slack/ids.ts";
import { bookingModal, partnerSuggestions } from "../src/slack/views/booking-modal.ts";
import { startFakeSlack, type FakeSlack } from "./support/fake-slack.ts";
import { FORM, input, signedPost, slackRequests, slackSignature, triggerId, viewPayload } from "./support/slack-requests.ts";
import { makePartners, makeQuota, makeTopics } from "./slack/views/fixtures.ts";

const SECRET = "test-signing-secret";
let fake: FakeSlack;
const client = () => new webApi.WebClient("xoxb-test", { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logLevel: webApi.LogLevel.ERROR });

beforeAll(async () => {
  fake = await startFakeSlack();
});
afterEach(() => fake.reset());
afterAll(async () => fake.close());

describe("fake Slack Web API", () => {
  it("answers auth.test and records the token", async () => {
    const result = await client().auth.test();
    expect(result).toMatchObject({ ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T0001" });
    expect(fake.calls("auth.test")[0]).toMatchObject({ method: "auth.test", token: "xoxb-test", status: 200 });
  });

  it("decodes blocks and views and answers with increasing timestamps and view ids", async () => {
    const web = client();
    const first = await web.chat.postMessage({ channel: "DU1", text: "Hallo", blocks: [{ type: "section", text: { type: "mrkdwn", text: "Hi" } }] });
    const second = await web.chat.postMessage({ channel: "DU1", text: "Noch mal" });
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/); // real seconds, like Slack: conversations.history filters by time
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(fake.calls("chat.postMessage")[0]!.args.blocks).toEqual([{ type: "section", text: { type: "mrkdwn", text: "Hi" } }]);

    const opened = await web.views.open({ trigger_id: "1.2.3", view: { type: "modal", title: { type: "plain_text", text: "T" }, blocks: [] } });
    expect(opened.view?.id).toMatch(/^V/);
    expect(fake.calls("views.open")[0]!.args.view.title.text).toBe("T");
    const published = await web.views.publish({ user_id: "U1", view: { type: "home", blocks: [] } });
    expect(published.ok).toBe(true);
    const updated = await web.views.update({ view_id: "V42", view: { type: "modal", title: { type: "plain_text", text: "T" }, blocks: [] } });
    expect(updated.view?.id).toBe("V42");

    expect(await web.chat.update({ channel: "DU1", ts: first.ts!, text: "neu" })).toMatchObject({ ok: true, ts: first.ts });
    expect(await web.chat.postEphemeral({ channel: "C1", user: "U1", text: "nur du" })).toMatchObject({ ok: true, message_ts: expect.any(String) });
    expect((await web.conversations.open({ users: "U123" })).channel?.id).toBe("DU123");
  });

  it("reports locale and time zone from users.info only with include_locale", async () => {
    fake.setLocale("UEN", "en-US", "America/New_York");
    const web = client();
    expect((await web.users.info({ user: "UEN", include_locale: true })).user).toMatchObject({ id: "UEN", locale: "en-US", tz: "America/New_York" });
    expect((await web.users.info({ user: "UDE", include_locale: true })).user).toMatchObject({ locale: "de-DE", tz: "Europe/Berlin" });
    expect((await web.users.info({ user: "UEN" })).user?.locale).toBeUndefined();
  });

  it("answers unknown methods with unknown_method", async () => {
    await expect(client().apiCall("nope.nothing")).rejects.toMatchObject({ code: "slack_webapi_platform_error", data: { error: "unknown_method" } });
  });

  it("takes file uploads through the external upload flow and keeps the bytes", async () => {
    const result = await client().files.uploadV2({ channel_id: "C1", filename: "report.csv", title: "Report", content: "a;b\n1;2\n" });
    expect(result.ok).toBe(true);
    expect(fake.calls("files.getUploadURLExternal")).toHaveLength(1);
    expect(fake.calls("files.completeUploadExternal")[0]!.args.files[0].id).toMatch(/^F/);
    expect(fake.uploads()[0]!.bytes.toString("utf8")).toBe("a;b\n1;2\n");
  });

  it("records posts to a response_url", async () => {
    const url = fake.responseUrl("abc");
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "hi", replace_original: true }) });
    expect(response.status).toBe(200);
    expect(fake.calls("respond")[0]).toMatchObject({ id: "abc", args: { text: "hi", replace_original: true } });
  });
});

describe("fault injection", () => {
  it("fails the next call with a 500, then answers again", async () => {
    fake.failNext("chat.postMessage", { status: 500 });
    const web = client();
    await expect(web.chat.postMessage({ channel: "D1", text: "x" })).rejects.toMatchObject({ code: "slack_webapi_http_error", statusCode: 500 });
    await expect(web.chat.postMessage({ channel: "D1", text: "x" })).resolves.toMatchObject({ ok: true });
    expect(fake.calls("chat.postMessage").map((c) => c.status)).toEqual([500, 200]);
  });

  it("rate-limits with Retry-After", async () => {
    fake.failNext("views.publish", { status: 429, retryAfter: 1 });
    const web = new webApi.WebClient("xoxb-test", { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: webApi.LogLevel.ERROR });
    await expect(web.views.publish({ user_id: "U1", view: { type: "home", blocks: [] } })).rejects.toMatchObject({
      code: "slack_webapi_rate_limited_error",
      retryAfter: 1,
    });
  });

  it("delays and answers ok:false with a chosen error", async () => {
    fake.failNext("views.open", { delayMs: 150 });
    fake.failNext("views.open", { error: "expired_trigger_id" });
    const web = client();
    const started = Date.now();
    await web.views.open({ trigger_id: "t", view: { type: "modal", title: { type: "plain_text", text: "T" }, blocks: [] } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await expect(web.views.open({ trigger_id: "t", view: { type: "modal", title: { type: "plain_text", text: "T" }, blocks: [] } })).rejects.toMatchObject({
      data: { error: "expired_trigger_id" },
    });
  });

  it("answers expired_trigger_id when views.open or views.push comes more than 3 s after the trigger_id was made", async () => {
    const web = client();
    const view = { type: "modal" as const, title: { type: "plain_text" as const, text: "T" }, blocks: [] };
    await expect(web.views.open({ trigger_id: triggerId(), view })).resolves.toMatchObject({ ok: true });
    const stale = `${Date.now() - 3_100}.1.abcdef0123456789`;
    await expect(web.views.open({ trigger_id: stale, view })).rejects.toMatchObject({ data: { error: "expired_trigger_id" } });
    await expect(web.views.push({ trigger_id: stale, view })).rejects.toMatchObject({ data: { error: "expired_trigger_id" } });
    expect(fake.calls("views.open").map((c) => c.error)).toEqual([undefined, "expired_trigger_id"]);
    // Trigger ids that carry no time (hand-written ones in tests) never expire.
    await expect(web.views.open({ trigger_id: "1.2.3", view })).resolves.toMatchObject({ ok: true });
  });

  it("fails every call of a method for a while", async () => {
    fake.failFor("conversations.open", 200, { status: 503 });
    const web = client();
    await expect(web.conversations.open({ users: "U1" })).rejects.toMatchObject({ statusCode: 503 });
    await expect(web.conversations.open({ users: "U1" })).rejects.toMatchObject({ statusCode: 503 });
    await new Promise((resolve) => setTimeout(resolve, 220));
    await expect(web.conversations.open({ users: "U1" })).resolves.toMatchObject({ ok: true });
  });

  it("waits for a call that comes later, and times out clearly", async () => {
    const waiting = fake.waitFor("chat.postMessage", (c) => c.args.channel === "D9", 1000);
    setTimeout(() => void client().chat.postMessage({ channel: "D9", text: "später" }), 50);
    expect((await waiting).args.text).toBe("später");
    await expect(fake.waitFor("chat.update", undefined, 50)).rejects.toThrow(/no chat.update call/);
  });
});

describe("signed requests", () => {
  async function capture(send: (url: string) => Promise<unknown>): Promise<{ body: string; headers: IncomingMessage["headers"] }> {
    let captured: { body: string; headers: IncomingMessage["headers"] } | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        captured = { body: Buffer.concat(chunks).toString("utf8"), headers: req.headers };
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      await send(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    if (!captured) throw new Error("nothing captured");
    return captured;
  }

  const verify = (c: { body: string; headers: IncomingMessage["headers"] }, nowMilliseconds?: number) =>
    verifySlackRequest({
      signingSecret: SECRET,
      body: c.body,
      headers: { "x-slack-signature": String(c.headers["x-slack-signature"]), "x-slack-request-timestamp": Number(c.headers["x-slack-request-timestamp"]) },
      ...(nowMilliseconds !== undefined ? { nowMilliseconds } : {}),
    });

  it("signs like Slack, so Bolt's own verifySlackRequest accepts it", async () => {
    const captured = await capture((url) => slackRequests({ url, signingSecret: SECRET }).slashCommand({ user: "U1", text: "status" }));
    expect(() => verify(captured)).not.toThrow();
    expect(captured.headers["content-type"]).toBe(FORM);
    const body = new URLSearchParams(captured.body);
    expect(body.get("command")).toBe("/sparring");
    expect(body.get("text")).toBe("status");
    expect(body.get("user_id")).toBe("U1");
    expect(slackSignature(SECRET, 1531420618, "token=x")).toMatch(/^v0=[0-9a-f]{64}$/);
  });

  it("can sign badly, stale, or as a retry", async () => {
    const bad = await capture((url) => signedPost(url, "a=1", { signingSecret: SECRET, contentType: FORM, badSignature: true }));
    expect(() => verify(bad)).toThrow();
    const stale = await capture((url) => signedPost(url, "a=1", { signingSecret: SECRET, contentType: FORM, timestamp: Math.floor(Date.now() / 1000) - 600 }));
    expect(() => verify(stale)).toThrow();
    const retry = await capture((url) => slackRequests({ url, signingSecret: SECRET }).appHomeOpened({ user: "U1", eventId: "Ev1" }, { retryNum: 1 }));
    expect(() => verify(retry)).not.toThrow();
    expect(retry.headers["x-slack-retry-num"]).toBe("1");
    expect(JSON.parse(retry.body)).toMatchObject({ type: "event_callback", event_id: "Ev1", event: { type: "app_home_opened", user: "U1" } });
  });
});

describe("harness against a real Bolt app", () => {
  let app: App;
  let url: string;
  const partners = makePartners(150);

  beforeAll(async () => {
    app = new App({
      token: "xoxb-test",
      signingSecret: SECRET,
      botId: "BBOT",
      botUserId: "UBOT",
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    app.command("/sparring", async ({ ack, client, body }) => {
      await ack();
      await client.views.open({
        trigger_id: body.trigger_id,
        view: { ...bookingModal({ locale: "de", topics: makeTopics(3), selectedTopics: [], partners, quota: makeQuota() }), private_metadata: body.channel_id },
      });
    });
    app.action(ids.ACCEPT_REQUEST, async ({ ack, respond, body }) => {
      await ack();
      await respond({ text: `angenommen ${"actions" in body ? JSON.stringify(body.actions[0]) : ""}`, replace_original: true });
    });
    app.view(ids.BOOKING_MODAL, async ({ ack, view }) => {
      const question = view.state.values[ids.BOOKING_QUESTION_BLOCK]?.[ids.BOOKING_QUESTION]?.value ?? "";
      if (question.length < 5) await ack({ response_action: "errors", errors: { [ids.BOOKING_QUESTION_BLOCK]: "zu kurz" } });
      else await ack();
    });
    app.options(ids.BOOKING_PARTNER, async ({ ack, options }) => {
      await ack(partnerSuggestions(partners, options.value));
    });
    app.event("app_home_opened", async ({ event, client }) => {
      await client.views.publish({ user_id: event.user, view: { type: "home", blocks: [] } });
    });
    const server = await app.start(0);
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterAll(async () => app.stop());

  it("runs a slash command through to views.open", async () => {
    const slack = slackRequests({ url, signingSecret: SECRET, responseUrl: () => fake.responseUrl() });
    const response = await slack.slashCommand({ user: "U1" });
    expect(response.status).toBe(200);
    const call = await fake.waitFor("views.open");
    expect(call.args.view.callback_id).toBe(ids.BOOKING_MODAL);
    expect(call.args.view.private_metadata).toBe("DU1");
  });

  it("rejects a bad signature with 401", async () => {
    const slack = slackRequests({ url, signingSecret: SECRET });
    expect((await slack.slashCommand({ user: "U1" }, { badSignature: true })).status).toBe(401);
  });

  it("delivers a button click whose respond() reaches the fake", async () => {
    const slack = slackRequests({ url, signingSecret: SECRET, responseUrl: () => fake.responseUrl("click") });
    const response = await slack.blockAction({ user: "U2", actionId: ids.ACCEPT_REQUEST, value: "req-1", message: { ts: "1700000000.000200" } });
    expect(response.status).toBe(200);
    const posted = await fake.waitFor("respond", (c) => c.id === "click");
    expect(posted.args.text).toContain('"value":"req-1"');
  });

  it("answers a view submission with errors and a block suggestion with options", async () => {
    const slack = slackRequests({ url, signingSecret: SECRET });
    const refused = await slack.viewSubmission({
      user: "U1",
      callbackId: ids.BOOKING_MODAL,
      privateMetadata: "DU1",
      values: { [ids.BOOKING_QUESTION_BLOCK]: { [ids.BOOKING_QUESTION]: input.text("kurz") } },
    });
    expect(refused.status).toBe(200);
    expect(JSON.parse(refused.body)).toEqual({ response_action: "errors", errors: { [ids.BOOKING_QUESTION_BLOCK]: "zu kurz" } });
    const accepted = await slack.viewSubmission({
      user: "U1",
      callbackId: ids.BOOKING_MODAL,
      values: { [ids.BOOKING_QUESTION_BLOCK]: { [ids.BOOKING_QUESTION]: input.text("eine lange Frage") } },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toBe("");

    const suggestions = await slack.blockSuggestion({
      user: "U1",
      actionId: ids.BOOKING_PARTNER,
      blockId: ids.BOOKING_PARTNER_BLOCK,
      value: "Partnerin 42 ",
      view: viewPayload({ type: "modal", callback_id: ids.BOOKING_MODAL }),
    });
    expect(JSON.parse(suggestions.body).options.map((o: { value: string }) => o.value)).toEqual([partners[41]!.personId]);
  });

  it("delivers app_home_opened (and its retries) to the event listener", async () => {
    const slack = slackRequests({ url, signingSecret: SECRET });
    expect((await slack.appHomeOpened({ user: "U5", eventId: "EvA" })).status).toBe(200);
    expect((await slack.appHomeOpened({ user: "U5", eventId: "EvA" }, { retryNum: 1, retryReason: "http_timeout" })).status).toBe(200);
    await fake.waitFor("views.publish", (c) => c.args.user_id === "U5");
    await expect.poll(() => fake.calls("views.publish").length).toBe(2);
  });

  it("answers url_verification when signed", async () => {
    const slack = slackRequests({ url, signingSecret: SECRET });
    const response = await slack.urlVerification("xyz");
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ challenge: "xyz" });
  });
});
