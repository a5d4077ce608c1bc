/**
 * Text PostgreSQL cannot store (NUL, lone surrogates) is refused on the field, in the person's
 * language, before it reaches the database; and when a database error does happen, the log holds
 * its codes only, never the driver's text or the values it quotes (pg and PGlite adapters alike).
 */
import { Writable } from "node:stream";
import { inspect } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.ts";
import { createLogger, safeError } from "../../src/logger.ts";
import { boltLogger } from "../../src/slack/bolt-logger.ts";
import { readAcceptForm } from "../../src/slack/forms/accept-form.ts";
import { readBookingForm } from "../../src/slack/forms/booking-form.ts";
import { readCorrectionForm } from "../../src/slack/forms/correction-form.ts";
import { readDeclineForm } from "../../src/slack/forms/decline-form.ts";
import * as ids from "../../src/slack/ids.ts";
import { createThrowawayDatabase } from "../support/postgres.ts";
import { input } from "../support/slack-requests.ts";
import { acceptValues, bookingValues, mutableClock, startFlow, type Flow } from "../slack/flow-helpers.ts";

const secret = "Vertrauliche Frage zur Bürgerbeteiligung";
const nulQuestion = `${secret}\u0000 bitte`;
const loneSurrogate = `${secret} \ud800 bitte`;
/** What PostgreSQL and the adapters say about such values; none of it may reach a log line. */
const driverTexts = ["invalid byte sequence", "0x00", "unsupported Unicode escape", "cannot be converted", "already exists", "Key (", "duplicate key", "invalid input syntax"];

describe("forms refuse text the database cannot store", () => {
  const booking = (question: string, times = "") =>
    readBookingForm(bookingValues({ topics: ["surveys"], partnerId: "0b7c3a52-5f1e-4d4f-9b55-0f3f0c2b7a11", question, times }) as never);

  it("NUL and lone surrogates in the question or the times: an error on that field", () => {
    expect(booking(nulQuestion)).toEqual({ ok: false, errors: { [ids.BOOKING_QUESTION_BLOCK]: { key: "unstorable" } } });
    expect(booking(loneSurrogate)).toEqual({ ok: false, errors: { [ids.BOOKING_QUESTION_BLOCK]: { key: "unstorable" } } });
    expect(booking("Frage", "dienstags\u0000")).toEqual({ ok: false, errors: { [ids.BOOKING_TIMES_BLOCK]: { key: "unstorable" } } });
    expect(booking("Frage", "\udc00")).toEqual({ ok: false, errors: { [ids.BOOKING_TIMES_BLOCK]: { key: "unstorable" } } });
  });

  it("emoji (surrogate pairs), umlauts and line breaks are fine", () => {
    expect(booking("Wie erreichen wir alle? 🙂👩🏽‍💻\nÄÖÜß – „Zitat“").ok).toBe(true);
  });

  it("every other free-text field too: link, decline reason, correction reason and target", () => {
    const accept = readAcceptForm(acceptValues({ start: new Date("2026-06-17T08:00:00Z"), format: "video", link: "https://meet.example.org/r\u0000" }) as never);
    expect(accept).toEqual({ ok: false, errors: { [ids.ACCEPT_LINK_BLOCK]: { key: "unstorable" } } });
    const decline = readDeclineForm({ [ids.DECLINE_REASON_BLOCK]: { [ids.DECLINE_REASON]: input.text("keine Zeit\u0000") } } as never);
    expect(decline).toEqual({ ok: false, errors: { [ids.DECLINE_REASON_BLOCK]: { key: "unstorable" } } });
    const correction = (reason: string, municipality: string | null) =>
      readCorrectionForm({
        [ids.CORRECTION_ACTION_BLOCK]: { [ids.CORRECTION_ACTION]: input.radio("move") },
        [ids.CORRECTION_MUNICIPALITY_BLOCK]: { [ids.CORRECTION_MUNICIPALITY]: input.externalSelect(municipality) },
        [ids.CORRECTION_REASON_BLOCK]: { [ids.CORRECTION_REASON]: input.text(reason) },
      } as never);
    expect(correction("weil\ud83d", "musterstadt")).toEqual({ ok: false, errors: { [ids.CORRECTION_REASON_BLOCK]: { key: "unstorable" } } });
    expect(correction("weil", "muster\u0000stadt")).toEqual({ ok: false, errors: { [ids.CORRECTION_MUNICIPALITY_BLOCK]: { key: "unstorable" } } });
  });
});

