/**
 * Socket Mode as a first-class transport. The same flows (booking, accept, a modal validation
 * error, App Home, Slack's retries) run over HTTP and over Socket Mode with the same assertions;
 * then what only Socket Mode has: the connection from SLACK_API_URL, reconnects after `disconnect`
 * and dropped sockets without losing or repeating an envelope, and readiness that tells the truth.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as ids from "../../src/slack/ids.ts";
import { appHomeOpenedEnvelope, slashCommandBody } from "../support/slack-requests.ts";
import { sample } from "../support/metrics-text.ts";
import { appToken } from "../support/start-app.ts";
import { buttonsOf, eventually, mutableClock, startFlow, textOf, type Flow, withoutCalendar } from "./flow-helpers.ts";

const clock = mutableClock("2026-06-15T08:00:00Z"); // a Monday inside the programme period
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(["http", "socket"] as const)("the same flows over %s", (transport) => {
  let flow: Flow;
  let partner4: string;
  beforeAll(async () => {
    flow = await startFlow({ clock, transport });
    partner4 = await flow.personId("U01PARTNER4");
  });
  afterAll(async () => flow?.stop());
  beforeEach(async () => {
    clock.set("2026-06-15T08:00:00Z");
    await flow.reset();
  });

  const postsTo = (user: string) => withoutCalendar(flow.slack.calls("chat.postMessage")).filter((c) => c.args.channel === `D${user}`);
  const requestRow = (id: string) => flow.db.prisma.sessionRequest.findUniqueOrThrow({ where: { id } });

  it("booking: /sparring opens the modal, the submission answers with the sent view, the partner gets a DM with buttons", async () => {
    const ack = await flow.slackApi.slashCommand({ user: "U01CONTACT3", text: "" });
    expect(ack.status).toBe(200);
    const modal = await flow.slack.waitFor("views.open", (c) => c.args.view?.callback_id === ids.BOOKING_MODAL);
    expect(modal.args.trigger_id).toBeTruthy();

    const id = await flow.bookOk("U01CONTACT3", { topics: ["surveys"], partnerId: partner4, question: "Wie erreichen wir alle?", times: "dienstags" });
    expect(await requestRow(id)).toMatchObject({ state: "requested", municipalityKey: "beispielheim", partnerId: partner4 });
    await flow.settle();
    const [dm, ...more] = postsTo("U01PARTNER4");
    expect(more).toHaveLength(0);
    expect(buttonsOf(dm!.args.blocks).map((b) => [b.action_id, b.value])).toEqual([
      [ids.ACCEPT_REQUEST, id],
      [ids.DECLINE_REQUEST, id],
    ]);
  });

  it("accept: the button opens the accept modal, a past start is refused in the modal (response_action errors), a valid one schedules", async () => {
    const id = await flow.bookOk("U01CONTACT3", { topics: ["surveys"], partnerId: partner4, question: "Annehmen?" });
    await flow.settle();
    const dm = postsTo("U01PARTNER4")[0]!;
    expect(await flow.press("U01PARTNER4", dm, ids.ACCEPT_REQUEST)).toBe(200);
    const modal = await flow.slack.waitFor("views.open", (c) => c.args.view?.callback_id === ids.ACCEPT_MODAL);
    expect(modal.args.view.private_metadata).toBe(id);

    const past = await flow.accept("U01PARTNER4", id, { start: new Date("2026-06-14T08:00:00Z"), format: "video", link: "https://meet.example.org/r1" });
    expect(past.status).toBe(200);
    expect(past.json).toMatchObject({ response_action: "errors", errors: { [ids.ACCEPT_START_BLOCK]: expect.stringContaining("Vergangenheit") } });
    expect((await requestRow(id)).state).toBe("requested");

    const start = new Date("2026-06-17T08:00:00Z");
    const accepted = await flow.accept("U01PARTNER4", id, { start, format: "video", link: "https://meet.example.org/r1" });
    expect(accepted).toEqual({ status: 200, json: null }); // closes the modal
    expect(await requestRow(id)).toMatchObject({ state: "scheduled", scheduledStart: start, format: "video" });
    await flow.settle();
    const saved = await flow.db.prisma.slackMessage.findUniqueOrThrow({ where: { requestId_purpose: { requestId: id, purpose: "partner_request" } } });
    const update = flow.slack.calls("chat.update").find((c) => c.args.ts === saved.ts);
    // Only what a partner may still do with a scheduled session: a new date or a cancel.
    expect(buttonsOf(update!.args.blocks).map((b) => [b.action_id, b.value])).toEqual([[ids.PROPOSE_NEW_DATE, id], [ids.PARTNER_CANCEL, id]]);
    expect(textOf(update!.args.blocks)).toContain("Vereinbart");
    expect(postsTo("U01CONTACT3").at(-1)?.args.text).toContain("hat Ihre Anfrage angenommen");
  });

  it("App Home: app_home_opened publishes the contact's Home", async () => {
    await flow.bookOk("U01CONTACT1", { topics: ["surveys"], partnerId: partner4, question: "Home?" });
    await flow.settle();
    flow.slack.reset();
    expect((await flow.slackApi.appHomeOpened({ user: "U01CONTACT1" })).status).toBe(200);
    const published = await flow.slack.waitFor("views.publish", (c) => c.args.user_id === "U01CONTACT1");
    expect(published.args.view.type).toBe("home");
    expect(textOf(published.args.view.blocks)).toContain("*Stadt Musterstadt*: Noch 11 von 12 Einheiten");
  });

  it("Slack's retries: a re-sent booking submission answers the same and books once; a re-sent event publishes once", async () => {
    const form = { topics: ["surveys"], partnerId: partner4, question: "Einmal bitte" };
    const first = await flow.book("U01CONTACT3", form, "VRETRY1");
    const retry = await flow.book("U01CONTACT3", form, "VRETRY1", { retryNum: 1 });
    expect(first.json.view.callback_id).toBe(ids.BOOKING_SENT_MODAL);
    expect(retry.json.view.callback_id).toBe(ids.BOOKING_SENT_MODAL);
    expect(await flow.db.prisma.sessionRequest.count()).toBe(1);
    await flow.settle();
    expect(postsTo("U01PARTNER4")).toHaveLength(1);

    flow.slack.reset();
    const eventId = `Ev0RETRY${transport.toUpperCase()}`;
    expect((await flow.slackApi.appHomeOpened({ user: "U01CONTACT1", eventId })).status).toBe(200);
    await flow.slack.waitFor("views.publish", (c) => c.args.user_id === "U01CONTACT1");
    expect((await flow.slackApi.appHomeOpened({ user: "U01CONTACT1", eventId }, { retryNum: 1, retryReason: "timeout" })).status).toBe(200);
    await pause(300);
    expect(flow.slack.calls("views.publish")).toHaveLength(1);
    if (flow.socket) {
      // Both deliveries of each envelope were acked: Slack stops re-sending.
      const reSent = flow.socket.acks().filter((a, i, all) => all.findIndex((b) => b.envelopeId === a.envelopeId) !== i);
      expect(reSent.length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe("Socket Mode connection", () => {
  let flow: Flow;
  beforeAll(async () => {
    flow = await startFlow({ clock, transport: "socket", app: { slackDownGraceMs: 1_000 } });
  });
  afterAll(async () => flow?.stop());
  beforeEach(async () => {
    clock.set("2026-06-15T08:00:00Z");
    await flow.reset();
  });
  const socket = () => flow.socket!;
  const metrics = async () => (await fetch(`${flow.base}/metrics`)).text();
  const readyz = async () => {
    const response = await fetch(`${flow.base}/readyz`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("asks for its connection at SLACK_API_URL with the app-level token (GovSlack, proxies)", async () => {
    // startFlow already connected: the fake Web API (SLACK_API_URL) handed out the fake socket's URL.
    const connections = socket().connectionCount();
    expect(connections).toBeGreaterThanOrEqual(1);
    socket().disconnect("refresh_requested");
    await socket().waitForConnections(connections + 1);
    // Connected again (hello seen by the app): the next test starts from a settled connection.
    await eventually(async () => expect(sample(await metrics(), "sparring_slack_socket_connected")).toBe(1));
    expect(flow.slack.calls("apps.connections.open").length).toBeGreaterThanOrEqual(1);
    const opened = flow.slack.calls("apps.connections.open");
    expect(opened.every((c) => c.token === appToken)).toBe(true);
  });

  it.each(["refresh_requested", "link_disabled", "warning"])("reconnects after disconnect (%s), counted in /metrics, and keeps working", async (reason) => {
    const before = sample(await metrics(), "sparring_slack_socket_reconnects_total", { reason }) ?? 0;
    const connections = socket().connectionCount();
    expect(socket().openConnections()).toBe(1);
    socket().disconnect(reason);
    await socket().waitForConnections(connections + 1);
    await eventually(async () => expect(sample(await metrics(), "sparring_slack_socket_reconnects_total", { reason })).toBe(before + 1), 10_000);
    expect(sample(await metrics(), "sparring_slack_socket_connected")).toBe(1);
    const status = await flow.command("U01CONTACT1", "status");
    expect(textOf(status.args.blocks)).toContain("Noch 12 von 12 Einheiten");
  });

  it("a dropped connection: reconnects; an envelope acked before the drop and re-sent after it runs once", async () => {
    const responseId = "status-once";
    const payload = Object.fromEntries(
      new URLSearchParams(slashCommandBody({ user: "U01CONTACT1", text: "status", responseUrl: flow.slack.responseUrl(responseId) })),
    );
    const envelope = await socket().send("slash_commands", payload);
    await socket().waitForAck(envelope.envelope_id);
    await flow.responded(responseId);

    const connections = socket().connectionCount();
    const before = sample(await metrics(), "sparring_slack_socket_reconnects_total", { reason: "connection_lost" }) ?? 0;
    socket().drop();
    await socket().waitForConnections(connections + 1);
    // Slack did not see the ack (it thinks): the same envelope again on the new connection.
    await socket().resend(envelope);
    const second = await socket().waitForAck(envelope.envelope_id, 2);
    expect(second.payload).toEqual({});
    await pause(500);
    expect(flow.slack.calls("respond").filter((c) => c.id === responseId)).toHaveLength(1);
    expect(sample(await metrics(), "sparring_slack_requests_total", { kind: "command", outcome: "duplicate" })).toBeGreaterThanOrEqual(1);
    await eventually(async () =>
      expect(sample(await metrics(), "sparring_slack_socket_reconnects_total", { reason: "connection_lost" })).toBe(before + 1),
    );
  });

  it("a re-sent event after a reconnect publishes the Home once", async () => {
    const envelope = await socket().send("events_api", appHomeOpenedEnvelope({ user: "U01CONTACT1", eventId: "Ev0SOCKETRESENT" }));
    await socket().waitForAck(envelope.envelope_id);
    await flow.slack.waitFor("views.publish", (c) => c.args.user_id === "U01CONTACT1");
    const connections = socket().connectionCount();
    socket().disconnect("refresh_requested");
    await socket().waitForConnections(connections + 1);
    await socket().resend(envelope);
    await socket().waitForAck(envelope.envelope_id, 2);
    await pause(500);
    expect(flow.slack.calls("views.publish")).toHaveLength(1);
  });

  it("/readyz answers 503 naming Slack once the connection is down longer than the grace; /livez stays 200; both recover", async () => {
    expect(await readyz()).toMatchObject({ status: 200, body: { database: "up", slack: "up" } });
    socket().refuse(true);
    socket().drop();
    await eventually(async () => expect(await readyz()).toMatchObject({ status: 503, body: { status: "slack unreachable", database: "up", slack: "down" } }), 15_000);
    expect((await fetch(`${flow.base}/livez`)).status).toBe(200);
    expect((await fetch(`${flow.base}/healthz`)).status).toBe(503);
    expect(sample(await metrics(), "sparring_slack_socket_connected")).toBe(0);
    socket().refuse(false);
    await eventually(async () => expect(await readyz()).toMatchObject({ status: 200, body: { slack: "up" } }), 20_000);
  });
});
