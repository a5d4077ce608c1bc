/**
 * The programme file by upload, end to end: a lead sends the YAML file to the app's DM (message.im
 * event), the app fetches it (files.info, then the download URL with the bot token), answers with
 * a dry run (changed in Slack since the last import first, then created / updated / deactivated,
 * or refused with positions) and an "Apply" button only the sender can use, for 24 hours.
 */
import { describe, expect, it } from "vitest";
import * as ids from "../../src/slack/ids.ts";
import { fileShareEnvelope, input } from "../support/slack-requests.ts";
import { botToken } from "../support/start-app.ts";
import { buttonsOf, mutableClock, sharedFlow, textOf } from "../slack/flow-helpers.ts";
import { exampleRaw, exampleYaml, toYaml } from "../support/example-programme.ts";
import type { RecordedCall } from "../support/fake-slack.ts";

const clock = mutableClock("2026-06-15T08:00:00Z");
let fileCounter = 0;

describe("programme file by upload", () => {
  const { flow } = sharedFlow(clock);

  /** Sends `content` as a file to the app's DM and waits for the app's answer there. */
  async function upload(user: string, name: string, content: string): Promise<RecordedCall> {
    const id = `FUP${String(++fileCounter).padStart(6, "0")}`;
    flow.slack.addSharedFile({ id, name, content });
    const before = flow.slack.calls("chat.postMessage").length;
    const response = await flow.slackApi.event(fileShareEnvelope({ user, fileIds: [id] }));
    expect(response.status).toBe(200);
    return flow.slack.waitFor("chat.postMessage", (c) => c.args.channel === `D${user}` && flow.slack.calls("chat.postMessage").indexOf(c) >= before);
  }
  const apply = (user: string, message: RecordedCall, responseId: string) => flow.press(user, message, ids.ADMIN_APPLY_UPLOAD, { responseId }).then(() => flow.responded(responseId));

  it("dry run names the Slack changes the file would undo; Apply is the sender's, imports all of it once", async () => {
    // A change in Slack since the last import: a new topic.
    const added = await flow.slackApi.viewSubmission({
      user: "U01LEAD0001",
      callbackId: ids.ADMIN_MODAL,
      privateMetadata: "add_topic",
      values: {
        [ids.ADMIN_KEY_BLOCK]: { [ids.ADMIN_KEY]: input.text("klima") },
        [ids.ADMIN_LABEL_DE_BLOCK]: { [ids.ADMIN_LABEL_DE]: input.text("Klima") },
        [ids.ADMIN_LABEL_EN_BLOCK]: { [ids.ADMIN_LABEL_EN]: input.text("Climate") },
      },
    });
    expect(JSON.parse(added.body).response_action).toBe("update");

    // The old file with one edit.
    const raw = exampleRaw();
    raw.people[0].name = "Erika Geändert";
    const dryRun = await upload("U01LEAD0001", "programme.yaml", toYaml(raw));
    const text = textOf(dryRun.args.blocks);
    expect(text).toContain("Probelauf für *programme.yaml* – noch ist nichts geändert.");
    expect(text).toContain(":warning: *1* Einträge wurden seit dem letzten Einlesen in Slack geändert");
    expect(text).toContain("• topics: klima (not in the file): deactivated (Slack: add_topic)");
    expect(text).toContain("Geändert: *1*\n• people[0] (U01CONTACT1)");
    expect(text).toContain("Neu: *0*");
    // Fetched like Slack wants: files.info, then the download with the bot token.
    expect(flow.slack.calls("files.info").at(-1)?.args.file).toMatch(/^FUP/);
    expect(flow.slack.calls("download").at(-1)?.token).toBe(botToken);
    // Nothing written yet.
    expect((await flow.db.prisma.person.findUniqueOrThrow({ where: { slackId: "U01CONTACT1" } })).name).toBe("Erika Mustermann");

    expect(buttonsOf(dryRun.args.blocks).map((b) => b.action_id)).toEqual([ids.ADMIN_APPLY_UPLOAD]);
    expect((await apply("U01LEAD0002", dryRun, "APPLY-OTHER")).args.text).toBe("Nur wer die Datei gesendet hat, kann sie einlesen.");
    expect((await apply("U01CONTACT1", dryRun, "APPLY-CONTACT")).args.text).toBe("Die Verwaltung ist der Projektleitung vorbehalten.");
    expect((await flow.db.prisma.person.findUniqueOrThrow({ where: { slackId: "U01CONTACT1" } })).name).toBe("Erika Mustermann");

    expect((await apply("U01LEAD0001", dryRun, "APPLY-1")).args.text).toBe("*programme.yaml* ist eingelesen.");
    expect((await flow.db.prisma.person.findUniqueOrThrow({ where: { slackId: "U01CONTACT1" } })).name).toBe("Erika Geändert");
    expect(await flow.db.prisma.topic.findUniqueOrThrow({ where: { key: "klima" } })).toMatchObject({ retired: true });
    const lead = await flow.personId("U01LEAD0001");
    expect(await flow.db.prisma.adminChange.findFirst({ where: { source: "import" }, orderBy: { id: "desc" } })).toMatchObject({ actorId: lead, entityKey: "programme.yaml" });
    // The file's text is not kept once imported; a second click imports nothing.
    expect(await flow.db.prisma.pendingUpload.findMany({ select: { content: true } })).toEqual([{ content: "" }]);
    expect((await apply("U01LEAD0001", dryRun, "APPLY-2")).args.text).toContain("abgelaufen");
  });

  it("a broken file is refused with positions and no button; a non-YAML file and a contact's file are declined", async () => {
    const raw = exampleRaw();
    raw.people[9].partner.formats = ["fax"];
    const refused = await upload("U01LEAD0001", "kaputt.yml", toYaml(raw));
    const text = textOf(refused.args.blocks);
    expect(text).toContain("Abgelehnt: *1*");
    expect(text).toContain("people[9] (U01PARTNER2): partner.formats[0]: expected phone | video");
    expect(buttonsOf(refused.args.blocks)).toEqual([]);
    expect(await flow.db.prisma.pendingUpload.count({ where: { fileName: "kaputt.yml" } })).toBe(0);

    expect((await upload("U01LEAD0001", "programme.pdf", "%PDF")).args.text).toBe("Bitte senden Sie die Programmdatei als YAML-Datei (.yaml oder .yml).");
    const contact = await upload("U01CONTACT1", "programme.yaml", exampleYaml);
    expect(contact.args.text).toBe("Die Verwaltung ist der Projektleitung vorbehalten.");
    expect(flow.slack.calls("files.info").filter((c) => c.token === botToken)).toHaveLength(2);
  });

  it("Apply expires after 24 hours", async () => {
    const dryRun = await upload("U01LEAD0001", "programme.yaml", exampleYaml);
    clock.advance(24 * 60 * 60 * 1000 + 1);
    expect((await apply("U01LEAD0001", dryRun, "APPLY-LATE")).args.text).toContain("abgelaufen (24 Stunden)");
  });
});