describe("safeError keeps only codes of database errors", () => {
  const backends: Array<{ name: string; open: () => Promise<{ db: Database; drop?: () => Promise<void> }> }> = [
    { name: "PGlite", open: async () => ({ db: await openDatabase({ dataDir: "memory://" }) }) },
    {
      name: "PostgreSQL",
      open: async () => {
        const throwaway = await createThrowawayDatabase("sparring_safe_error");
        return { db: await openDatabase({ databaseUrl: throwaway.url }), drop: throwaway.drop };
      },
    },
  ];

  for (const backend of backends) {
    describe(backend.name, () => {
      let db: Database;
      let drop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        ({ db, drop } = await backend.open());
      });
      afterAll(async () => {
        await db?.close();
        await drop?.();
      });

      /** Runs `work`, which must fail in the driver, and returns the error. */
      const failure = async (work: () => Promise<unknown>) => {
        try {
          await work();
        } catch (error) {
          return error;
        }
        throw new Error("expected a database error");
      };
      const expectSafe = (error: unknown, code: string) => {
        // The raw error does carry the text (otherwise this test proves nothing) …
        const raw = inspect(error, { depth: 8 });
        expect(driverTexts.some((t) => raw.includes(t)) || raw.includes(secret)).toBe(true);
        // … the logged form does not.
        const logged = JSON.stringify(safeError(error));
        expect(logged).not.toContain(secret);
        for (const text of driverTexts) expect(logged).not.toContain(text);
        expect(JSON.stringify(safeError(error))).toContain(code);
      };

      it("a write through the model API (DriverAdapterError)", async () => {
        const error = await failure(() => db.prisma.topic.create({ data: { key: "nul", labelDe: nulQuestion, labelEn: "x" } }));
        expect((error as Error).name).toBe("DriverAdapterError");
        expectSafe(error, "22021");
        expect(safeError(error)).toEqual({ name: "DriverAdapterError", code: "22021" });
      });

      it("a raw query (PrismaClientKnownRequestError wrapping the adapter's error)", async () => {
        const error = await failure(() => db.prisma.$queryRaw`SELECT ${nulQuestion}::text`);
        expectSafe(error, "P2010");
        expect(safeError(error).sqlState ?? safeError(error).code).toMatch(/22021|P2010/);
      });

      it("a unique violation, whose detail quotes the key", async () => {
        await db.prisma.topic.create({ data: { key: secret, labelDe: "a", labelEn: "a" } });
        const error = await failure(() => db.prisma.$executeRaw`INSERT INTO topics (key, label_de, label_en) VALUES (${secret}, 'b', 'b')`);
        expectSafe(error, "P2010");
      });

      it("wrapped by Bolt (UnknownError.original) or as a cause", async () => {
        const error = await failure(() => db.prisma.topic.create({ data: { key: "nul2", labelDe: nulQuestion, labelEn: "x" } }));
        const bolt = Object.assign(new Error((error as Error).message), { code: "slack_bolt_unknown_error", original: error });
        expect(JSON.stringify(safeError(bolt))).not.toContain("invalid byte sequence");
        const wrapped = new Error(`booking failed: ${(error as Error).message}`, { cause: error });
        expect(safeError(wrapped)).toEqual({ name: "Error", code: "22021" });
      });
    });
  }

  it("PGlite's own error (it holds the query and its parameters)", async () => {
    const pglite = new PGlite();
    try {
      const error = await pglite.query("SELECT $1::int", [secret]).then(
        () => null,
        (e: unknown) => e,
      );
      expect((error as { params?: unknown }).params).toEqual([secret]);
      expect(safeError(error)).toEqual({ name: "error", code: "22P02" });
    } finally {
      await pglite.close();
    }
  });

  it("Bolt's own log lines about such an error carry only its codes", async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "debug", destination: new Writable({ write: (chunk, _e, done) => void (lines.push(String(chunk)), done()) }) });
    const db = await openDatabase({ dataDir: "memory://" });
    try {
      const error = await db.prisma.topic.create({ data: { key: "n", labelDe: nulQuestion, labelEn: "x" } }).then(() => null, (e: unknown) => e);
      boltLogger(logger).error("An unhandled error occurred", error);
      expect(lines.join("")).toContain("DriverAdapterError [22021]");
      expect(lines.join("")).not.toContain("invalid byte sequence");
    } finally {
      await db.close();
    }
  });

  it("other errors keep their short message", () => {
    expect(safeError(Object.assign(new Error("An API error occurred: ratelimited"), { code: "slack_webapi_platform_error" }))).toEqual({
      name: "Error", code: "slack_webapi_platform_error", message: "An API error occurred: ratelimited",
    });
  });
});

describe("the booking modal with a NUL in the question, through the signed endpoint", () => {
  const clock = mutableClock("2026-06-15T08:00:00Z");
  let flow: Flow;
  let partner: string;
  beforeAll(async () => {
    flow = await startFlow({ clock });
    partner = await flow.personId("U01PARTNER4");
  });
  afterAll(async () => flow?.stop());
  beforeEach(async () => flow.reset());

  const stored = async () => ({
    requests: await flow.db.prisma.sessionRequest.count(),
    outbox: await flow.db.prisma.outboxMessage.count(),
    keys: await flow.db.prisma.idempotencyKey.count(),
  });

  it("answers with an inline error on the question (German), stores nothing, logs neither the question nor driver text", async () => {
    const startLog = flow.logs.length;
    for (const question of [nulQuestion, loneSurrogate]) {
      const answer = await flow.book("U01CONTACT3", { topics: ["surveys"], partnerId: partner, question });
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({
        response_action: "errors",
        errors: { [ids.BOOKING_QUESTION_BLOCK]: expect.stringContaining("nicht gespeichert werden kann") },
      });
      expect(answer.json.errors[ids.BOOKING_QUESTION_BLOCK]).not.toContain("in einer Minute");
    }
    expect(await stored()).toEqual({ requests: 0, outbox: 0, keys: 0 });
    const logs = flow.logs.slice(startLog).join("");
    expect(logs).not.toContain(secret);
    for (const text of driverTexts) expect(logs).not.toContain(text);

    // Without the NUL the same booking goes through: the person is not stuck.
    const ok = await flow.book("U01CONTACT3", { topics: ["surveys"], partnerId: partner, question: nulQuestion.replace("\u0000", "") });
    expect(ok.json.view.callback_id).toBe(ids.BOOKING_SENT_MODAL);
  });

  it("in English for an English-locale user", async () => {
    flow.slack.setLocale("U01CONTACT4", "en-GB");
    const answer = await flow.book("U01CONTACT4", { topics: ["surveys"], partnerId: partner, question: nulQuestion });
    expect(answer.json.errors[ids.BOOKING_QUESTION_BLOCK]).toContain("cannot be stored");
    expect((await stored()).requests).toBe(0);
  });
});
