/**
 * End to end, the session in both calendars: accepting sends the requester and the partner an
 * .ics file (read back with ical.js 2) and a DM with Google / Outlook links; a cancellation sends
 * the same UID with a higher SEQUENCE and STATUS:CANCELLED, a new date the same UID with a higher
 * SEQUENCE and the new times; erasure deletes the files from Slack.
 */
import { describe, expect, it } from "vitest";
import { messages } from "../../src/i18n/index.ts";
import * as ids from "../../src/slack/ids.ts";
import type { RecordedCall } from "../support/fake-slack.ts";
import { readIcs, type ReadEvent } from "../support/read-ics.ts";
import { acceptValues, buttonsOf, eventually, isCalendarPost, mutableClock, sharedFlow, textOf } from "./flow-helpers.ts";

const clock = mutableClock("2026-06-15T08:00:00Z"); // a Monday inside the programme period
const start = new Date("2026-06-17T08:00:00Z"); // Wednesday, 10:00 in Berlin

describe("calendar files through Slack", () => {
  const { flow, people } = sharedFlow(clock, { people: ["U01PARTNER4"] });

  /** The .ics files completed in a DM, oldest first, as a calendar reads them. */
  const icsIn = (channel: string): Array<ReadEvent & { fileId: string; filename: string }> => {
    const uploads = flow.slack.uploads();
    return flow.slack
      .calls("files.completeUploadExternal")
      .filter((c) => c.args.channel_id === channel && c.status === 200)
      .flatMap((c) => c.args.files as Array<{ id: string; title: string }>)
      .map((f) => {
        const upload = uploads.find((u) => u.fileId === f.id);
        if (!upload) throw new Error(`file ${f.id} completed but never uploaded`);
        return { ...readIcs(upload.bytes.toString("utf8")), fileId: f.id, filename: f.title };
      });
  };
  const calendarPosts = (channel: string): RecordedCall[] =>
    flow.slack.calls("chat.postMessage").filter((c) => c.args.channel === channel && isCalendarPost(c));

  const bookAndAccept = async (user: string, form: { format: "video" | "phone"; link?: string; phone?: string }) => {
    const id = await flow.bookOk(user, { topics: ["surveys"], partnerId: people.U01PARTNER4, question: "Wie erreichen wir alle?" });
    await flow.settle();
    expect((await flow.accept("U01PARTNER4", id, { start, ...form })).json).toBeNull();
    await flow.settle();
    return id;
  };

  it("accepting puts the session into both calendars: start, end, UID, sequence 0, link, with Google and Outlook links", async () => {
    const id = await bookAndAccept("U01CONTACT3", { format: "video", link: "https://meet.example.org/r1?pw=a&x=1" });

    const [forRequester, ...moreR] = icsIn("DU01CONTACT3");
    const [forPartner, ...moreP] = icsIn("DU01PARTNER4");
    expect(moreR).toEqual([]);
    expect(moreP).toEqual([]);
    for (const event of [forRequester!, forPartner!]) {
      expect(event).toMatchObject({ method: "PUBLISH", uid: `${id}@sparring`, sequence: 0, status: "CONFIRMED", location: "https://meet.example.org/r1?pw=a&x=1", filename: "sparring-termin.ics" });
      expect(event.start.toISOString()).toBe(start.toISOString());
      expect(event.end.toISOString()).toBe("2026-06-17T09:00:00.000Z"); // one unit of 60 minutes
      expect(event.description).toContain("Link: https://meet.example.org/r1?pw=a&x=1");
    }
    // Each side sees the other one in the title.
    expect(forRequester!.summary).toBe("Sparring mit Dr. Henrik Lautenschläger");
    expect(forPartner!.summary).toBe("Sparring: Gemeinde Beispielheim (Fatma Yilmaz)");

    // The DM with it: Slack's date token and the links, recorded so erasure and retention overwrite it.
    for (const channel of ["DU01CONTACT3", "DU01PARTNER4"]) {
      const [post, ...more] = calendarPosts(channel);
      expect(more).toEqual([]);
      const shown = textOf(post!.args.blocks);
      expect(shown).toContain(`<!date^${start.getTime() / 1000}^{date_long_pretty} {time}|Mi., 17.06.2026, 10:00 Uhr>`);
      expect(shown).toContain("https://calendar.google.com/calendar/render?action=TEMPLATE&amp;");
      expect(shown).toContain("https://outlook.office.com/calendar/deeplink/compose?");
      expect(post!.args.text).toBe("Für Ihren Kalender: Sparring-Einheit Mi., 17.06.2026, 10:00 Uhr");
    }
    const records = await flow.db.prisma.slackMessage.findMany({ where: { requestId: id, purpose: { startsWith: "calendar_" } } });
    expect(records.filter((r) => r.fileId).map((r) => r.fileId).sort()).toEqual([forRequester!.fileId, forPartner!.fileId].sort());
    expect(records.filter((r) => r.ts)).toHaveLength(2);

    // Delivered once: another pass of the outbox sends nothing more.
    await flow.settle();
    expect(flow.slack.calls("files.completeUploadExternal")).toHaveLength(2);
  });

  it("cancelling sends both the same UID with a higher sequence and STATUS:CANCELLED", async () => {
    const id = await bookAndAccept("U01CONTACT3", { format: "video", link: "https://meet.example.org/r2" });
    const status = await flow.command("U01CONTACT3", "status");
    expect(await flow.press("U01CONTACT3", status, ids.CANCEL_REQUEST, { responseId: "cancel-cal" })).toBe(200);
    await flow.responded("cancel-cal");
    await flow.settle();

    for (const channel of ["DU01CONTACT3", "DU01PARTNER4"]) {
      const [added, cancelled, ...more] = icsIn(channel);
      expect(more).toEqual([]);
      expect(cancelled).toMatchObject({ method: "PUBLISH", uid: added!.uid, status: "CANCELLED" });
      expect(cancelled!.sequence).toBeGreaterThan(added!.sequence);
      expect(cancelled!.start.toISOString()).toBe(start.toISOString());
      expect(cancelled!.summary).toMatch(/^Abgesagt: Sparring/);
      const [, cancelPost] = calendarPosts(channel);
      expect(textOf(cancelPost!.args.blocks)).toContain("Termin abgesagt");
      expect(buttonsOf(cancelPost!.args.blocks)).toEqual([]);
      expect(textOf(cancelPost!.args.blocks)).not.toContain("calendar.google.com");
    }
    expect(icsIn("DU01CONTACT3")[0]!.uid).toBe(`${id}@sparring`);
  });

  it("a new date agreed (reschedule) moves both entries: same UID, higher sequence, the new start and phone number", async () => {
    const id = await bookAndAccept("U01CONTACT3", { format: "video", link: "https://meet.example.org/alt" });
    const later = new Date("2026-06-19T07:00:00Z"); // Friday, 09:00 in Berlin
    const proposed = await flow.slackApi.viewSubmission({
      user: "U01PARTNER4", callbackId: ids.RESCHEDULE_MODAL, values: acceptValues({ start: later, format: "phone", phone: "0711 123456" }), privateMetadata: id, viewId: "VRESCAL1",
    });
    expect(proposed.status).toBe(200);
    await flow.settle();
    // Only a proposal so far: the old date stands, no new file.
    expect(icsIn("DU01CONTACT3")).toHaveLength(1);
    const proposal = flow.slack.calls("chat.postMessage").filter((c) => c.args.channel === "DU01CONTACT3").flatMap((c) => buttonsOf(c.args.blocks)).find((b) => b.action_id === ids.ACCEPT_PROPOSAL);
    expect(await flow.click("U01CONTACT3", ids.ACCEPT_PROPOSAL, proposal!.value, { responseId: "accept-proposal" })).toBe(200);
    await flow.responded("accept-proposal");
    await flow.settle();

    for (const channel of ["DU01CONTACT3", "DU01PARTNER4"]) {
      const [first, moved, ...more] = icsIn(channel);
      expect(more).toEqual([]);
      expect(moved).toMatchObject({ uid: first!.uid, status: "CONFIRMED", location: "0711 123456" });
      expect(moved!.sequence).toBeGreaterThan(first!.sequence);
      expect(moved!.start.toISOString()).toBe(later.toISOString());
      expect(moved!.end.toISOString()).toBe("2026-06-19T08:00:00.000Z");
      expect(textOf(calendarPosts(channel)[1]!.args.blocks)).toContain(`Termin geändert:* Sparring-Einheit jetzt <!date^${later.getTime() / 1000}^`);
    }
  });

  it("a request cancelled before it was accepted sends no calendar file", async () => {
    await flow.bookOk("U01CONTACT3", { topics: ["surveys"], partnerId: people.U01PARTNER4, question: "Frage" });
    await flow.settle();
    const status = await flow.command("U01CONTACT3", "status");
    await flow.press("U01CONTACT3", status, ids.CANCEL_REQUEST, { responseId: "cancel-open" });
    await flow.responded("cancel-open");
    await flow.settle();
    expect(flow.slack.calls("files.getUploadURLExternal")).toEqual([]);
    expect(calendarPosts("DU01CONTACT3")).toEqual([]);
  });

  // Near the end: the app keeps the partner's English for a day after this.
  it("a phone session carries the number; an English reader gets English texts", async () => {
    flow.slack.setLocale("U01PARTNER4", "en-GB");
    // A day later: the app asks Slack for the locale again (it keeps an answer for a day).
    clock.set("2026-06-16T09:00:00Z");
    await bookAndAccept("U01CONTACT3", { format: "phone", phone: "0711 4711990" });
    const [forPartner] = icsIn("DU01PARTNER4");
    expect(forPartner).toMatchObject({ location: "0711 4711990", filename: "sparring-session.ics", summary: "Sparring: Gemeinde Beispielheim (Fatma Yilmaz)" });
    expect(forPartner!.description).toContain("Format: Phone");
    expect(calendarPosts("DU01PARTNER4")[0]!.args.text).toBe("For your calendar: sparring session Wed, 17 Jun 2026, 10:00");
    expect(icsIn("DU01CONTACT3")[0]).toMatchObject({ filename: "sparring-termin.ics", location: "0711 4711990" });
  });

  // After the English one: its requester is erased.
  it("a failed upload is retried without a second DM; erasure deletes the calendar files from Slack", async () => {
    flow.slack.failNext("files.getUploadURLExternal", { status: 500 });
    const id = await bookAndAccept("U01CONTACT3", { format: "video", link: "https://meet.example.org/r3" });
    // The failed delivery is due again after its back-off.
    await eventually(async () => {
      await flow.settle();
      expect(icsIn("DU01CONTACT3").length + icsIn("DU01PARTNER4").length).toBe(2);
    });
    expect(flow.slack.calls("files.getUploadURLExternal").filter((c) => c.status === 500)).toHaveLength(1);
    const fileIds = [...icsIn("DU01CONTACT3"), ...icsIn("DU01PARTNER4")].map((f) => f.fileId);
    expect(fileIds).toHaveLength(2);
    expect(calendarPosts("DU01CONTACT3")).toHaveLength(1);
    expect(calendarPosts("DU01PARTNER4")).toHaveLength(1);

    const showsLinks = (channel: string) => flow.slack.messages(channel).some((m) => JSON.stringify(m.blocks ?? []).includes("calendar.google.com"));
    expect(showsLinks("DU01CONTACT3") && showsLinks("DU01PARTNER4")).toBe(true);

    const ask = await flow.command("U01CONTACT3", "löschen");
    await flow.press("U01CONTACT3", ask, ids.ERASE_PERSON, { responseId: "erase-cal" });
    expect((await flow.responded("erase-cal")).args.text).toBe(messages("de").privacy.erased);
    await flow.settle();

    // Both copies name her: her own and the partner's file are deleted, the calendar DMs overwritten.
    expect(flow.slack.calls("files.delete").filter((c) => c.status === 200).map((c) => c.args.file).sort()).toEqual([...fileIds].sort());
    // The calendar DMs' links carry names and the meeting link: no message in either DM shows them any more.
    for (const channel of ["DU01CONTACT3", "DU01PARTNER4"]) expect(showsLinks(channel), channel).toBe(false);
    expect(await flow.db.prisma.slackMessage.count({ where: { requestId: id, purpose: { startsWith: "calendar_" } } })).toBe(0);
  });
});
