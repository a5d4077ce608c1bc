/**
 * End to end: a partner edits their own profile from App Home and pauses themselves up to a day;
 * paused partners are not offered (directory, booking), their open requests stay.
 */
import { describe, expect, it } from "vitest";
import * as ids from "../../src/slack/ids.ts";
import { input, type StateValues } from "../support/slack-requests.ts";
import { buttonsOf, mutableClock, sharedFlow, textOf } from "../slack/flow-helpers.ts";

const clock = mutableClock("2026-06-15T08:00:00Z");

describe("partner self-service profile and pause", () => {
  const { flow } = sharedFlow(clock);

  const values = (form: { topics: string[]; formats: string[]; pausedUntil: string | null; bio?: string }): StateValues => ({
    [ids.ADMIN_ORGANISATION_BLOCK]: { [ids.ADMIN_ORGANISATION]: input.text("Institut für Umfragen") },
    [ids.ADMIN_TOPICS_BLOCK]: { [ids.ADMIN_TOPICS]: input.multiStaticSelect(form.topics) },
    [ids.ADMIN_FORMATS_BLOCK]: { [ids.ADMIN_FORMATS]: { type: "checkboxes", selected_options: form.formats.map((value) => ({ value })) } },
    [ids.ADMIN_METHODS_BLOCK]: { [ids.ADMIN_METHODS]: input.text("Fokusgruppen, Online-Befragung") },
    [ids.ADMIN_BIO_BLOCK]: { [ids.ADMIN_BIO]: input.text(form.bio ?? "Neu geschrieben.") },
    [ids.PROFILE_PAUSED_BLOCK]: { [ids.PROFILE_PAUSED]: { type: "datepicker", selected_date: form.pausedUntil } },
  });
  const submit = async (user: string, form: Parameters<typeof values>[0]) => {
    const response = await flow.slackApi.viewSubmission({ user, callbackId: ids.PARTNER_PROFILE_MODAL, values: values(form) });
    return response.body ? JSON.parse(response.body) : null;
  };

  it("edits the profile from Home and pauses until 15.08.: not offered until then, the open request stays", async () => {
    const henrik = await flow.personId("U01PARTNER4");
    const open = await flow.bookOk("U01CONTACT1", { topics: ["surveys"], partnerId: henrik, question: "Frage" });

    await flow.slackApi.appHomeOpened({ user: "U01PARTNER4" });
    const home = await flow.slack.waitFor("views.publish", (c) => c.args.user_id === "U01PARTNER4");
    expect(buttonsOf(home.args.view.blocks).map((b) => b.action_id)).toContain(ids.PARTNER_EDIT_PROFILE);
    await flow.click("U01PARTNER4", ids.PARTNER_EDIT_PROFILE, "me", { fromHome: true });
    const modal = await flow.slack.waitFor("views.open", (c) => c.args.view?.callback_id === ids.PARTNER_PROFILE_MODAL);
    const topicsBlock = modal.args.view.blocks.find((b: { block_id: string }) => b.block_id === ids.ADMIN_TOPICS_BLOCK);
    expect(topicsBlock.element.initial_options.map((o: { value: string }) => o.value)).toEqual(["random-selection", "surveys", "administration-buy-in"]);

    const saved = await submit("U01PARTNER4", { topics: ["surveys", "networking"], formats: ["video", "phone"], pausedUntil: "2026-08-15" });
    expect(saved.response_action).toBe("update");
    expect(textOf(saved.view.blocks)).toContain("Ihr Profil ist gespeichert.");
    const profile = await flow.db.prisma.partnerProfile.findUniqueOrThrow({ where: { personId: henrik } });
    expect(profile).toMatchObject({ topics: ["surveys", "networking"], formats: ["video", "phone"], methods: ["Fokusgruppen", "Online-Befragung"], bio: "Neu geschrieben.", active: true });
    expect(profile.pausedUntil?.toISOString().slice(0, 10)).toBe("2026-08-15");
    expect(await flow.db.prisma.adminChange.findFirst({ where: { action: "partner_self_edit" } })).toMatchObject({ actorId: henrik, entityKey: "U01PARTNER4" });

    // Paused: not in the directory, a booking is refused; the open request stays.
    expect(textOf((await flow.command("U01CONTACT1", "partner Umfragen")).args.blocks)).not.toContain("Lautenschläger");
    const refused = await flow.book("U01CONTACT2", { topics: ["surveys"], partnerId: henrik, question: "Noch eine" });
    expect(refused.json.view?.callback_id ?? refused.json.response_action).not.toBe(ids.BOOKING_SENT_MODAL);
    expect(await flow.db.prisma.sessionRequest.findUniqueOrThrow({ where: { id: open } })).toMatchObject({ state: "requested" });

    // The day is the programme's (Berlin, CEST): 23:30 on the 15th is still paused, 00:30 on the 16th is not (UTC still says the 15th).
    clock.set("2026-08-15T21:30:00Z");
    expect(textOf((await flow.command("U01CONTACT1", "partner Umfragen")).args.blocks)).not.toContain("Lautenschläger");
    clock.set("2026-08-15T22:30:00Z");
    expect(textOf((await flow.command("U01CONTACT1", "partner Umfragen")).args.blocks)).toContain("Lautenschläger");
    await flow.bookOk("U01CONTACT2", { topics: ["surveys"], partnerId: henrik, question: "Nach der Pause" });
  });

  it("refuses a day in the past, a retired topic and someone without a profile", async () => {
    const before = await flow.db.prisma.partnerProfile.findMany({ orderBy: { personId: "asc" } });
    expect((await submit("U01PARTNER4", { topics: ["surveys"], formats: ["video"], pausedUntil: "2026-06-01" })).errors).toEqual({ [ids.PROFILE_PAUSED_BLOCK]: "Bitte wählen Sie einen Tag ab heute." });
    expect((await submit("U01PARTNER4", { topics: [], formats: ["video"], pausedUntil: null })).errors[ids.ADMIN_TOPICS_BLOCK]).toBe("Bitte wählen Sie mindestens ein Thema.");
    expect((await submit("U01PARTNER4", { topics: ["gibt-es-nicht"], formats: ["video"], pausedUntil: null })).errors[ids.ADMIN_TOPICS_BLOCK]).toBe("Bitte wählen Sie nur angebotene Themen.");
    const contact = await submit("U01CONTACT1", { topics: ["surveys"], formats: ["video"], pausedUntil: null });
    expect(contact.errors[ids.ADMIN_TOPICS_BLOCK]).toBe("Sie haben kein Profil als Sparring-Partner/-in.");
    expect(await flow.db.prisma.partnerProfile.findMany({ orderBy: { personId: "asc" } })).toEqual(before);
  });
});
