/**
 * A loopback Discord for a discord.js `Client`: one 127.0.0.1 port serves the REST routes
 * a gateway bot needs (`GET /gateway/bot`, the interaction callback, the interaction
 * webhook) and, on upgrade, a gateway (v10, JSON, uncompressed) that says HELLO, answers
 * heartbeats with op 11, answers IDENTIFY with READY and dispatches what the test sends.
 *
 * Every REST request and every frame the client sends is recorded; `waitFor…` resolve on
 * the record that completes them (the deadline only turns a hang into a failure).
 * Interactions are answered like Discord: the callback with 204, webhook messages with a
 * message object in the interaction's channel, deletes with 204.
 */
import { EventEmitter } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import type { DiscordCall } from "./discord-commands-api.ts";

export interface GatewayCall extends DiscordCall {
  /** Query string without the `?`, e.g. `with_response=false`. */
  query: string;
}

/** A gateway payload, in either direction. */
export interface GatewayFrame {
  op: number;
  d: unknown;
  s?: number | null;
  t?: string | null;
}

export interface FakeDiscordGateway {
  /** Base URL for `DISCORD_API_URL` (REST appends `/v10`). */
  apiUrl: string;
  gatewayUrl: string;
  calls: GatewayCall[];
  /** Query of each gateway connection: `v`, `encoding`, `compress`. */
  handshakes: URLSearchParams[];
  /** Frames received from the client, oldest first. */
  frames: GatewayFrame[];
  waitFor(match: (c: GatewayCall) => boolean, count?: number, timeoutMs?: number): Promise<GatewayCall[]>;
  waitForFrame(
    match: (f: GatewayFrame) => boolean,
    count?: number,
    timeoutMs?: number,
  ): Promise<GatewayFrame[]>;
  /** Sends a dispatch (op 0) on the identified session; the next sequence number is returned. */
  dispatch(t: string, d: object): number;
  /** Op 1 from the server: the client must heartbeat at once. */
  requestHeartbeat(): void;
  close(): Promise<void>;
}

export interface FakeDiscordGatewayOptions {
  token: string;
  applicationId: string;
  /** Guilds listed (unavailable, as Discord does) in READY. */
  guilds: string[];
  /** Long by default, like Discord's ~41 s: the test asks for heartbeats with `requestHeartbeat`. */
  heartbeatIntervalMs?: number;
}

const WEBHOOK = /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/;
const CALLBACK = /^\/api\/v10\/interactions\/(\d+)\/([^/]+)\/callback$/;

/** A text frame holding a JSON object with a numeric `op`, else null. */
function decode(text: string, isBinary: boolean): GatewayFrame | null {
  if (isBinary) return null;
  try {
    const frame = JSON.parse(text) as unknown;
    return typeof frame === "object" && frame !== null && typeof (frame as GatewayFrame).op === "number"
      ? (frame as GatewayFrame)
      : null;
  } catch {
    return null;
  }
}

const OP = { dispatch: 0, heartbeat: 1, identify: 2, hello: 10, ack: 11 } as const;

