/**
 * Request signing through the real HTTP endpoint (api.slack.com/authentication/verifying-requests-from-slack): every request that is not
 * signed by Slack with a fresh timestamp over the exact body gets 401 and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ids from "../../src/slack/ids.ts";
import { FORM, JSON_TYPE, slackSignature, slashCommandBody, signedPost, viewSubmissionPayload } from "../support/slack-requests.ts";
import { signingSecret } from "../support/start-app.ts";
import { bookingValues, startFlow, type Flow } from "../slack/flow-helpers.ts";
import { dbSnapshot, nowSeconds, pause } from "./security-helpers.ts";

describe("request signing", () => {
  let flow: Flow;
  let partner4: string;
  beforeAll(async () => {
    flow = await startFlow();
    partner4 = await flow.personId("U01PARTNER4");
  });
  afterAll(async () => flow?.stop());

  /** A booking that would be accepted if it were signed properly. */
  const bookingBody = (question = "Signiert?") =>
    new URLSearchParams({
      payload: JSON.stringify(
        viewSubmissionPayload({
          user: "U01CONTACT3",
          callbackId: ids.BOOKING_MODAL,
          values: bookingValues({ topics: ["surveys"], partnerId: partner4, question }),
          viewId: `VSIG${Math.random()}`,
        }),
      ),
    }).toString();
  const commandBody = (text = "status") => slashCommandBody({ user: "U01CONTACT3", text, responseUrl: flow.slack.responseUrl() });

  const raw = (body: string, headers: Record<string, string>, contentType = FORM) =>
    fetch(flow.url, { method: "POST", headers: { "content-type": contentType, ...headers }, body });
  const headersFor = (body: string, timestamp = nowSeconds(), secret = signingSecret) => ({
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": slackSignature(secret, timestamp, body),
  });

  /** Sends every forged variant, then checks: all 401, nothing stored, no Slack call made. */
  async function expectAllRefused(sends: Array<() => Promise<{ status: number }>>) {
    flow.slack.reset();
    const before = await dbSnapshot(flow);
    const statuses = [];
    for (const send of sends) statuses.push((await send()).status);
    expect(statuses).toEqual(sends.map(() => 401));
    await pause(200);
    await flow.settle();
    expect(await dbSnapshot(flow)).toEqual(before);
    expect(flow.slack.calls()).toEqual([]);
  }

  it("missing signature and/or timestamp headers: 401", async () => {
    const body = bookingBody();
    const { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp } = headersFor(body);
    await expectAllRefused([
      () => raw(body, {}),
      () => raw(body, { "x-slack-signature": signature }),
      () => raw(body, { "x-slack-request-timestamp": timestamp }),
      () => raw(body, { "x-slack-signature": "", "x-slack-request-timestamp": timestamp }),
      () => raw(commandBody(), {}),
      () => raw(JSON.stringify({ type: "url_verification", challenge: "c", token: "t" }), {}, JSON_TYPE),
    ]);
  });

  it("wrong signatures: other secret, other version, upper-case hex, garbage, empty secret", async () => {
    const body = bookingBody();
    const ts = nowSeconds();
    const good = slackSignature(signingSecret, ts, body);
    await expectAllRefused([
      () => signedPost(flow.url, body, { signingSecret, contentType: FORM, badSignature: true }),
      () => raw(body, { "x-slack-request-timestamp": String(ts), "x-slack-signature": good.replace("v0=", "v1=") }),
      () => raw(body, { "x-slack-request-timestamp": String(ts), "x-slack-signature": `v0=${good.slice(3).toUpperCase()}` }),
      () => raw(body, { "x-slack-request-timestamp": String(ts), "x-slack-signature": `v0=${"0".repeat(64)}` }),
      () => raw(body, { "x-slack-request-timestamp": String(ts), "x-slack-signature": good.slice(0, -1) }),
      () => raw(body, headersFor(body, ts, "")),
      () => raw(commandBody(), headersFor(commandBody(), ts, `${signingSecret}x`)),
    ]);
  });

  it("stale (> 5 min) and malformed timestamps: 401", async () => {
    const body = bookingBody();
    await expectAllRefused([
      () => signedPost(flow.url, body, { signingSecret, contentType: FORM, timestamp: nowSeconds() - 301 }),
      () => signedPost(flow.url, commandBody(), { signingSecret, contentType: FORM, timestamp: nowSeconds() - 3600 }),
      () => signedPost(flow.url, body, { signingSecret, contentType: FORM, timestamp: 0 }),
      () => raw(body, { "x-slack-request-timestamp": "not-a-number", "x-slack-signature": slackSignature(signingSecret, Number.NaN, body) }),
    ]);
  });

  it("a captured valid request replayed after 5 minutes (its old timestamp and signature): 401", async () => {
    // Captured 6 minutes ago: the signature is genuine, only the time has passed.
    const capturedAt = nowSeconds() - 360;
    const body = bookingBody("Wiederholt");
    const headers = headersFor(body, capturedAt);
    const command = commandBody("");
    const commandHeaders = headersFor(command, capturedAt);
    await expectAllRefused([
      () => raw(body, headers),
      () => raw(command, commandHeaders),
      // Re-stamping with a fresh timestamp without the secret breaks the signature.
      () => raw(body, { ...headers, "x-slack-request-timestamp": String(nowSeconds()) }),
    ]);
  });

  it("a body changed after signing (other user, other question, appended field): 401", async () => {
    const body = bookingBody("Original");
    const headers = headersFor(body);
    const command = commandBody("status");
    const commandHeaders = headersFor(command);
    await expectAllRefused([
      () => raw(body.replace("U01CONTACT3", "U01CONTACT1"), headers),
      () => raw(body.replace("Original", "Gefaelscht"), headers),
      () => raw(`${body}&extra=1`, headers),
      () => {
        const event = JSON.stringify({ type: "event_callback", team_id: "T0001", event: { type: "app_home_opened", user: "U01CONTACT3", tab: "home" } });
        return raw(event.replace("U01CONTACT3", "U01LEAD0001"), headersFor(event), JSON_TYPE);
      },
      () => raw(command.replace("text=status", "text=export"), commandHeaders),
      () => raw(`${command} `, commandHeaders),
    ]);
  });

  it("a signed form body sent as JSON is not processed (400, Bolt cannot parse it)", async () => {
    flow.slack.reset();
    const before = await dbSnapshot(flow);
    const body = bookingBody("Falscher Typ");
    expect((await raw(body, headersFor(body), JSON_TYPE)).status).toBe(400);
    await pause(200);
    expect(await dbSnapshot(flow)).toEqual(before);
    expect(flow.slack.calls()).toEqual([]);
  });

  it("control: the same requests, properly signed, are processed", async () => {
    flow.slack.reset();
    const answer = await signedPost(flow.url, bookingBody("Echt"), { signingSecret, contentType: FORM });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).view.callback_id).toBe(ids.BOOKING_SENT_MODAL);
    expect(await flow.db.prisma.sessionRequest.count()).toBe(1);
    const fourMinutesOld = await signedPost(flow.url, commandBody("status"), { signingSecret, contentType: FORM, timestamp: nowSeconds() - 240 });
    expect(fourMinutesOld.status).toBe(200);
    await flow.slack.waitFor("respond");
  });
});
