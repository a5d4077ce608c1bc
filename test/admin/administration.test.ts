/**
 * End to end through the signed endpoint and the fake Slack: `/sparring verwaltung` for leads,
 * its forms (checked like the import, refused inline, logged with who and when) and
 * "Programmdatei herunterladen" (the current programme as YAML in the lead's DM).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseDirectory } from "../../src/directory/parse-directory.ts";
import { loadDirectory } from "../../src/db/load-directory.ts";
import * as ids from "../../src/slack/ids.ts";
import { adminFormModal } from "../../src/slack/views/admin-views.ts";
import { assertWithinSlackLimits } from "../support/block-kit-limits.ts";
import { input, type StateValues } from "../support/slack-requests.ts";
import { buttonsOf, mutableClock, startFlow, textOf, type Flow } from "../slack/flow-helpers.ts";
import { uploadedFiles } from "../leads/lead-helpers.ts";

const clock = mutableClock("2026-06-15T08:00:00Z");
const user = (id: string | null) => ({ type: "users_select", selected_user: id });

describe("administration in Slack", () => {
  let flow: Flow;
  beforeAll(async () => {
    flow = await startFlow({ clock });
  });
  afterAll(async () => flow?.stop());
  beforeEach(async () => flow.reset());

  const submit = async (userId: string, kind: string, values: StateValues) => {
    const response = await flow.slackApi.viewSubmission({ user: userId, callbackId: ids.ADMIN_MODAL, privateMetadata: kind, values });
    expect(response.status).toBe(200);
    return response.body ? JSON.parse(response.body) : null;
  };
  const addContact = (userId: string, slackId: string, name: string, municipality: string) =>
    submit(userId, "add_contact", {
      [ids.ADMIN_USER_BLOCK]: { [ids.ADMIN_USER]: user(slackId) },
      [ids.ADMIN_NAME_BLOCK]: { [ids.ADMIN_NAME]: input.text(name) },
      [ids.ADMIN_MUNICIPALITY_BLOCK]: { [ids.ADMIN_MUNICIPALITY]: input.externalSelect(municipality) },
    });

  it("a lead opens the menu and a form; a contact is refused", async () => {
    const refused = await flow.command("U01CONTACT1", "verwaltung");
    expect(refused.args.text).toBe("Die Verwaltung ist der Projektleitung vorbehalten.");

    const menu = await flow.command("U01LEAD0001", "verwaltung");
    assertWithinSlackLimits({ text: menu.args.text, blocks: menu.args.blocks });
    const buttons = buttonsOf(menu.args.blocks).map((b) => b.action_id);
    expect(buttons).toContain(`${ids.ADMIN_OPEN_FORM}:add_contact`);
    expect(buttons).toContain(ids.ADMIN_DOWNLOAD);
    expect(buttons).toHaveLength(9);

    await flow.press("U01LEAD0001", menu, `${ids.ADMIN_OPEN_FORM}:add_contact`);
    const opened = await flow.slack.waitFor("views.open", (c) => c.args.view?.callback_id === ids.ADMIN_MODAL);
    expect(opened.args.view.private_metadata).toBe("add_contact");
    assertWithinSlackLimits(opened.args.view);
    expect(opened.args.view.blocks.map((b: { block_id: string }) => b.block_id)).toEqual([ids.ADMIN_USER_BLOCK, ids.ADMIN_NAME_BLOCK, ids.ADMIN_MUNICIPALITY_BLOCK]);

    // The municipality search answers leads only.
    const suggest = async (who: string) =>
      JSON.parse((await flow.slackApi.blockSuggestion({ user: who, actionId: ids.ADMIN_MUNICIPALITY, blockId: ids.ADMIN_MUNICIPALITY_BLOCK, value: "neckar" })).body).options;
    expect((await suggest("U01LEAD0001")).map((o: { value: string }) => o.value)).toEqual(["neckarfeld"]);
    expect(await suggest("U01CONTACT1")).toEqual([]);
  });

  it("adds a contact, refuses a second municipality inline, logs the change; a forged submission changes nothing", async () => {
    const done = await addContact("U01LEAD0001", "U09NEWCON1", "Nina Neu", "neckarfeld");
    expect(done.response_action).toBe("update");
    expect(textOf(done.view.blocks)).toContain("Gespeichert und protokolliert.");
    expect(await flow.db.prisma.person.findUniqueOrThrow({ where: { slackId: "U09NEWCON1" } })).toMatchObject({ name: "Nina Neu", contactOfKey: "neckarfeld", active: true });
    const lead = await flow.personId("U01LEAD0001");
    expect(await flow.db.prisma.adminChange.findMany({ where: { source: "slack" } })).toMatchObject([
      { actorId: lead, action: "add_contact", entityKind: "person", entityKey: "U09NEWCON1", at: clock() },
    ]);

    const again = await addContact("U01LEAD0001", "U09NEWCON1", "Nina Neu", "musterstadt");
    expect(again).toEqual({ response_action: "errors", errors: { [ids.ADMIN_USER_BLOCK]: "Diese Person ist bereits Ansprechperson von Stadt Neckarfeld." } });

    const missing = await addContact("U01LEAD0001", "U09NEWCON2", "", "neckarfeld");
    expect(missing.errors[ids.ADMIN_NAME_BLOCK]).toBe("Bitte füllen Sie dieses Feld aus.");

    const forged = await addContact("U01CONTACT1", "U09FORGED1", "Fälscher", "musterstadt");
    expect(forged.errors[ids.ADMIN_USER_BLOCK]).toBe("Das kann nur die Projektleitung.");
    expect(await flow.db.prisma.person.findUnique({ where: { slackId: "U09FORGED1" } })).toBeNull();
    expect(await flow.db.prisma.adminChange.count({ where: { source: "slack" } })).toBe(1);
  });

  it("adds and retires a topic (retiring allowed, a bad key refused with the import's rule), changes the digest settings", async () => {
    const badKey = await submit("U01LEAD0001", "add_topic", {
      [ids.ADMIN_KEY_BLOCK]: { [ids.ADMIN_KEY]: input.text("Klima Anpassung") },
      [ids.ADMIN_LABEL_DE_BLOCK]: { [ids.ADMIN_LABEL_DE]: input.text("Klimaanpassung") },
      [ids.ADMIN_LABEL_EN_BLOCK]: { [ids.ADMIN_LABEL_EN]: input.text("Climate adaptation") },
    });
    expect(badKey.errors[ids.ADMIN_KEY_BLOCK]).toContain("Das verstößt gegen die Regeln der Programmdatei: topics[11] (Klima Anpassung): key: expected a lowercase slug");

    const added = await submit("U01LEAD0001", "add_topic", {
      [ids.ADMIN_KEY_BLOCK]: { [ids.ADMIN_KEY]: input.text("klima-anpassung") },
      [ids.ADMIN_LABEL_DE_BLOCK]: { [ids.ADMIN_LABEL_DE]: input.text("Klimaanpassung") },
      [ids.ADMIN_LABEL_EN_BLOCK]: { [ids.ADMIN_LABEL_EN]: input.text("Climate adaptation") },
    });
    expect(added.response_action).toBe("update");
    expect(await flow.db.prisma.topic.findUniqueOrThrow({ where: { key: "klima-anpassung" } })).toMatchObject({ labelDe: "Klimaanpassung", retired: false });

    const retired = await submit("U01LEAD0001", "retire_topic", { [ids.ADMIN_TOPIC_BLOCK]: { [ids.ADMIN_TOPIC]: input.staticSelect("klima-anpassung") } });
    expect(retired.response_action).toBe("update");
    expect(await flow.db.prisma.topic.findUniqueOrThrow({ where: { key: "klima-anpassung" } })).toMatchObject({ retired: true });
    const twice = await submit("U01LEAD0001", "retire_topic", { [ids.ADMIN_TOPIC_BLOCK]: { [ids.ADMIN_TOPIC]: input.staticSelect("klima-anpassung") } });
    expect(twice.errors[ids.ADMIN_TOPIC_BLOCK]).toBe("Das ist bereits so eingestellt.");

    const settings = await submit("U01LEAD0001", "settings", {
      [ids.ADMIN_CHANNEL_BLOCK]: { [ids.ADMIN_CHANNEL]: { type: "channels_select", selected_channel: "C0NEWDIGEST" } },
      [ids.ADMIN_WEEKDAY_BLOCK]: { [ids.ADMIN_WEEKDAY]: input.staticSelect("friday") },
      [ids.ADMIN_TIME_BLOCK]: { [ids.ADMIN_TIME]: { type: "timepicker", selected_time: "14:30" } },
    });
    expect(settings.response_action).toBe("update");
    expect(await flow.db.prisma.programme.findFirstOrThrow()).toMatchObject({ digestChannel: "C0NEWDIGEST", digestWeekday: 5, digestTime: "14:30" });
    // Other rules of the programme are untouched.
    expect(await flow.db.prisma.programme.findFirstOrThrow()).toMatchObject({ quotaUnits: 12, assignedQuotaUnits: 5 });
  });

  it("changes the reminder settings: validated, empty keeps the value, logged in the admin audit log", async () => {
    const digest = {
      [ids.ADMIN_WEEKDAY_BLOCK]: { [ids.ADMIN_WEEKDAY]: input.staticSelect("monday") },
      [ids.ADMIN_TIME_BLOCK]: { [ids.ADMIN_TIME]: { type: "timepicker", selected_time: "08:00" } },
    };
    const number = (value: string | null) => ({ type: "number_input", value });
    const reminders = () => flow.db.prisma.programme.findFirstOrThrow({ select: { reminderBeforeMinutes: true, partnerUnansweredWorkingDays: true, expiryWarningWorkingDays: true } });
    const before = await reminders();
    const logged = () => flow.db.prisma.adminChange.findMany({ where: { source: "slack", action: "programme_settings" }, orderBy: { id: "asc" } });
    const loggedBefore = (await logged()).length;

    // The form shows the three settings as optional whole numbers.
    const opened = adminFormModal({ locale: "de", kind: "settings", topics: [] });
    assertWithinSlackLimits(opened);
    const numbers = (opened.blocks as Array<{ type: string; block_id?: string; element?: { type: string } }>)
      .filter((b) => b.type === "input" && b.element?.type === "number_input").map((b) => b.block_id);
    expect(numbers).toEqual([ids.ADMIN_BEFORE_MINUTES_BLOCK, ids.ADMIN_UNANSWERED_DAYS_BLOCK, ids.ADMIN_EXPIRY_WARNING_DAYS_BLOCK]);

    // A forged or mistyped value is refused inline, nothing changes.
    const zero = await submit("U01LEAD0001", "settings", { ...digest, [ids.ADMIN_BEFORE_MINUTES_BLOCK]: { [ids.ADMIN_BEFORE_MINUTES]: number("0") } });
    expect(zero).toEqual({ response_action: "errors", errors: { [ids.ADMIN_BEFORE_MINUTES_BLOCK]: "Bitte geben Sie eine ganze Zahl ab 1 an (höchstens 4 Stellen)." } });
    const decimal = await submit("U01LEAD0001", "settings", { ...digest, [ids.ADMIN_UNANSWERED_DAYS_BLOCK]: { [ids.ADMIN_UNANSWERED_DAYS]: number("1.5") } });
    expect(decimal.errors[ids.ADMIN_UNANSWERED_DAYS_BLOCK]).toContain("ganze Zahl");
    expect(await reminders()).toEqual(before);
    expect(await logged()).toHaveLength(loggedBefore);

    // Two set, one left empty: the empty one keeps its value.
    const saved = await submit("U01LEAD0001", "settings", {
      ...digest,
      [ids.ADMIN_BEFORE_MINUTES_BLOCK]: { [ids.ADMIN_BEFORE_MINUTES]: number("90") },
      [ids.ADMIN_UNANSWERED_DAYS_BLOCK]: { [ids.ADMIN_UNANSWERED_DAYS]: number("3") },
      [ids.ADMIN_EXPIRY_WARNING_DAYS_BLOCK]: { [ids.ADMIN_EXPIRY_WARNING_DAYS]: number(null) },
    });
    expect(saved.response_action).toBe("update");
    expect(await reminders()).toEqual({ reminderBeforeMinutes: 90, partnerUnansweredWorkingDays: 3, expiryWarningWorkingDays: before.expiryWarningWorkingDays });
    const entries = await logged();
    expect(entries).toHaveLength(loggedBefore + 1);
    expect(entries.at(-1)).toMatchObject({ actorId: await flow.personId("U01LEAD0001"), entityKind: "programme", entityKey: "programme", at: clock() });
    // The programme file Slack hands out carries the new values.
    expect((await loadDirectory(flow.db.prisma))?.programme.reminders).toEqual({ before_minutes: 90, partner_unanswered_working_days: 3, expiry_warning_working_days: before.expiryWarningWorkingDays });

    // A non-lead's forged submission changes nothing.
    const forged = await submit("U01CONTACT1", "settings", { ...digest, [ids.ADMIN_BEFORE_MINUTES_BLOCK]: { [ids.ADMIN_BEFORE_MINUTES]: number("5") } });
    expect(forged.response_action).toBe("errors");
    expect((await reminders()).reminderBeforeMinutes).toBe(90);
  });

  it("assigns a facilitator, pauses a partner (not offered any more) and adds a partner", async () => {
    const assign = await submit("U01LEAD0001", "assignment", {
      [ids.ADMIN_USER_BLOCK]: { [ids.ADMIN_USER]: user("U01PARTNER4") },
      [ids.ADMIN_MUNICIPALITY_BLOCK]: { [ids.ADMIN_MUNICIPALITY]: input.externalSelect("neckarfeld") },
      [ids.ADMIN_MODE_BLOCK]: { [ids.ADMIN_MODE]: input.radio("assign") },
    });
    expect(assign.response_action).toBe("update");
    const henrik = await flow.personId("U01PARTNER4");
    expect(await flow.db.prisma.assignment.findUnique({ where: { municipalityKey_partnerId: { municipalityKey: "neckarfeld", partnerId: henrik } } })).not.toBeNull();

    const pause = await submit("U01LEAD0001", "partner_status", {
      [ids.ADMIN_USER_BLOCK]: { [ids.ADMIN_USER]: user("U01PARTNER4") },
      [ids.ADMIN_MODE_BLOCK]: { [ids.ADMIN_MODE]: input.radio("pause") },
    });
    expect(pause.response_action).toBe("update");
    const directory = await flow.command("U01CONTACT1", "partner Umfragen");
    expect(textOf(directory.args.blocks)).not.toContain("Lautenschläger");

    const partner = await submit("U01LEAD0001", "add_partner", {
      [ids.ADMIN_USER_BLOCK]: { [ids.ADMIN_USER]: user("U09NEWPART") },
      [ids.ADMIN_NAME_BLOCK]: { [ids.ADMIN_NAME]: input.text("Petra Neu") },
      [ids.ADMIN_ORGANISATION_BLOCK]: { [ids.ADMIN_ORGANISATION]: input.text("Neu & Partner") },
      [ids.ADMIN_TOPICS_BLOCK]: { [ids.ADMIN_TOPICS]: input.multiStaticSelect(["surveys"]) },
      [ids.ADMIN_FORMATS_BLOCK]: { [ids.ADMIN_FORMATS]: { type: "checkboxes", selected_options: [{ value: "video" }] } },
      [ids.ADMIN_METHODS_BLOCK]: { [ids.ADMIN_METHODS]: input.text("Fokusgruppen, Umfragen") },
      [ids.ADMIN_BIO_BLOCK]: { [ids.ADMIN_BIO]: input.text("") },
    });
    expect(partner.response_action).toBe("update");
    const profile = await flow.db.prisma.partnerProfile.findFirstOrThrow({ where: { person: { slackId: "U09NEWPART" } } });
    expect(profile).toMatchObject({ organisation: "Neu & Partner", topics: ["surveys"], formats: ["video"], methods: ["Fokusgruppen", "Umfragen"], active: true });
    const listed = await flow.command("U01CONTACT1", "partner Umfragen");
    expect(textOf(listed.args.blocks)).toContain("Petra Neu");
  });

  it("Programmdatei herunterladen: the current programme (Slack changes included) as YAML in the lead's DM", async () => {
    await addContact("U01LEAD0001", "U09NEWCON3", "Nora Neu", "beispielheim");
    const menu = await flow.command("U01LEAD0001", "verwaltung");
    await flow.press("U01LEAD0001", menu, ids.ADMIN_DOWNLOAD, { responseId: "DOWNLOAD1" });
    const answer = await flow.responded("DOWNLOAD1");
    expect(answer.args.text).toBe("Die Programmdatei ist in Ihrer Direktnachricht mit der App.");
    const files = await uploadedFiles(flow.slack, "DU01LEAD0001", 1);
    const [file] = [...files.values()];
    expect(file!.title).toBe("programmdatei_2026-06-15.yaml");
    const parsed = parseDirectory(file!.text);
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    expect(parsed.directory.people.find((p) => p.slack_id === "U09NEWCON3")).toMatchObject({ name: "Nora Neu", contact_of: "beispielheim" });
    // Recorded with the people it names: erasing one of them deletes the file from Slack.
    const recorded = await flow.db.prisma.slackMessage.findFirstOrThrow({ where: { purpose: "programme_file" } });
    expect(recorded.personIds).toContain(await flow.personId("U09NEWCON3"));
  });
});
