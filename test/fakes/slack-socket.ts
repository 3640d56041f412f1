/**
 * A loopback stand-in for Slack's Socket Mode, on 127.0.0.1 with a real WebSocket server (`ws`).
 *
 * `apps.connections.open` must carry the app-level token (`xapp-…`, like Slack: a bot token
 * gets `not_allowed_token_type`, another app token `invalid_auth`) and hands out a one-use
 * `ws://…/link/?ticket=…` URL. A socket that connects with a live ticket gets Slack's `hello`;
 * the test then sends envelopes down the newest socket and the client's acknowledgements
 * (`{ envelope_id, payload }`) are recorded with the connection they came on.
 * `disconnect()` sends Slack's pod-recycling notice, after which the client must reconnect.
 *
 * Slack also pings the client, which arms the client's 30 s server-ping watchdog; the fake
 * only answers the client's pings (ws pongs by itself), so a slow test run can never be cut
 * off by that watchdog.
 *
 * Every other Web API method is forwarded to `upstream` (the slash-command fake, which
 * scripts users and records response URLs), so one `apiUrl` serves both of Bolt's Web API
 * clients, as slack.com/api does. Each call's method and bearer token are recorded here.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { type RawData, WebSocket, WebSocketServer } from "ws";

export interface SocketAck {
  envelopeId: string;
  payload: unknown;
  /** 1 for the first socket that got `hello`, 2 after one reconnection, … */
  connection: number;
}

export interface SocketApiCall {
  method: string;
  token: string | null;
}

export interface FakeSlackSocket {
  /** Base URL ending in `/api/`, for `SLACK_API_URL` / `apiUrl`. */
  apiUrl: string;
  apiCalls: SocketApiCall[];
  acks: SocketAck[];
  /** Sockets that got `hello` so far. */
  connections(): number;
  /** Sends a `slash_commands` envelope on the newest socket; returns its envelope id. */
  sendSlashCommand(payload: Record<string, unknown>): string;
  /** The next `count` calls of `apps.connections.open` fail with HTTP 503 (a Slack outage). */
  failConnectionsOpen(count: number): void;
  /** Slack's notice that the socket is being recycled (`refresh_requested`, `link_disabled`, …). */
  disconnect(reason?: string): void;
  /** Resolves when `count` sockets have had `hello` (the deadline only turns a hang into a failure). */
  waitForConnections(count: number, timeoutMs?: number): Promise<void>;
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<SocketAck>;
  /**
   * Waits for the client to close every socket (after its `stop()`), then stops listening;
   * rejects if a socket was still open at the deadline.
   */
  close(): Promise<void>;
}

const APP_ID = "A0FAKESOCK";

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function bearer(req: IncomingMessage): string | null {
  const match = /^Bearer (.+)$/u.exec(req.headers.authorization ?? "");
  return match?.[1] ?? null;
}

export async function startFakeSlackSocket(options: {
  appToken: string;
  upstream: string;
}): Promise<FakeSlackSocket> {
  const apiCalls: SocketApiCall[] = [];
  const acks: SocketAck[] = [];
  const tickets = new Set<string>();
  let failures = 0;
  /** Every socket that got `hello`, oldest first. */
  const sockets: WebSocket[] = [];
  const listeners = new Set<() => boolean>();
  const notify = () => {
    for (const check of [...listeners]) check();
  };

  /** Resolves with the first defined value of `probe`, re-checked on every recorded event. */
  function until<T>(label: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined) return false;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${label}`));
      }, timeoutMs);
      if (!check()) listeners.add(check);
    });
  }

  const wss = new WebSocketServer({ noServer: true });
  const server = createServer(async (req, res) => {
    const method = (req.url ?? "").split("?")[0]?.replace(/^\/api\//u, "") ?? "";
    const token = bearer(req);
    apiCalls.push({ method, token });
    const body = await readBody(req);
    if (method === "apps.connections.open" && failures > 0) {
      failures--;
      res.writeHead(503).end();
      notify();
      return;
    }
    if (method === "apps.connections.open") {
      const error = !token?.startsWith("xapp-")
        ? "not_allowed_token_type"
        : token !== options.appToken
          ? "invalid_auth"
          : null;
      res.writeHead(200, { "content-type": "application/json" });
      if (error !== null) res.end(JSON.stringify({ ok: false, error }));
      else {
        const ticket = randomUUID();
        tickets.add(ticket);
        const { port } = server.address() as AddressInfo;
        const url = `ws://127.0.0.1:${port}/link/?ticket=${ticket}&app_id=${APP_ID}`;
        res.end(JSON.stringify({ ok: true, url }));
      }
      notify();
      return;
    }
    try {
      const upstream = await fetch(new URL(method, options.upstream), {
        method: "POST",
        headers: {
          "content-type": req.headers["content-type"] ?? "application/x-www-form-urlencoded",
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        },
        body,
      });
      res.writeHead(upstream.status, {
        "content-type": upstream.headers.get("content-type") ?? "application/json",
      });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      res.writeHead(502).end();
    }
    notify();
  });

  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "ws://127.0.0.1");
    const ticket = url.searchParams.get("ticket") ?? "";
    if (url.pathname !== "/link/" || !tickets.delete(ticket)) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.push(ws);
      const connection = sockets.length;
      ws.on("message", (data: RawData, isBinary: boolean) => {
        if (isBinary) return;
        const message = JSON.parse(data.toString()) as { envelope_id?: unknown; payload?: unknown };
        if (typeof message.envelope_id !== "string") return;
        acks.push({ envelopeId: message.envelope_id, payload: message.payload, connection });
        notify();
      });
      ws.on("close", notify);
      ws.send(
        JSON.stringify({
          type: "hello",
          num_connections: 1,
          debug_info: { host: "applink-fake", build_number: 1, approximate_connection_time: 18060 },
          connection_info: { app_id: APP_ID },
        }),
      );
      notify();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const newest = (): WebSocket => {
    const ws = sockets.at(-1);
    if (ws === undefined || ws.readyState !== WebSocket.OPEN)
      throw new Error("no open Socket Mode connection");
    return ws;
  };

  return {
    apiUrl: `${base}/api/`,
    apiCalls,
    acks,
    connections: () => sockets.length,
    sendSlashCommand(payload) {
      const envelopeId = randomUUID();
      newest().send(
        JSON.stringify({
          envelope_id: envelopeId,
          type: "slash_commands",
          payload,
          accepts_response_payload: true,
        }),
      );
      return envelopeId;
    },
    failConnectionsOpen(count) {
      failures = count;
    },
    disconnect(reason = "refresh_requested") {
      newest().send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: "applink-fake" } }));
    },
    waitForConnections: (count, timeoutMs = 30_000) =>
      until(
        `${count} Socket Mode connections`,
        () => (sockets.length >= count ? true : undefined),
        timeoutMs,
      ).then(() => {}),
    waitForAck: (envelopeId, timeoutMs = 30_000) =>
      until(`the ack of ${envelopeId}`, () => acks.find((a) => a.envelopeId === envelopeId), timeoutMs),
    async close() {
      const closed = (ws: WebSocket) => ws.readyState === WebSocket.CLOSED;
      // A socket still open at the deadline means the client's stop() did not close it: cut it, then fail.
      const left = await until(
        "the client to close every Socket Mode connection",
        () => (sockets.every(closed) ? null : undefined),
        30_000,
      ).catch((error: unknown) => {
        for (const ws of sockets) ws.terminate();
        return error;
      });
      wss.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (left !== null) throw left;
    },
  };
}
