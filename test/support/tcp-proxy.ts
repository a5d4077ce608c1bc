/**
 * A TCP proxy on 127.0.0.1 between the app and a real server (PostgreSQL), to play outages
 * without touching the server: `cut()` drops every connection and refuses new ones (accepted
 * sockets are destroyed at once), `blackhole()` accepts connections but never answers,
 * `restore()` forwards again.
 */
import { once } from "node:events";
import { createServer, connect, type AddressInfo, type Socket } from "node:net";

export type ProxyMode = "forward" | "refuse" | "blackhole";

export interface TcpProxy {
  port: number;
  /** `url` with host and port replaced by the proxy's. */
  urlFor(url: string): string;
  mode(): ProxyMode;
  /** Drops all open connections and refuses new ones until restore(). */
  cut(): void;
  /** Drops all open connections; new ones are accepted and then hang (no byte is forwarded). */
  blackhole(): void;
  restore(): void;
  /** Connections accepted so far (forwarded or not). */
  accepted(): number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = "forward";
  let accepted = 0;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    // A peer reset during an outage is expected; never let it become an uncaught error.
    socket.on("error", () => socket.destroy());
  };

  const server = createServer((client) => {
    accepted += 1;
    track(client);
    if (mode === "refuse") {
      client.destroy();
      return;
    }
    if (mode === "blackhole") return; // held open, silent, until cut() or restore() drops it
    const upstream = connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;

  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };

  return {
    port,
    urlFor(url) {
      const u = new URL(url);
      u.hostname = "127.0.0.1";
      u.port = String(port);
      return u.toString();
    },
    mode: () => mode,
    cut() {
      mode = "refuse";
      dropAll();
    },
    blackhole() {
      mode = "blackhole";
      dropAll();
    },
    restore() {
      if (mode === "blackhole") dropAll();
      mode = "forward";
    },
    accepted: () => accepted,
    async close() {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
