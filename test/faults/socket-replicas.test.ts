/**
 * Two replicas in Socket Mode on one PostgreSQL, each with its own connection to one (fake) Slack:
 * an envelope acked by one replica and re-sent by Slack to the other runs once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appHomeOpenedEnvelope, slashCommandBody } from "../support/slack-requests.ts";
import { startFakeSlack, type FakeSlack } from "../support/fake-slack.ts";
import { startApp, type RunningApp } from "../support/start-app.ts";
import { createThrowawayDatabase } from "../support/postgres.ts";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Socket Mode with two replicas", () => {
  let slack: FakeSlack;
  let database: { url: string; drop: () => Promise<void> };
  let first: RunningApp;
  let second: RunningApp;
  beforeAll(async () => {
    slack = await startFakeSlack();
    database = await createThrowawayDatabase("sparring_socket_replicas");
    first = await startApp({ slack, databaseUrl: database.url, transport: "socket" });
    // The second replica connects to the first's fake Socket Mode server, as both would to Slack.
    second = await startApp({ slack, databaseUrl: database.url, importExample: false, transport: "socket", socket: first.socket! });
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await slack?.close();
    await database?.drop();
  });

  it("each replica holds its own connection; a command acked by one and re-sent to the other answers once", async () => {
    const socket = first.socket!;
    await socket.waitForConnections(2);
    expect(socket.openConnections()).toBe(2);
    const [one, two] = [1, 2];

    const responseId = "replica-status";
    const payload = Object.fromEntries(new URLSearchParams(slashCommandBody({ user: "U01CONTACT1", text: "status", responseUrl: slack.responseUrl(responseId) })));
    const envelope = await socket.send("slash_commands", payload, { connection: one });
    await socket.waitForAck(envelope.envelope_id);
    // The status answer (after the privacy notice on a person's first use).
    await slack.waitFor("respond", (c) => c.id === responseId && String(c.args.text ?? "").includes("12"), 8_000);
    await pause(300);
    const answered = slack.calls("respond").filter((c) => c.id === responseId).length;
    await socket.resend(envelope, two);
    const again = await socket.waitForAck(envelope.envelope_id, 2);
    expect(again.connection).toBe(two);
    await pause(500);
    expect(slack.calls("respond").filter((c) => c.id === responseId)).toHaveLength(answered);

    // Events likewise: the Home is published once.
    const event = await socket.send("events_api", appHomeOpenedEnvelope({ user: "U01CONTACT1", eventId: "Ev0REPLICAS" }), { connection: two });
    await socket.waitForAck(event.envelope_id);
    await slack.waitFor("views.publish", (c) => c.args.user_id === "U01CONTACT1", 8_000);
    await socket.resend(event, one);
    await socket.waitForAck(event.envelope_id, 2);
    await pause(500);
    expect(slack.calls("views.publish").filter((c) => c.args.user_id === "U01CONTACT1")).toHaveLength(1);
  });
});
