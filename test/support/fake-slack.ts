/**
 * A loopback server that plays the Slack Web API for end-to-end tests. Point Bolt at it with
 * `clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } }` (docs/architecture.md, "Tests").
 * It records every call, answers like Slack, and injects faults and latency per method. Posted
 * messages are kept per channel with their metadata and answered by conversations.history.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedCall {
  /** Web API method ("chat.postMessage"), "respond" for response_url posts, "upload" for file uploads. */
  method: string;
  args: Record<string, any>;
  at: number;
  /** Bearer token of the call, if any. */
  token?: string;
  /** HTTP status the fake answered with. */
  status: number;
  /** The path id for "respond" and "upload" calls. */
  id?: string;
  /** The `error` of an `ok:false` answer (`expired_trigger_id`, an injected fault). */
  error?: string;
}

/**
 * An HTTP status (500, 503, or 429 with Retry-After seconds: nothing happens), a delay before a
 * normal answer (the call takes effect at once, like a slow Slack: a message is posted even if the
 * client gives up waiting), or `ok:false` with an error code.
 */
export type Fault = { status: number; retryAfter?: number } | { delayMs: number } | { error: string };

/** A message the fake holds in a channel, as conversations.history returns it. */
export interface StoredMessage {
  type: "message";
  ts: string;
  text: string;
  blocks?: unknown;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  bot_id: string;
}

export interface Upload {
  fileId: string;
  /** The file's bytes (taken out of the multipart body when there is one). */
  bytes: Buffer;
  raw: Buffer;
  contentType: string | undefined;
}

export interface FakeSlackOptions {
  botUserId?: string;
  botId?: string;
  teamId?: string;
  /** Locale users.info reports for users without one set (default de-DE). */
  defaultLocale?: string;
  defaultTz?: string;
  /**
   * Like Slack, views.open and views.push answer `expired_trigger_id` when the trigger_id is older
   * than this (default 3000 ms; null: never). Only trigger_ids made by `triggerId()` in
   * slack-requests.ts carry their time ("<ms since epoch>.<n>.<hex>"); others never expire.
   */
  triggerLifetimeMs?: number | null;
}

