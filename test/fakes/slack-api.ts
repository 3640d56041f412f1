/**
 * A fake Slack Web API on 127.0.0.1 for tests: `chat.postMessage`, `chat.update`,
 * `conversations.history`, `conversations.replies`. It answers like Slack (HTTP 200 with
 * `ok`, `channel`, `ts`; `ok: false` + `error`), records every request, keeps the posted
 * messages (with their metadata) per channel, and validates every payload against the
 * Block Kit limits (an invalid payload gets HTTP 400 and lands in `invalid`).
 *
 * `script` decides the answer of each request: `ok` (default), a Slack error, an HTTP
 * status, a 429 with Retry-After, a hang, a reset, or "commit then reset/hang" (the
 * message is posted but the client never learns it: the ambiguous case).
 *
 * With `channelIntervalMs`, Slack's per-channel message rate is enforced: a post or
 * update arriving sooner than that after the last one accepted in its channel gets 429
 * with `Retry-After` (whole seconds, as Slack sends it) and counts in `paced429`.
 *
 * For distribution (many workspaces), `workspaces` grants each workspace an OAuth code
 * and a bot token: `oauth.v2.access` trades the code (with the client id and secret) for
 * the token, `auth.test` and `users.info` answer for the token's workspace, and every
 * method accepts each workspace's token besides `token`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { slackValidator } from "./slack-schema.ts";

export type SlackReply =
  | { kind: "ok" }
  | { kind: "error"; error: string }
  | { kind: "http"; status: number }
  | { kind: "ratelimited"; retryAfterSeconds: number }
  | { kind: "hang" }
  | { kind: "reset" }
  | { kind: "commit-then-reset" }
  | { kind: "commit-then-hang" };

export interface SlackRequest {
  method: string;
  channel: string | null;
  args: Record<string, unknown>;
  token: string | null;
  /** Date.now() at arrival. */
  at: number;
  reply: SlackReply["kind"] | "invalid" | "paced-429";
  /** Date.now() when the answer was written (null: none was). */
  answeredAt: number | null;
  /** For 429s: the wait announced (ms). */
  retryAfterMs: number | null;
}

export interface SlackMessage {
  ts: string;
  text: string;
  blocks: unknown;
  threadTs: string | null;
  metadata: { event_type: string; event_payload: Record<string, unknown> } | null;
  edits: number;
}

export interface FakeSlack {
  /** Base URL ending in `/api/`, for `SLACK_API_URL`. */
  url: string;
  requests: SlackRequest[];
  messages: Map<string, SlackMessage[]>;
  /** Validation failures: each one means the code under test sent a bad payload. */
  invalid: { method: string; problems: string[] }[];
  script: (req: SlackRequest, index: number) => SlackReply | undefined;
  /** 429s for messages that came too soon after the previous one in their channel. */
  paced429: number;
  close(): Promise<void>;
}

const JSON_FIELDS = new Set(["blocks", "metadata", "attachments"]);

export interface FakeWorkspace {
  team: string;
  /** The OAuth code the install redirect carries for this workspace. */
  code: string;
  botToken: string;
  /** users.info answers, by user id. */
  users?: Record<string, { is_admin?: boolean; is_owner?: boolean }>;
}

