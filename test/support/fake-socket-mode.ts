/**
 * A loopback WebSocket server that plays Slack's Socket Mode for end-to-end tests. The fake Web API
 * hands out its URL from apps.connections.open (`fake.useSocketMode(server.url)`); the app connects,
 * gets `hello`, and receives envelopes (slash_commands, interactive, events_api) that it acks with
 * `{ envelope_id, payload }`. Every ack is recorded per envelope id with its payload.
 * Slack's side of a connection's end is played too: `disconnect` messages and dropped sockets.
 */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export type EnvelopeType = "slash_commands" | "interactive" | "events_api";

export interface Ack {
  envelopeId: string;
  /** The ack's payload ({} for a plain ack), e.g. `{ response_action: "errors", errors: {...} }`. */
  payload: Record<string, unknown>;
  at: number;
  /** Which connection (1, 2, …) it came in on. */
  connection: number;
}

export interface Envelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

export interface FakeSocketMode {
  /** The ws:// URL apps.connections.open should hand out. */
  url: string;
  /** Connections opened so far (each got `hello`). */
  connectionCount(): number;
  /** Connections open now. */
  openConnections(): number;
  /** Resolves once `count` connections have been opened in total (and the last is open). */
  waitForConnections(count: number, timeoutMs?: number): Promise<void>;
  /** Sends an envelope on an open connection (waiting for one if none is open); returns it. */
  send(type: EnvelopeType, payload: Record<string, unknown>, options?: { envelopeId?: string; retryAttempt?: number; retryReason?: string; connection?: number }): Promise<Envelope>;
  /**
   * Sends the same envelope again, as Slack does after a reconnect (same envelope_id, retry_attempt + 1),
   * on the newest connection or on the one numbered `connection` (another replica's).
   */
  resend(envelope: Envelope, connection?: number): Promise<Envelope>;
  /** Resolves with the `n`-th ack (1-based) of an envelope. */
  waitForAck(envelopeId: string, n?: number, timeoutMs?: number): Promise<Ack>;
  acks(envelopeId?: string): Ack[];
  /** Slack's `disconnect` message on every open connection (refresh_requested, link_disabled, warning). */
  disconnect(reason: string): void;
  /** Drops every open connection without a close handshake (a network cut). */
  drop(): void;
  /** While refusing, new WebSocket connections are rejected (Slack unreachable). */
  refuse(on: boolean): void;
  close(): Promise<void>;
}

let envelopeSequence = 0;

export async function startFakeSocketMode(options: { appId?: string } = {}): Promise<FakeSocketMode> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await once(server, "listening");
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link/?ticket=fake`;
  const open = new Map<WebSocket, number>();
  let opened = 0;
  let refusing = false;
  const acks: Ack[] = [];
  const ackListeners = new Set<() => void>();
  const connectionListeners = new Set<() => void>();

  server.on("connection", (socket) => {
    if (refusing) {
      socket.terminate();
      return;
    }
    opened += 1;
    const number = opened;
    open.set(socket, number);
    socket.on("close", () => open.delete(socket));
    socket.on("error", () => open.delete(socket));
    socket.on("message", (data) => {
      let message: { envelope_id?: unknown; payload?: unknown };
      try {
        message = JSON.parse(String(data)) as typeof message;
      } catch {
        return;
      }
      if (typeof message.envelope_id !== "string") return;
      const payload = message.payload && typeof message.payload === "object" ? (message.payload as Record<string, unknown>) : {};
      acks.push({ envelopeId: message.envelope_id, payload, at: Date.now(), connection: number });
      for (const listener of [...ackListeners]) listener();
    });
    socket.send(
      JSON.stringify({
        type: "hello",
        num_connections: open.size,
        debug_info: { host: "fake-socket-mode", build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: options.appId ?? "A0001" },
      }),
    );
    for (const listener of [...connectionListeners]) listener();
  });

  const until = <T>(check: () => T | undefined, listeners: Set<() => void>, timeoutMs: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const found = check();
      if (found !== undefined) return resolve(found);
      const timer = setTimeout(() => {
        listeners.delete(listener);
        reject(new Error(`fake Socket Mode: ${what} not seen within ${timeoutMs} ms (acks: ${acks.length}, connections: ${opened})`));
      }, timeoutMs);
      const listener = () => {
        const value = check();
        if (value === undefined) return;
        clearTimeout(timer);
        listeners.delete(listener);
        resolve(value);
      };
      listeners.add(listener);
    });

  /** The newest open connection: Slack uses any; one is enough for one app instance. */
  const current = (): WebSocket | undefined => [...open.entries()].filter(([s]) => s.readyState === s.OPEN).sort((a, b) => b[1] - a[1])[0]?.[0];

  const numbered = (n: number) => () => [...open.entries()].find(([socket, k]) => k === n && socket.readyState === socket.OPEN)?.[0];

  async function deliver(envelope: Envelope, connection?: number): Promise<Envelope> {
    const pick = connection === undefined ? current : numbered(connection);
    const socket = pick() ?? (await until(pick, connectionListeners, 30_000, connection === undefined ? "an open connection" : `connection ${connection}`));
    socket.send(JSON.stringify(envelope));
    return envelope;
  }

  return {
    url,
    connectionCount: () => opened,
    openConnections: () => open.size,
    waitForConnections: (count, timeoutMs = 30_000) =>
      until(() => (opened >= count && current() ? true : undefined), connectionListeners, timeoutMs, `${count} connections`).then(() => undefined),
    send(type, payload, sendOptions = {}) {
      envelopeSequence += 1;
      const envelope: Envelope = {
        envelope_id: sendOptions.envelopeId ?? `env-${Date.now().toString(36)}-${envelopeSequence}`,
        type,
        payload,
        // Like Slack: events are acked without a body; commands and interactions may answer in the ack.
        accepts_response_payload: type !== "events_api",
        ...(type === "events_api" ? { retry_attempt: sendOptions.retryAttempt ?? 0, retry_reason: sendOptions.retryReason ?? "" } : {}),
      };
      return deliver(envelope, sendOptions.connection);
    },
    resend(envelope, connection) {
      return deliver({ ...envelope, retry_attempt: (envelope.retry_attempt ?? 0) + 1, retry_reason: envelope.retry_reason || "timeout" }, connection);
    },
    waitForAck(envelopeId, n = 1, timeoutMs = 8_000) {
      return until(() => acks.filter((a) => a.envelopeId === envelopeId)[n - 1], ackListeners, timeoutMs, `ack #${n} of ${envelopeId}`);
    },
    acks: (envelopeId) => (envelopeId ? acks.filter((a) => a.envelopeId === envelopeId) : [...acks]),
    disconnect(reason) {
      for (const socket of open.keys()) socket.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: "fake-socket-mode" } }));
    },
    drop() {
      for (const socket of open.keys()) socket.terminate();
    },
    refuse(on) {
      refusing = on;
    },
    async close() {
      for (const socket of open.keys()) socket.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
