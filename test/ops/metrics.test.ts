/**
 * What an operator watches, through the app's real HTTP endpoint: /metrics in Prometheus format
 * (requests, ack latency, outbox backlog and age, Slack API errors, jobs, database errors) and the
 * health split (/livez, /readyz, /healthz).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFlow, type Flow } from "../slack/flow-helpers.ts";
import { sample } from "../support/metrics-text.ts";

describe("metrics and probes (HTTP mode)", () => {
  let flow: Flow;
  beforeAll(async () => {
    // The outbox worker only runs when poked (no timer): rows written behind its back stay undelivered.
    flow = await startFlow({ app: { outboxIntervalMs: 3_600_000 } });
  });
  afterAll(async () => flow?.stop());

  const scrape = async () => {
    const response = await fetch(`${flow.base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    return response.text();
  };

  it("/livez, /readyz and /healthz answer 200 while the database is reachable; HTTP mode reports no Slack connection", async () => {
    expect((await fetch(`${flow.base}/livez`)).status).toBe(200);
    for (const path of ["/readyz", "/healthz"]) {
      const response = await fetch(`${flow.base}${path}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "ok", database: "up" });
    }
    expect(sample(await scrape(), "sparring_slack_socket_connected")).toBeUndefined();
  });

  it("counts requests by kind and outcome and times their acks", async () => {
    const before = await scrape();
    const count = (text: string) => sample(text, "sparring_slack_requests_total", { kind: "command", outcome: "ok" }) ?? 0;
    const acks = (text: string) => sample(text, "sparring_ack_latency_seconds_count", { kind: "command" }) ?? 0;
    await flow.command("U01CONTACT1", "hilfe");
    await flow.command("U01CONTACT1", "status");
    const after = await scrape();
    expect(count(after)).toBe(count(before) + 2);
    expect(acks(after)).toBe(acks(before) + 2);
    expect(sample(after, "sparring_ack_latency_seconds_bucket", { kind: "command", le: "3" })).toBe(acks(after));
    // A payload Bolt could not read is counted as such.
    expect((await flow.slackApi.interaction({ type: "block_actions", actions: [] })).status).toBe(200);
    expect(sample(await scrape(), "sparring_slack_requests_total", { kind: "block_actions", outcome: "malformed" })).toBe(1);
  });

  it("reports the outbox backlog and the age of the oldest undelivered row", async () => {
    await flow.db.prisma.outboxMessage.create({
      data: { kind: "slack", payload: { op: "noop" }, createdAt: new Date(Date.now() - 15 * 60_000), availableAt: new Date(Date.now() + 3_600_000) },
    });
    const text = await scrape();
    expect(sample(text, "sparring_outbox_backlog")).toBeGreaterThanOrEqual(1);
    expect(sample(text, "sparring_outbox_oldest_undelivered_age_seconds")).toBeGreaterThanOrEqual(15 * 60 - 5);
    await flow.db.prisma.outboxMessage.deleteMany({});
    const empty = await scrape();
    expect(sample(empty, "sparring_outbox_backlog")).toBe(0);
    expect(sample(empty, "sparring_outbox_oldest_undelivered_age_seconds")).toBe(0);
  });

  it("counts failed Slack API calls by method and code, 429s included", async () => {
    const before = await scrape();
    flow.slack.failNext("views.open", { status: 429, retryAfter: 0 });
    flow.slack.failNext("views.publish", { error: "not_authed" });
    expect((await flow.slackApi.slashCommand({ user: "U01CONTACT1", text: "" })).status).toBe(200);
    await flow.slack.waitFor("views.open", (c) => c.status === 200);
    expect((await flow.slackApi.appHomeOpened({ user: "U01CONTACT1" })).status).toBe(200);
    await flow.slack.waitFor("views.publish");
    const errors = (text: string, method: string, code: string) => sample(text, "sparring_slack_api_errors_total", { method, code }) ?? 0;
    let after = await scrape();
    for (let i = 0; i < 100 && errors(after, "views.publish", "not_authed") === errors(before, "views.publish", "not_authed"); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await scrape();
    }
    expect(errors(after, "views.open", "ratelimited")).toBe(errors(before, "views.open", "ratelimited") + 1);
    expect(errors(after, "views.publish", "not_authed")).toBe(errors(before, "views.publish", "not_authed") + 1);
  });

  it("reports job runs and each job's last success (also from other replicas, via job_runs)", async () => {
    await flow.app.jobs.runDue();
    // Another replica's run, recorded in job_runs (a time this process cannot have reached).
    const finishedAt = new Date("2099-01-05T08:00:05Z");
    await flow.db.prisma.jobRun.create({ data: { name: "weekly-digest", slot: "2099-W02", startedAt: new Date("2099-01-05T08:00:00Z"), finishedAt } });
    const text = await scrape();
    expect(sample(text, "sparring_job_runs_total", { job: "expire-requests", outcome: "ok" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "sparring_job_last_success_timestamp_seconds", { job: "expire-requests" })).toBeGreaterThan(Date.now() / 1000 - 600);
    expect(sample(text, "sparring_job_last_success_timestamp_seconds", { job: "weekly-digest" })).toBe(finishedAt.getTime() / 1000);
  });

  it("counts database errors", async () => {
    const count = (text: string) =>
      text
        .split("\n")
        .filter((line) => line.startsWith("sparring_database_errors_total{"))
        .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(" ") + 1)), 0);
    const before = count(await scrape());
    await expect(flow.db.prisma.$queryRawUnsafe("SELECT 1 / 0")).rejects.toThrow();
    expect(count(await scrape())).toBe(before + 1);
  });
});
