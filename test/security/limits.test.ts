/**
 * Inputs at and beyond every limit, and text that tries to be markup: stored exactly as typed,
 * shown escaped (Slack reads `<…>` as mentions and links), or refused on the field with the reason.
 */
import { describe, expect, it } from "vitest";
import * as ids from "../../src/slack/ids.ts";
import { mutableClock, sharedFlow, textOf } from "../slack/flow-helpers.ts";

const clock = mutableClock("2026-06-15T08:00:00Z");
const INJECTION = "*bold* _x_ <!channel> <!here> <@U123> <https://evil.example|click> &amp; ~strike~ `code`";
const WORLD = "مرحبا بالعالم · שלום עולם · 😀👩‍👩‍👧🇩🇪 · a\u200Bb\u200Cc\u200Dd\u2060e\uFEFFf · \u202Eevil\u202C";
const start = new Date("2026-06-17T08:00:00Z");

describe("limits and injection", () => {
  const { flow, people } = sharedFlow(clock, { people: ["U01PARTNER4"] });

  const book = (question: string, times = "") => flow.book("U01CONTACT3", { topics: ["surveys"], partnerId: people.U01PARTNER4, question, times });
  const stored = (id: string) => flow.db.prisma.sessionRequest.findUniqueOrThrow({ where: { id } });
  /** Everything the app sent to the partner's DM, as one JSON string. */
  const partnerDm = async () => {
    await flow.settle();
    return JSON.stringify(flow.slack.calls().filter((c) => ["chat.postMessage", "chat.update"].includes(c.method) && c.args.channel === "DU01PARTNER4").map((c) => c.args));
  };
  /** No raw mention or link syntax from user input survives in what Slack would render. */
  const expectEscaped = (rendered: string) => {
    for (const raw of ["<!channel>", "<!here>", "<@U123>", "<https://evil.example|click>"]) expect(rendered).not.toContain(raw);
    expect(rendered).toContain("&lt;!channel&gt;");
    expect(rendered).toContain("&lt;@U123&gt;");
    expect(rendered).toContain("&lt;https://evil.example|click&gt;");
  };

  it("question: 2000 characters are accepted, 2001 get the limit on the field", async () => {
    const max = await book("x".repeat(2000));
    expect(max.json.view.callback_id).toBe(ids.BOOKING_SENT_MODAL);
    const over = await book("y".repeat(2001));
    expect(over.json).toEqual({ response_action: "errors", errors: { [ids.BOOKING_QUESTION_BLOCK]: "Bitte höchstens 2000 Zeichen." } });
    expect(await flow.db.prisma.sessionRequest.count()).toBe(1);
    expect((await flow.db.prisma.sessionRequest.findFirstOrThrow()).question).toBe("x".repeat(2000));
  });

  it("question with mrkdwn, mentions, links, emoji, RTL and zero-width characters: stored as typed, escaped in the partner DM", async () => {
    const question = `${INJECTION}\n${WORLD}`;
    const id = await flow.bookOk("U01CONTACT3", { topics: ["surveys"], partnerId: people.U01PARTNER4, question, times: "Mo <!here> 9–12 Uhr 😀" });
    const row = await stored(id);
    expect(row.question).toBe(question);
    expect(row.preferredTimes).toBe("Mo <!here> 9–12 Uhr 😀");
    const dm = await partnerDm();
    expectEscaped(dm);
    expect(dm).toContain("Mo &lt;!here&gt; 9–12 Uhr 😀");
    for (const part of ["مرحبا بالعالم", "שלום עולם", "😀👩‍👩‍👧🇩🇪", "a\u200Bb\u200Cc\u200Dd\u2060e\uFEFFf"]) expect(dm).toContain(JSON.stringify(part).slice(1, -1));
  });

  it("a question of only zero-width characters counts as empty", async () => {
    const answer = await book("\u200B\u200C\u200D\uFEFF");
    expect(answer.json).toEqual({ response_action: "errors", errors: { [ids.BOOKING_QUESTION_BLOCK]: "Bitte füllen Sie dieses Feld aus." } });
    expect(await flow.db.prisma.sessionRequest.count()).toBe(0);
  });

  it("preferred times: 500 accepted, 501 refused on the field", async () => {
    expect((await book("Zeiten", "t".repeat(500))).json.view.callback_id).toBe(ids.BOOKING_SENT_MODAL);
    const over = await book("Zeiten", "t".repeat(501));
    expect(over.json).toEqual({ response_action: "errors", errors: { [ids.BOOKING_TIMES_BLOCK]: "Bitte höchstens 500 Zeichen." } });
    expect(await flow.db.prisma.sessionRequest.count()).toBe(1);
  });

  it("names from the directory with markup are escaped in /sparring status", async () => {
    await flow.bookOk("U01CONTACT3", { topics: ["surveys"], partnerId: people.U01PARTNER4, question: "Status?" });
    await flow.db.prisma.person.update({ where: { id: people.U01PARTNER4 }, data: { name: "Dr. <!channel> <@U123> <https://evil.example|click>" } });
    await flow.db.prisma.municipality.update({ where: { key: "beispielheim" }, data: { name: "Gemeinde <!here>" } });
    try {
      const status = await flow.command("U01CONTACT3", "status");
      const rendered = JSON.stringify(status.args.blocks);
      expectEscaped(rendered);
      expect(rendered).toContain("Gemeinde &lt;!here&gt;");
      expect(rendered).not.toContain("<!here>");
    } finally {
      await flow.db.prisma.person.update({ where: { id: people.U01PARTNER4 }, data: { name: "Dr. Henrik Lautenschläger" } });
      await flow.db.prisma.municipality.update({ where: { key: "beispielheim" }, data: { name: "Gemeinde Beispielheim" } });
    }
  });

  it("decline reason: 501 refused on the field; 500 with markup stored as typed and escaped for the requester", async () => {
    const id = await flow.bookOk("U01CONTACT3", { topics: ["surveys"], partnerId: people.U01PARTNER4, question: "Ablehnen?" });
    const over = await flow.decline("U01PARTNER4", id, "r".repeat(501));
    expect(over.json).toEqual({ response_action: "errors", errors: { [ids.DECLINE_REASON_BLOCK]: "Bitte höchstens 500 Zeichen." } });
    expect((await stored(id)).state).toBe("requested");
    const reason = `${INJECTION} ${WORLD}`.padEnd(500, ".");
    expect(reason.length).toBe(500);
    expect((await flow.decline("U01PARTNER4", id, reason)).json).toBeNull();
    const row = await stored(id);
    expect(row).toMatchObject({ state: "declined", declineReason: reason });
    await flow.settle();
    const toRequester = JSON.stringify(flow.slack.calls("chat.postMessage").filter((c) => c.args.channel === "DU01CONTACT3").map((c) => c.args.blocks));
    expect(toRequester).toContain("&lt;!channel&gt;");
    expectEscaped(toRequester);
  });

  it("meeting link: javascript:, data:, http:, host without a dot and over-long links refused; https accepted and escaped", async () => {
    const id = await flow.bookOk("U01CONTACT3", { topics: ["surveys"], partnerId: people.U01PARTNER4, question: "Link?" });
    for (const link of ["javascript:alert(1)", "JAVASCRIPT://meet.example.org/%0aalert(1)", "data:text/html,<b>x</b>", "http://meet.example.org/r", "https://localhost/r", "https://evil.example|click", `https://meet.example.org/${"a".repeat(500)}`, "meet.example.org"]) {
      const answer = await flow.accept("U01PARTNER4", id, { start, format: "video", link });
      expect(answer.json?.response_action, link).toBe("errors");
      expect(Object.keys(answer.json.errors), link).toEqual([ids.ACCEPT_LINK_BLOCK]);
    }
    expect((await stored(id)).state).toBe("requested");
    const link = "https://meet.example.org/r/123?pwd=a&b=<c>";
    expect((await flow.accept("U01PARTNER4", id, { start, format: "video", link })).json).toBeNull();
    expect(await stored(id)).toMatchObject({ state: "scheduled", meetingLink: link });
    const dm = await partnerDm();
    expect(dm).toContain("https://meet.example.org/r/123?pwd=a&amp;b=&lt;c&gt;");
    expect(dm).not.toContain("b=<c>");
  });

  it("phone: letters, markup and over-long numbers refused; the usual formats accepted", async () => {
    const id = await flow.bookOk("U01CONTACT3", { topics: ["surveys"], partnerId: people.U01PARTNER4, question: "Telefon?" });
    for (const phone of ["abc", "<!channel>", "+49 <@U123>", "1".repeat(41), "javascript:1", "12", "+", "0711\n123456"]) {
      const answer = await flow.accept("U01PARTNER4", id, { start, format: "phone", phone });
      expect(answer.json?.response_action, phone).toBe("errors");
      expect(Object.keys(answer.json.errors), phone).toEqual([ids.ACCEPT_PHONE_BLOCK]);
    }
    expect((await stored(id)).state).toBe("requested");
    expect((await flow.accept("U01PARTNER4", id, { start, format: "phone", phone: "+49 (711) 12-34 56" })).json).toBeNull();
    expect(await stored(id)).toMatchObject({ state: "scheduled", format: "phone", meetingPhone: "+49 (711) 12-34 56" });
  });

  it("text in the status and refusal messages stays inside Slack's limits", async () => {
    const answer = await flow.book("U01CONTACT3", { topics: ["surveys", "x".repeat(64)], partnerId: people.U01PARTNER4, question: "?" });
    expect(answer.json.response_action).toBe("errors");
    expect(textOf([{ type: "section", text: { type: "mrkdwn", text: answer.json.errors[ids.BOOKING_TOPICS_BLOCK] } }]).length).toBeLessThan(2000);
  });
});
