/**
 * A fake Discord REST API (v10) on 127.0.0.1 for tests: `POST /channels/{id}/messages`
 * and `PATCH /channels/{id}/messages/{message}`. It answers like Discord (message
 * objects with snowflake ids, JSON errors with `code`, rate-limit headers), records
 * every request, validates every body against the OpenAPI schema (invalid → 400 and an
 * entry in `invalid`), and enforces nonces: a post repeating the nonce of an earlier
 * post in the same channel with `enforce_nonce: true` within `nonceWindowMs` gets the
 * message created the first time, not a new one.
 *
 * Rate limits (discord-limits.ts): an optional bucket (`limit` per `windowMs` per route
 * and channel) and the global limit (50/s unless `global` says otherwise), announced in
 * the X-RateLimit-* headers and enforced with 429s as Discord does; `limits` counts the
 * 429s and the requests that came before an announced reset or Retry-After.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type BucketOptions, createDiscordLimits, type LimitCounts } from "./discord-limits.ts";
import { discordValidator } from "./discord-schema.ts";

export type DiscordReply =
  | { kind: "ok" }
  | { kind: "http"; status: number; code?: number; message?: string }
  | { kind: "ratelimited"; retryAfterSeconds: number; global?: boolean }
  | { kind: "hang" }
  | { kind: "reset" }
  | { kind: "commit-then-reset" }
  | { kind: "commit-then-hang" };

export interface DiscordRequest {
  method: string;
  path: string;
  channel: string | null;
  messageId: string | null;
  body: Record<string, unknown>;
  authorization: string | null;
  at: number;
  reply: DiscordReply["kind"] | "invalid" | "bucket-429" | "global-429" | "not-found";
  answeredAt: number | null;
  /** For 429s: the wait announced (ms). */
  retryAfterMs: number | null;
}

export interface DiscordMessage {
  id: string;
  channelId: string;
  content: string;
  embeds: unknown[];
  nonce: string | null;
  allowedMentions: unknown;
  /** The message this one replies to (`message_reference.message_id`), if any. */
  replyTo: string | null;
  edits: number;
  createdAt: number;
}

export interface FakeDiscord {
  /** Base URL for `DISCORD_API_URL` (REST appends `/v10`). */
  url: string;
  requests: DiscordRequest[];
  messages: Map<string, DiscordMessage[]>;
  invalid: { path: string; problems: string[] }[];
  script: (req: DiscordRequest, index: number) => DiscordReply | undefined;
  /** 429s sent and requests that arrived before an announced reset or Retry-After. */
  limits: LimitCounts;
  /** Forgets requests, messages, validation failures, buckets; drops the script. */
  reset(): void;
  close(): Promise<void>;
}

export interface FakeDiscordOptions {
  token?: string;
  nonceWindowMs?: number;
  bucket?: BucketOptions;
  /** Discord's global limit; 50 requests per 1,000 ms by default. */
  global?: BucketOptions;
  /** Successful posts are stored at once but answered this much later (a window to crash in). */
  latencyMs?: number;
}