export async function startFakeDiscordGateway(
  options: FakeDiscordGatewayOptions,
): Promise<FakeDiscordGateway> {
  const changed = new EventEmitter();
  const calls: GatewayCall[] = [];
  const frames: GatewayFrame[] = [];
  const handshakes: URLSearchParams[] = [];
  const channelOfToken = new Map<string, string>();
  const sockets = new Set<WebSocket>();
  let session: { socket: WebSocket; seq: number } | null = null;
  let nextId = 1_300_000_000_000_000_000n;
  let gatewayUrl = "";
  const bot = { id: options.applicationId, username: "Wirewatch", discriminator: "0000", avatar: null };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const call: GatewayCall = {
      method: req.method ?? "",
      path: decodeURIComponent(url.pathname),
      query: url.search.slice(1),
      body: text === "" ? null : JSON.parse(text),
      authorization: req.headers.authorization,
    };
    calls.push(call);
    changed.emit("change");
    const webhook = WEBHOOK.exec(call.path);
    if (call.method === "GET" && call.path === "/api/v10/gateway/bot") {
      if (call.authorization !== `Bot ${options.token}`)
        return json(res, 401, { message: "401: Unauthorized", code: 0 });
      const limit = { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 };
      return json(res, 200, { url: gatewayUrl, shards: 1, session_start_limit: limit });
    }
    if (call.method === "POST" && CALLBACK.test(call.path)) return res.writeHead(204).end();
    if (webhook && call.method === "DELETE" && webhook[3]) return res.writeHead(204).end();
    if (webhook && (call.method === "PATCH" ? webhook[3] : call.method === "POST" && !webhook[3])) {
      const body = (call.body ?? {}) as { content?: string; embeds?: unknown[]; flags?: number };
      return json(res, 200, {
        id: String(nextId++),
        type: 20,
        channel_id: channelOfToken.get(webhook[2] ?? "") ?? "0",
        application_id: options.applicationId,
        webhook_id: options.applicationId,
        author: { ...bot, bot: true },
        content: body.content ?? "",
        embeds: body.embeds ?? [],
        attachments: [],
        components: [],
        mentions: [],
        mention_roles: [],
        mention_everyone: false,
        pinned: false,
        tts: false,
        flags: body.flags ?? 0,
        timestamp: new Date(0).toISOString(),
        edited_timestamp: null,
      });
    }
    json(res, 404, { message: "404: Not Found", code: 0 });
  });

  const wss = new WebSocketServer({ server });
  wss.on("connection", (socket, req) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    handshakes.push(new URL(req.url ?? "/", "http://127.0.0.1").searchParams);
    const send = (frame: GatewayFrame) => socket.send(JSON.stringify({ s: null, t: null, ...frame }));
    socket.on("message", (data, isBinary) => {
      const frame = decode(data.toString(), isBinary);
      // Discord's own answer to a payload it cannot decode (this fake only speaks uncompressed JSON).
      if (frame === null) return socket.close(4002, "Error while decoding payload.");
      frames.push(frame);
      changed.emit("change");
      if (frame.op === OP.heartbeat) send({ op: OP.ack, d: null });
      if (frame.op !== OP.identify) return;
      if ((frame.d as { token?: string }).token !== options.token) {
        socket.close(4004, "Authentication failed.");
        return;
      }
      session = { socket, seq: 0 };
      send({
        op: OP.dispatch,
        t: "READY",
        s: ++session.seq,
        d: {
          v: 10,
          user: { ...bot, bot: true, global_name: null, flags: 0, verified: true, mfa_enabled: false },
          guilds: options.guilds.map((id) => ({ id, unavailable: true })),
          session_id: "fake-session-1",
          resume_gateway_url: gatewayUrl,
          shard: [0, 1],
          application: { id: options.applicationId, flags: 0 },
        },
      });
    });
    send({ op: OP.hello, d: { heartbeat_interval: options.heartbeatIntervalMs ?? 41_250 } });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  gatewayUrl = `ws://127.0.0.1:${port}`;

  function waiter<T>(list: T[], what: string) {
    return (match: (x: T) => boolean, count = 1, timeoutMs = 30_000) =>
      new Promise<T[]>((resolve, reject) => {
        const check = () => {
          const found = list.filter(match);
          if (found.length < count) return;
          done();
          resolve(found);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out: ${list.filter(match).length} of ${count} ${what}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          changed.off("change", check);
        };
        changed.on("change", check);
        check();
      });
  }

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl,
    calls,
    handshakes,
    frames,
    waitFor: waiter(calls, "REST calls"),
    waitForFrame: waiter(frames, "gateway frames"),
    dispatch(t, d) {
      if (session === null) throw new Error("no identified gateway session");
      const token = (d as { token?: unknown }).token;
      const channel = (d as { channel?: { id?: unknown } }).channel?.id;
      if (typeof token === "string" && typeof channel === "string") channelOfToken.set(token, channel);
      const s = ++session.seq;
      session.socket.send(JSON.stringify({ op: OP.dispatch, t, s, d }));
      return s;
    },
    requestHeartbeat() {
      if (session === null) throw new Error("no identified gateway session");
      session.socket.send(JSON.stringify({ op: OP.heartbeat, d: null, s: null, t: null }));
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