export interface FakeSlack {
  /** Base URL, e.g. http://127.0.0.1:12345 */
  url: string;
  /** `${url}/api/` – pass as slackApiUrl. */
  apiUrl: string;
  /** A response_url the fake accepts: `${url}/respond/<id>`. */
  responseUrl(id?: string): string;
  calls(method?: string): RecordedCall[];
  waitFor(method: string, predicate?: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  uploads(): Upload[];
  /** Calls as they arrive, before any latency or delay (a call still waiting for its answer is here, not in calls()). */
  arrivals(method?: string): RecordedCall[];
  waitForArrival(method: string, predicate?: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** Messages posted to a channel, oldest first. */
  messages(channel: string): StoredMessage[];
  failNext(method: string, fault: Fault): void;
  failFor(method: string, ms: number, fault: Fault): void;
  /**
   * Every call of `method` ("*": all Web API methods) answers after `ms`, or after a time spread
   * over [min, max] by a fixed sequence (deterministic). Adds to a delay fault; reset() clears it.
   */
  setLatency(method: string, ms: number | [min: number, max: number]): void;
  setLocale(userId: string, locale: string, tz?: string): void;
  /**
   * A file a person shared (e.g. a programme file sent to the app's DM): files.info describes it and
   * its url_private_download serves the bytes, like Slack, only with the bot token as bearer token.
   */
  addSharedFile(file: { id: string; name: string; content: string | Buffer }): void;
  /** Socket Mode: apps.connections.open hands out this WebSocket URL (test/support/fake-socket-mode.ts). */
  useSocketMode(url: string): void;
  /** Forgets calls, stored messages, uploads, faults, latencies and locales; ids and timestamps keep counting. */
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const botUserId = options.botUserId ?? "UBOT";
  const triggerLifetimeMs = options.triggerLifetimeMs === undefined ? 3_000 : options.triggerLifetimeMs;
  const botId = options.botId ?? "BBOT";
  const teamId = options.teamId ?? "T0001";
  let calls: RecordedCall[] = [];
  let arrived: RecordedCall[] = [];
  let channels = new Map<string, StoredMessage[]>();
  let latency = new Map<string, [number, number]>();
  let latencyStep = 0;
  let uploads: Upload[] = [];
  let nextFaults = new Map<string, Fault[]>();
  let windowFaults: Array<{ method: string; until: number; fault: Fault }> = [];
  let locales = new Map<string, { locale: string; tz: string }>();
  const listeners = new Set<(call: RecordedCall) => void>();
  const arrivalListeners = new Set<(call: RecordedCall) => void>();
  let counter = 0;
  let url = "";
  let socketModeUrl: string | undefined;
  let shared = new Map<string, { id: string; name: string; bytes: Buffer }>();

  const record = (call: RecordedCall) => {
    calls.push(call);
    for (const listener of [...listeners]) listener(call);
  };

  function waitIn(list: () => RecordedCall[], on: Set<(call: RecordedCall) => void>, method: string, predicate: (call: RecordedCall) => boolean, timeoutMs: number) {
    const matches = (call: RecordedCall) => call.method === method && predicate(call);
    const found = list().find(matches);
    if (found) return Promise.resolve(found);
    return new Promise<RecordedCall>((resolve, reject) => {
      const timer = setTimeout(() => {
        on.delete(listener);
        reject(new Error(`fake Slack: no ${method} call matched within ${timeoutMs} ms (calls: ${list().map((c) => c.method).join(", ") || "none"})`));
      }, timeoutMs);
      const listener = (call: RecordedCall) => {
        if (!matches(call)) return;
        clearTimeout(timer);
        on.delete(listener);
        resolve(call);
      };
      on.add(listener);
    });
  }

  /** The configured latency of one call: a fixed walk over [min, max], the same in every run. */
  function latencyOf(method: string): number {
    const range = latency.get(method) ?? latency.get("*");
    if (!range) return 0;
    const [min, max] = range;
    latencyStep = (latencyStep * 1103515245 + 12345) % 2147483648;
    return min + Math.round(((latencyStep % 1000) / 999) * (max - min));
  }

  function history(args: Record<string, any>): Record<string, unknown> {
    const channel = String(args.channel ?? "");
    // An unknown channel reads as empty: DMs exist in Slack before the fake saw conversations.open (e.g. after reset()).
    const all = channels.get(channel) ?? [];
    const oldest = Number(args.oldest ?? 0);
    const latest = args.latest !== undefined ? Number(args.latest) : Infinity;
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === "true";
    const inRange = all.filter((m) => Number(m.ts) > oldest && Number(m.ts) <= latest).reverse(); // newest first, like Slack
    const limit = Math.max(1, Math.min(Number(args.limit ?? 100) || 100, 999));
    const offset = Number(args.cursor ?? 0) || 0;
    const page = inRange.slice(offset, offset + limit).map(({ metadata, ...m }) => (withMetadata && metadata ? { ...m, metadata } : m));
    const more = offset + limit < inRange.length;
    return { ok: true, messages: page, has_more: more, response_metadata: { next_cursor: more ? String(offset + limit) : "" } };
  }

  function takeFault(method: string): Fault | undefined {
    const queue = nextFaults.get(method);
    if (queue && queue.length > 0) return queue.shift();
    const now = Date.now();
    windowFaults = windowFaults.filter((f) => f.until > now);
    return windowFaults.find((f) => f.method === method)?.fault;
  }

  function answer(method: string, args: Record<string, any>): Record<string, unknown> {
    counter += 1;
    // Real seconds like Slack's (conversations.history filters by time), the counter keeps them unique and increasing.
    const ts = `${Math.floor(Date.now() / 1000)}.${String(100 + counter).padStart(6, "0")}`;
    const parse = (value: unknown) => (typeof value === "string" ? safeJson(value) : value);
    switch (method) {
      case "apps.connections.open":
        // Slack refuses a bot token here (not_allowed_token_type); the app must send its xapp- token.
        return socketModeUrl ? { ok: true, url: socketModeUrl } : { ok: false, error: "not_allowed_token_type" };
      case "auth.test":
        return { ok: true, url: "https://fake.slack.com/", team: "Fake", user: "sparring", team_id: teamId, user_id: botUserId, bot_id: botId };
      case "views.open":
      case "views.update":
      case "views.push":
      case "views.publish": {
        const view = (parse(args.view) ?? {}) as Record<string, unknown>;
        const id = typeof args.view_id === "string" ? args.view_id : `V${String(counter).padStart(8, "0")}`;
        return { ok: true, view: { ...view, id, team_id: teamId, hash: `${counter}.hash`, root_view_id: id, app_id: "A0001", bot_id: botId } };
      }
      case "chat.postMessage": {
        const metadata = parse(args.metadata) as StoredMessage["metadata"];
        const message: StoredMessage = { type: "message", text: String(args.text ?? ""), blocks: parse(args.blocks), ts, bot_id: botId, ...(metadata ? { metadata } : {}) };
        const channel = String(args.channel ?? "");
        channels.set(channel, [...(channels.get(channel) ?? []), message]);
        return { ok: true, channel, ts, message: { type: "message", text: args.text, blocks: parse(args.blocks), ts, bot_id: botId } };
      }
      case "chat.update": {
        const stored = channels.get(String(args.channel ?? ""))?.find((m) => m.ts === args.ts);
        if (stored) Object.assign(stored, { text: String(args.text ?? ""), blocks: parse(args.blocks) });
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      }
      case "conversations.history":
        return history(args);
      case "chat.postEphemeral":
        return { ok: true, message_ts: ts };
      case "conversations.open": {
        const user = String(args.users ?? args.user ?? "").split(",")[0] ?? "";
        if (!channels.has(`D${user}`)) channels.set(`D${user}`, []);
        return { ok: true, channel: { id: `D${user}` } };
      }
      case "users.info": {
        const user = String(args.user ?? "");
        const known = locales.get(user);
        return {
          ok: true,
          user: {
            id: user,
            team_id: teamId,
            name: user.toLowerCase(),
            real_name: `User ${user}`,
            tz: known?.tz ?? options.defaultTz ?? "Europe/Berlin",
            // Like Slack: the locale only with include_locale=true.
            ...(args.include_locale === true || args.include_locale === "true"
              ? { locale: known?.locale ?? options.defaultLocale ?? "de-DE" }
              : {}),
          },
        };
      }
      case "files.getUploadURLExternal": {
        const fileId = `F${String(counter).padStart(8, "0")}`;
        return { ok: true, upload_url: `${url}/upload/${fileId}`, file_id: fileId };
      }
      case "files.completeUploadExternal": {
        const files = (parse(args.files) ?? []) as Array<{ id: string; title?: string }>;
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? "", name: f.title ?? f.id })) };
      }
      case "files.info": {
        const file = shared.get(String(args.file ?? ""));
        if (!file) return { ok: false, error: "file_not_found" };
        const download = `${url}/files-pri/${file.id}/download/${encodeURIComponent(file.name)}`;
        return {
          ok: true,
          file: { id: file.id, name: file.name, title: file.name, size: file.bytes.length, filetype: "yaml", mimetype: "text/plain", url_private: download, url_private_download: download },
        };
      }
      case "files.delete":
        // Like Slack: a file id the fake never handed out is not found.
        return uploads.some((u) => u.fileId === args.file) || /^F\d{8}$/.test(String(args.file ?? "")) ? { ok: true } : { ok: false, error: "file_not_found" };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const [, kind, name] = path.split("/");