const DISCORD_EPOCH = 1_420_070_400_000n;
const ROUTE = /^\/api\/v10\/channels\/(\d+)\/messages(?:\/(\d+))?$/;

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const token = options.token ?? "discord-test";
  const nonceWindowMs = options.nonceWindowMs ?? 5 * 60_000;
  const validate = discordValidator();
  const sockets = new Set<Socket>();
  const limits = createDiscordLimits(options.bucket, options.global);
  let increment = 0n;
  const snowflake = () => (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (increment++ & 0xfffn)).toString();

  const fake: FakeDiscord = {
    url: "",
    requests: [],
    messages: new Map(),
    invalid: [],
    script: () => undefined,
    limits: limits.counts,
    reset: () => {
      fake.requests.length = 0;
      fake.messages.clear();
      fake.invalid.length = 0;
      fake.script = () => undefined;
      limits.reset();
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  function view(m: DiscordMessage) {
    return {
      id: m.id,
      channel_id: m.channelId,
      type: 0,
      content: m.content,
      embeds: m.embeds,
      nonce: m.nonce,
    };
  }

  function perform(req: DiscordRequest): { status: number; body: unknown } {
    const channel = req.channel ?? "";
    const list = fake.messages.get(channel) ?? [];
    fake.messages.set(channel, list);
    const body = req.body;
    if (req.method === "POST" && req.messageId === null) {
      const nonce =
        typeof body.nonce === "string" || typeof body.nonce === "number" ? String(body.nonce) : null;
      if (nonce !== null && body.enforce_nonce === true) {
        const now = Date.now();
        const earlier = list.find((m) => m.nonce === nonce && now - m.createdAt < nonceWindowMs);
        if (earlier !== undefined) return { status: 200, body: view(earlier) };
      }
      const message: DiscordMessage = {
        id: snowflake(),
        channelId: channel,
        content: String(body.content ?? ""),
        embeds: Array.isArray(body.embeds) ? body.embeds : [],
        nonce,
        allowedMentions: body.allowed_mentions ?? null,
        replyTo: referenceOf(body),
        edits: 0,
        createdAt: Date.now(),
      };
      list.push(message);
      return { status: 200, body: view(message) };
    }
    if (req.method === "PATCH" && req.messageId !== null) {
      const message = list.find((m) => m.id === req.messageId);
      if (message === undefined) return { status: 404, body: { message: "Unknown Message", code: 10008 } };
      if (typeof body.content === "string") message.content = body.content;
      if (Array.isArray(body.embeds)) message.embeds = body.embeds;
      message.edits += 1;
      return { status: 200, body: view(message) };
    }
    return { status: 405, body: { message: "405: Method Not Allowed", code: 0 } };
  }

  const server = createServer((httpReq: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    httpReq.on("data", (c: Buffer) => chunks.push(c));
    httpReq.on("end", () => {
      const path = (httpReq.url ?? "").split("?")[0] ?? "";
      const match = ROUTE.exec(path);
      const text = Buffer.concat(chunks).toString("utf8");
      const req: DiscordRequest = {
        method: httpReq.method ?? "GET",
        path,
        channel: match?.[1] ?? null,
        messageId: match?.[2] ?? null,
        body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>),
        authorization: httpReq.headers.authorization ?? null,
        at: Date.now(),
        reply: "ok",
        answeredAt: null,
        retryAfterMs: null,
      };
      const index = fake.requests.push(req) - 1;
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        req.answeredAt = Date.now();
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(body));
      };
      const route = `${req.method} /channels/{id}/messages${req.messageId === null ? "" : "/{id}"}`;
      const rateLimited = (seconds: number, global: boolean) => {
        req.retryAfterMs = seconds * 1000;
        limits.announce(route, req.channel ?? "", Date.now() + seconds * 1000, global);
        const headers: Record<string, string> = { "retry-after": String(seconds) };
        if (global) headers["x-ratelimit-global"] = "true";
        else Object.assign(headers, { "x-ratelimit-remaining": "0", "x-ratelimit-scope": "user" });
        send(429, { message: "You are being rate limited.", retry_after: seconds, global }, headers);
      };
      if (match === null) return send(404, { message: "404: Not Found", code: 0 });
      if (req.authorization !== `Bot ${token}`) return send(401, { message: "401: Unauthorized", code: 0 });
      const problems = validate?.(req.method === "POST" ? "create" : "edit", req.body) ?? [];
      if (problems.length > 0) {
        req.reply = "invalid";
        fake.invalid.push({ path, problems });
        return send(400, { message: "Invalid Form Body", code: 50035, errors: problems });
      }
      const verdict = limits.admit(route, req.channel ?? "", req.at);
      if (verdict.kind === "429") {
        req.reply = verdict.global ? "global-429" : "bucket-429";
        req.retryAfterMs = verdict.retryAfterMs;
        const body = {
          message: "You are being rate limited.",
          retry_after: verdict.retryAfterMs / 1000,
          global: verdict.global,
        };
        return send(429, body, verdict.headers);
      }
      const headers = verdict.headers;
      const reply = fake.script(req, index) ?? { kind: "ok" };
      req.reply = reply.kind;
      switch (reply.kind) {
        case "ok": {
          const result = perform(req);
          if (!options.latencyMs) return send(result.status, result.body, headers);
          setTimeout(() => {
            if (!res.destroyed) send(result.status, result.body, headers);
          }, options.latencyMs);
          return;
        }
        case "http":
          return send(reply.status, {
            message: reply.message ?? `fake ${reply.status}`,
            code: reply.code ?? 0,
          });
        case "ratelimited":
          return rateLimited(reply.retryAfterSeconds, reply.global ?? false);
        case "hang":
          return;
        case "reset":
          httpReq.socket.destroy();
          return;
        case "commit-then-reset":
          perform(req);
          httpReq.socket.destroy();
          return;
        case "commit-then-hang":
          perform(req);
          return;
      }
    });
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  return fake;
}

function referenceOf(body: Record<string, unknown>): string | null {
  const reference = body.message_reference as { message_id?: unknown } | undefined;
  return typeof reference?.message_id === "string" ? reference.message_id : null;
}