export interface FakeSlackOptions {
  token?: string;
  /** Distribution: workspaces that can install the app (see the module comment). */
  workspaces?: FakeWorkspace[];
  /** The app's OAuth client, checked by oauth.v2.access. */
  client?: { id: string; secret: string };
  /** Posts are stored at once but answered this much later (a window to crash in). */
  latencyMs?: number;
  /** Refuse (429) a post in a channel sooner than this after the last accepted one. */
  channelIntervalMs?: number;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const token = options.token ?? "xoxb-test";
  /** Arrival of the last message accepted per channel, for `channelIntervalMs`. */
  const lastAccepted = new Map<string, number>();
  const validate = slackValidator();
  const sockets = new Set<Socket>();
  let tsCounter = 0;
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, "0")}`;

  const fake: FakeSlack = {
    url: "",
    requests: [],
    messages: new Map(),
    invalid: [],
    script: () => undefined,
    paced429: 0,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const channelMessages = (channel: string) => {
    const list = fake.messages.get(channel) ?? [];
    fake.messages.set(channel, list);
    return list;
  };

  const workspaces = options.workspaces ?? [];
  function oauthAccess(args: Record<string, unknown>): Record<string, unknown> {
    if (args.client_id !== options.client?.id || args.client_secret !== options.client?.secret)
      return { ok: false, error: "invalid_client_id" };
    const ws = workspaces.find((w) => w.code === args.code);
    if (ws === undefined) return { ok: false, error: "invalid_code" };
    return {
      ok: true,
      app_id: "A0FAKEAPP",
      authed_user: { id: "UINSTALLER" },
      scope: "chat:write,commands,users:read",
      token_type: "bot",
      access_token: ws.botToken,
      bot_user_id: `UBOT${ws.team}`,
      team: { id: ws.team, name: `Team ${ws.team}` },
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  function perform(req: SlackRequest): Record<string, unknown> {
    const { args, channel } = req;
    if (req.method === "oauth.v2.access") return oauthAccess(args);
    const ws = workspaces.find((w) => w.botToken === req.token);
    if (req.token !== token && ws === undefined) return { ok: false, error: "invalid_auth" };
    if (req.method === "auth.test")
      return { ok: true, team_id: ws?.team ?? "T0FAKE", user_id: "UBOT", bot_id: `B${ws?.team ?? "0"}` };
    if (req.method === "users.info") {
      const user = ws?.users?.[String(args.user)];
      return user === undefined
        ? { ok: false, error: "user_not_found" }
        : { ok: true, user: { id: args.user, team_id: ws?.team, ...user } };
    }
    if (channel === null) return { ok: false, error: "channel_not_found" };
    const list = channelMessages(channel);
    switch (req.method) {
      case "chat.postMessage": {
        const threadTs = typeof args.thread_ts === "string" ? args.thread_ts : null;
        if (threadTs !== null && !list.some((m) => m.ts === threadTs))
          return { ok: false, error: "thread_not_found" };
        const message: SlackMessage = {
          ts: nextTs(),
          text: String(args.text ?? ""),
          blocks: args.blocks ?? null,
          threadTs,
          metadata: (args.metadata as SlackMessage["metadata"]) ?? null,
          edits: 0,
        };
        list.push(message);
        return {
          ok: true,
          channel,
          ts: message.ts,
          message: { type: "message", text: message.text, ts: message.ts },
        };
      }
      case "chat.update": {
        const message = list.find((m) => m.ts === args.ts);
        if (message === undefined) return { ok: false, error: "message_not_found" };
        message.text = String(args.text ?? "");
        message.blocks = args.blocks ?? message.blocks;
        message.edits += 1;
        return { ok: true, channel, ts: message.ts, text: message.text };
      }
      case "conversations.history":
      case "conversations.replies": {
        const oldest = Number(args.oldest ?? 0);
        const withMeta = args.include_all_metadata === true || args.include_all_metadata === "true";
        const chosen =
          req.method === "conversations.history"
            ? list.filter((m) => m.threadTs === null && Number(m.ts) >= oldest).reverse()
            : list.filter((m) => m.ts === args.ts || m.threadTs === args.ts);
        const messages = chosen.map((m) => ({
          type: "message",
          ts: m.ts,
          text: m.text,
          ...(m.threadTs === null ? {} : { thread_ts: m.threadTs }),
          ...(withMeta && m.metadata !== null ? { metadata: m.metadata } : {}),
        }));
        return { ok: true, messages, has_more: false, response_metadata: { next_cursor: "" } };
      }
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  const server = createServer((httpReq: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    httpReq.on("data", (c: Buffer) => chunks.push(c));
    httpReq.on("end", () => {
      const args = parseArgs(httpReq.headers["content-type"] ?? "", Buffer.concat(chunks).toString("utf8"));
      const auth = httpReq.headers.authorization;
      const req: SlackRequest = {
        method: (httpReq.url ?? "").replace(/^\/api\//, "").split("?")[0] ?? "",
        channel: typeof args.channel === "string" ? args.channel : null,
        args,
        token: auth?.startsWith("Bearer ")
          ? auth.slice(7)
          : typeof args.token === "string"
            ? args.token
            : null,
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
      if (req.method === "chat.postMessage" || req.method === "chat.update") {
        const problems = validate?.(args) ?? [];
        if (req.method === "chat.postMessage" && args.metadata === undefined)
          problems.push("metadata missing");
        if (problems.length > 0) {
          req.reply = "invalid";
          fake.invalid.push({ method: req.method, problems });
          send(400, { ok: false, error: "invalid_blocks", problems });
          return;
        }
      }
      const interval = options.channelIntervalMs;
      const paced = req.method === "chat.postMessage" || req.method === "chat.update";
      if (interval !== undefined && paced && req.channel !== null) {
        const last = lastAccepted.get(req.channel);
        if (last !== undefined && req.at - last < interval) {
          req.reply = "paced-429";
          fake.paced429 += 1;
          req.retryAfterMs = Math.ceil((last + interval - req.at) / 1000) * 1000;
          return send(
            429,
            { ok: false, error: "ratelimited" },
            { "retry-after": String(req.retryAfterMs / 1000) },
          );
        }
        lastAccepted.set(req.channel, req.at);
      }
      const reply = fake.script(req, index) ?? { kind: "ok" };
      req.reply = reply.kind;
      switch (reply.kind) {
        case "ok": {
          const body = perform(req);
          if (!options.latencyMs || req.method !== "chat.postMessage") return send(200, body);
          setTimeout(() => {
            if (!res.destroyed) send(200, body);
          }, options.latencyMs);
          return;
        }
        case "error":
          return send(200, { ok: false, error: reply.error });
        case "http":
          return send(reply.status, { ok: false, error: "fake_http_error" });
        case "ratelimited":
          return send(
            429,
            { ok: false, error: "ratelimited" },
            { "retry-after": String(reply.retryAfterSeconds) },
          );
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
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  return fake;
}

function parseArgs(contentType: string, body: string): Record<string, unknown> {
  if (contentType.includes("application/json"))
    return body === "" ? {} : (JSON.parse(body) as Record<string, unknown>);
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = JSON_FIELDS.has(key) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
