/**
 * End to end, the scheduled jobs as Slack sees them (jobs.runDue() with a clock the test moves):
 * expiry after 5 BW working days across Christmas, reminders the day before, and the held
 * question after the session (answered, and unanswered until the leads' overview counts it).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as ids from "../../src/slack/ids.ts";
import type { RecordedCall } from "../support/fake-slack.ts";
import { buttonsOf, eventually, mutableClock, startFlow, textOf, type Flow, withoutCalendar } from "../slack/flow-helpers.ts";

const clock = mutableClock("2026-06-15T08:00:00Z");

describe("jobs through Slack", () => {
  let flow: Flow;
  let p: Record<string, string>;
  beforeAll(async () => {
    flow = await startFlow({ clock, backend: "postgres" });
    p = { partner2: await flow.personId("U01PARTNER2"), partner4: await flow.personId("U01PARTNER4") };
  });
  afterAll(async () => flow?.stop());
  beforeEach(async () => {
    clock.set("2026-06-15T08:00:00Z");
    await flow.reset();
  });

  const requestRow = (id: string) => flow.db.prisma.sessionRequest.findUniqueOrThrow({ where: { id } });
  const postsTo = (user: string) => withoutCalendar(flow.slack.calls("chat.postMessage")).filter((c) => c.args.channel === `D${user}`);
  const shown = (c: RecordedCall) => `${c.args.text}\n${textOf(c.args.blocks)}`;
  const runJobs = async (at: string) => {
    clock.set(at);
    const ran = await flow.app.jobs.runDue();
    await flow.settle();
    return ran;
  };

  it("a request made on 23.12. expires exactly after 5 BW working days (25./26.12. skipped): requester told, partner DM updated, unit released", async () => {
    clock.set("2026-12-23T09:00:00Z"); // Wednesday, 10:00 in Berlin
    const id = await flow.bookOk("U01CONTACT3", { topics: ["surveys"], partnerId: p.partner4!, question: "Vor Weihnachten?" });
    await flow.settle();
    const partnerDm = await flow.db.prisma.slackMessage.findUniqueOrThrow({ where: { requestId_purpose: { requestId: id, purpose: "partner_request" } } });
    expect(textOf((await flow.command("U01CONTACT3", "status")).args.blocks)).toContain("Noch 11 von 12 Einheiten");

    // Working days after 23.12.: 24., 28., 29., 30., 31. – without the holiday on 25.12. it would have expired at the start of 31.12.
    for (const at of ["2026-12-30T23:00:00Z", "2026-12-31T12:00:00Z", "2026-12-31T22:59:59Z"]) {
      await runJobs(at);
      expect((await requestRow(id)).state, at).toBe("requested");
    }
    flow.slack.reset();
    await runJobs("2026-12-31T23:00:00Z"); // 00:00 on 1.1.2027 in Berlin
    expect(await requestRow(id)).toMatchObject({ state: "expired" });
    const event = await flow.db.prisma.requestEvent.findFirstOrThrow({ where: { requestId: id, toState: "expired" } });
    expect(event).toMatchObject({ fromState: "requested", actorId: null });

    const told = postsTo("U01CONTACT3");
    expect(told).toHaveLength(1);
    expect(shown(told[0]!)).toContain("Ihre Sparring-Anfrage an Dr. Henrik Lautenschläger wurde nicht rechtzeitig beantwortet und ist abgelaufen");
    const update = flow.slack.calls("chat.update").find((c) => c.args.ts === partnerDm.ts && c.args.channel === partnerDm.channel);
    expect(update).toBeDefined();
    expect(buttonsOf(update!.args.blocks)).toEqual([]); // no Accept/Decline on an expired request
    expect(shown(update!)).toContain("abgelaufen");
    expect(postsTo("U01PARTNER4")).toHaveLength(0); // updated in place, not posted again

    expect(textOf((await flow.command("U01CONTACT3", "status")).args.blocks)).toContain("Noch 12 von 12 Einheiten");
    await runJobs("2027-01-02T10:00:00Z");
    expect(postsTo("U01CONTACT3")).toHaveLength(1); // told once
  });

  it("reminders the day before (once), the held question after the end, answered in place; unanswered asked again after 3 days, then counted for the leads", async () => {
    const a = await flow.bookOk("U01CONTACT3", { topics: ["surveys"], partnerId: p.partner4!, question: "Sitzung A" });
    const b = await flow.bookOk("U01CONTACT4", { topics: ["random-selection"], partnerId: p.partner2!, question: "Sitzung B" });
    expect((await flow.accept("U01PARTNER4", a, { start: new Date("2026-06-16T08:00:00Z"), format: "video", link: "https://meet.example.org/a" })).json).toBeNull();
    expect((await flow.accept("U01PARTNER2", b, { start: new Date("2026-06-16T12:00:00Z"), format: "video", link: "https://meet.example.org/b" })).json).toBeNull();
    await flow.settle();
    flow.slack.reset();

    const reminders = (user: string) => postsTo(user).filter((c) => String(c.args.text).startsWith("Erinnerung"));
    await runJobs("2026-06-15T16:00:00Z"); // Monday afternoon: both sessions are tomorrow
    for (const user of ["U01CONTACT3", "U01PARTNER4", "U01CONTACT4", "U01PARTNER2"]) expect(reminders(user), user).toHaveLength(1);
    expect(shown(reminders("U01CONTACT3")[0]!)).toContain("Erinnerung an Ihre Sparring-Einheit mit Dr. Henrik Lautenschläger: *<!date^");
    expect(shown(reminders("U01PARTNER4")[0]!)).toContain("Erinnerung an Ihre Sparring-Einheit mit Fatma Yilmaz (Gemeinde Beispielheim): *<!date^");
    await runJobs("2026-06-15T18:00:00Z");
    for (const user of ["U01CONTACT3", "U01PARTNER4", "U01CONTACT4", "U01PARTNER2"]) expect(reminders(user), user).toHaveLength(1);

    // A has ended (09:00), B not yet (13:00): only A's partner is asked.
    const heldQuestions = (user: string) => postsTo(user).filter((c) => buttonsOf(c.args.blocks).some((x) => x.action_id === ids.MARK_HELD));
    await runJobs("2026-06-16T09:30:00Z");
    expect(heldQuestions("U01PARTNER4")).toHaveLength(1);
    expect(heldQuestions("U01PARTNER2")).toHaveLength(0);
    const question = heldQuestions("U01PARTNER4")[0]!;
    expect(shown(question)).toContain("Hat die Sparring-Einheit mit Fatma Yilmaz (Gemeinde Beispielheim)");
    const yes = (question.args.blocks as Array<{ elements?: Array<{ action_id?: string; text?: { text: string } }> }>)
      .flatMap((blk) => blk.elements ?? [])
      .find((e) => e.action_id === ids.MARK_HELD);
    expect(yes?.text?.text).toBe("Ja, hat stattgefunden");
    expect(await flow.press("U01PARTNER4", question, ids.MARK_HELD)).toBe(200);
    await eventually(async () => expect((await requestRow(a)).state).toBe("held"));
    await flow.settle();
    const asked = await flow.db.prisma.slackMessage.findUniqueOrThrow({ where: { requestId_purpose: { requestId: a, purpose: "held_question" } } });
    const answered = flow.slack.calls("chat.update").find((c) => c.args.ts === asked.ts);
    expect(answered?.args.text).toContain("als durchgeführt erfasst");
    expect(buttonsOf(answered!.args.blocks)).toEqual([]);

    // B: asked after its end, not answered; asked once more after three days, then no more.
    await runJobs("2026-06-16T14:00:00Z");
    expect(heldQuestions("U01PARTNER2")).toHaveLength(1);
    await runJobs("2026-06-19T13:59:00Z");
    expect(heldQuestions("U01PARTNER2")).toHaveLength(1);
    await runJobs("2026-06-19T14:00:00Z");
    expect(heldQuestions("U01PARTNER2")).toHaveLength(2);
    await runJobs("2026-06-20T14:00:00Z");
    expect(heldQuestions("U01PARTNER2")).toHaveLength(2);
    expect(heldQuestions("U01PARTNER4")).toHaveLength(1); // the answered one is never asked again
    expect((await requestRow(b)).state).toBe("scheduled");
    // Both questions to B's partner name the requester: both stay recorded, for erasure and retention.
    const recordedB = await flow.db.prisma.slackMessage.findMany({ where: { requestId: b, purpose: { startsWith: "held_question" } } });
    expect(recordedB.map((m) => m.purpose).sort()).toEqual(["held_question", expect.stringMatching(/^held_question:earlier:/)]);
    expect(new Set(recordedB.map((m) => m.ts)).size).toBe(2);

    const unanswered = async () => textOf((await flow.command("U01LEAD0001", "übersicht")).args.blocks);
    expect(await unanswered()).toContain("Termine ohne Rückmeldung, ob sie stattgefunden haben: *0*");
    clock.set("2026-06-22T14:00:00Z"); // three days after the second question
    expect(await unanswered()).toContain("Termine ohne Rückmeldung, ob sie stattgefunden haben: *1*");
  });
});