    if (kind === "files-pri" && name) {
      const file = shared.get(name);
      record({ method: "download", args: { file: name }, at: Date.now(), status: 200, id: name, ...(token ? { token } : {}) });
      // Like Slack: without the bot token the answer is the login page, not the file.
      if (!file || !token?.startsWith("xoxb-")) {
        res.writeHead(200, { "content-type": "text/html" }).end("<html>Sign in to Slack</html>");
        return;
      }
      res.writeHead(200, { "content-type": "text/plain" }).end(file.bytes);
      return;
    }
    if (kind === "upload" && name) {
      const contentType = req.headers["content-type"];
      uploads.push({ fileId: name, raw, bytes: fileBytes(raw, contentType), contentType });
      record({ method: "upload", args: { size: raw.length }, at: Date.now(), status: 200, id: name, ...(token ? { token } : {}) });
      res.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${raw.length}`);
      return;
    }
    if (kind === "respond" && name) {
      const body = safeJson(raw.toString("utf8"));
      const args = typeof body === "object" && body !== null ? (body as Record<string, any>) : { body };
      const fault = takeFault("respond");
      const status = await applyDelay(fault);
      record({ method: "respond", args, at: Date.now(), status, id: name });
      res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "error");
      return;
    }
    if (kind !== "api" || !name) {
      res.writeHead(404).end();
      return;
    }

    const args = dmOf(name, parseArgs(raw, req.headers["content-type"]));
    const arrival: RecordedCall = { method: name, args, at: Date.now(), status: 0, ...(token ? { token } : {}) };
    arrived.push(arrival);
    for (const listener of [...arrivalListeners]) listener(arrival);
    const fault = takeFault(name);
    // A call that is not refused takes effect when it arrives; its answer may come late.
    const refused = fault !== undefined && ("status" in fault || "error" in fault);
    const answered = refused ? undefined : answer(name, args);
    const extra = latencyOf(name);
    if (extra > 0) await new Promise((resolve) => setTimeout(resolve, extra));
    const status = await applyDelay(fault);
    const expired = status === 200 && (name === "views.open" || name === "views.push") && triggerExpired(args.trigger_id, triggerLifetimeMs);
    const error = fault && "error" in fault ? fault.error : expired ? "expired_trigger_id" : undefined;
    record({ method: name, args, at: Date.now(), status, ...(token ? { token } : {}), ...(status === 200 && error ? { error } : {}) });
    if (status === 429) {
      const retryAfter = fault && "retryAfter" in fault ? fault.retryAfter : undefined;
      res.writeHead(429, { "content-type": "application/json", ...(retryAfter !== undefined ? { "retry-after": String(retryAfter) } : {}) });
      res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
      return;
    }
    if (status !== 200) {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, error: "internal_error" }));
      return;
    }
    const body = error ? { ok: false, error } : (answered ?? answer(name, args));
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    apiUrl: `${url}/api/`,
    responseUrl: (id = `R${Date.now()}${Math.floor(Math.random() * 1000)}`) => `${url}/respond/${id}`,
    calls: (method) => (method ? calls.filter((c) => c.method === method) : [...calls]),
    uploads: () => [...uploads],
    waitFor(method, predicate = () => true, timeoutMs = 2000) {
      return waitIn(() => calls, listeners, method, predicate, timeoutMs);
    },
    arrivals: (method) => (method ? arrived.filter((c) => c.method === method) : [...arrived]),
    waitForArrival(method, predicate = () => true, timeoutMs = 2000) {
      return waitIn(() => arrived, arrivalListeners, method, predicate, timeoutMs);
    },
    messages: (channel) => [...(channels.get(channel) ?? [])],
    setLatency(method, ms) {
      latency.set(method, typeof ms === "number" ? [ms, ms] : ms);
    },
    failNext(method, fault) {
      const queue = nextFaults.get(method) ?? [];
      queue.push(fault);
      nextFaults.set(method, queue);
    },
    failFor(method, ms, fault) {
      windowFaults.push({ method, until: Date.now() + ms, fault });
    },
    addSharedFile(file) {
      shared.set(file.id, { id: file.id, name: file.name, bytes: Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, "utf8") });
    },
    useSocketMode(socketUrl) {
      socketModeUrl = socketUrl;
    },
    setLocale(userId, locale, tz) {
      locales.set(userId, { locale, tz: tz ?? options.defaultTz ?? "Europe/Berlin" });
    },
    reset() {
      calls = [];
      arrived = [];
      channels = new Map();
      latency = new Map();
      uploads = [];
      nextFaults = new Map();
      windowFaults = [];
      locales = new Map();
      shared = new Map();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** Is a trigger_id minted by slack-requests.ts `triggerId()` ("<ms>.<n>.<hex>") older than Slack lets it live? */
function triggerExpired(triggerId: unknown, lifetimeMs: number | null): boolean {
  if (lifetimeMs === null || typeof triggerId !== "string") return false;
  const minted = /^(\d{13})\.\d+\.[0-9a-f]+$/.exec(triggerId)?.[1];
  return minted !== undefined && Date.now() - Number(minted) > lifetimeMs;
}

/** Waits for a delay fault; returns the HTTP status to answer with. */
async function applyDelay(fault: Fault | undefined): Promise<number> {
  if (!fault) return 200;
  if ("delayMs" in fault) {
    await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    return 200;
  }
  return "status" in fault ? fault.status : 200;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Args as Slack reads them: form fields or JSON; `view`, `blocks`, `attachments`, `files`, `metadata` JSON-decoded. */
function parseArgs(raw: Buffer, contentType: string | undefined): Record<string, any> {
  let args: Record<string, any> = {};
  const type = contentType ?? "";
  if (type.startsWith("application/json")) {
    const parsed = safeJson(raw.toString("utf8"));
    if (typeof parsed === "object" && parsed !== null) args = parsed as Record<string, any>;
  } else if (type.startsWith("multipart/form-data")) {
    for (const part of multipartParts(raw, type)) args[part.name] = part.filename ? part.data : part.data.toString("utf8");
  } else {
    for (const [key, value] of new URLSearchParams(raw.toString("utf8"))) args[key] = value;
  }
  for (const key of ["view", "blocks", "attachments", "files", "metadata"]) {
    if (typeof args[key] === "string") args[key] = safeJson(args[key]);
  }
  return args;
}

function fileBytes(raw: Buffer, contentType: string | undefined): Buffer {
  if (!contentType?.startsWith("multipart/form-data")) return raw;
  return multipartParts(raw, contentType)[0]?.data ?? raw;
}

function multipartParts(raw: Buffer, contentType: string): Array<{ name: string; filename?: string; data: Buffer }> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) return [];
  const delimiter = Buffer.from(`--${marker}`);
  const parts: Array<{ name: string; filename?: string; data: Buffer }> = [];
  let start = raw.indexOf(delimiter);
  while (start !== -1) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = raw.subarray(start + delimiter.length + 2, next - 2); // skip CRLF after the marker and before the next
    const split = part.indexOf("\r\n\r\n");
    if (split !== -1) {
      const headers = part.subarray(0, split).toString("utf8");
      const name = /name="([^"]*)"/.exec(headers)?.[1] ?? "";
      const filename = /filename="([^"]*)"/.exec(headers)?.[1];
      parts.push({ name, ...(filename !== undefined ? { filename } : {}), data: part.subarray(split + 4) });
    }
    start = next;
  }
  return parts;
}

/**
 * A post to a user id lands in the user's DM with the app, and Slack answers with that channel's
 * id (D…). The call is recorded with the DM as its channel, so tests look for a DM in one place
 * however the app addressed it; `posted_to` keeps the user id the app sent.
 */
function dmOf(method: string, args: Record<string, any>): Record<string, any> {
  const to = typeof args.channel === "string" ? args.channel : "";
  if (method !== "chat.postMessage" || !/^[UW][A-Z0-9]+$/.test(to)) return args;
  return { ...args, channel: `D${to}`, posted_to: to };
}
