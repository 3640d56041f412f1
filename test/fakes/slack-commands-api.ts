/**
 * A loopback stand-in for the parts of Slack a slash command touches: the Web API
 * methods `auth.test`, `users.info` and `conversations.open` (the bot's DM with a user,
 * `D0<user id>`; under `/api/`), and response URLs (under
 * `/respond/`) that record what the app answered. Users are scripted per id.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeSlackUser {
  team_id: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  /** Returned like Slack does: only when the call asks `include_locale`. */
  locale?: string;
}

export interface RecordedCall {
  path: string;
  body: Record<string, unknown>;
}

export interface FakeSlackCommandsApi {
  apiUrl: string;
  responseUrl(id: string): string;
  calls: RecordedCall[];
  responses(id: string): Record<string, unknown>[];
  /** Resolves when `count` responses were posted to the response URL `id` (the deadline only turns a hang into a failure). */
  waitForResponses(id: string, count: number, timeoutMs?: number): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

async function readJsonOrForm(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if ((req.headers["content-type"] ?? "").includes("application/json")) return JSON.parse(text || "{}");
  return Object.fromEntries(new URLSearchParams(text));
}

export async function startFakeSlackCommandsApi(options: {
  team: string;
  users: Record<string, FakeSlackUser>;
}): Promise<FakeSlackCommandsApi> {
  const calls: RecordedCall[] = [];
  const waiters: (() => void)[] = [];
  const server = createServer(async (req, res) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    const body = await readJsonOrForm(req);
    calls.push({ path, body });
    for (const wake of waiters.splice(0)) wake();
    const reply = (payload: object) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(payload));
    };
    if (path === "/api/auth.test")
      return reply({ ok: true, team_id: options.team, user_id: "UBOT", bot_id: "BBOT" });
    if (path === "/api/users.info") {
      const user = options.users[String(body.user)];
      return reply(
        user === undefined
          ? { ok: false, error: "user_not_found" }
          : { ok: true, user: withLocale({ id: body.user, ...user }, body.include_locale) },
      );
    }
    if (path === "/api/conversations.open") {
      const user = String(body.users ?? "");
      return options.users[user] === undefined
        ? reply({ ok: false, error: "user_not_found" })
        : reply({ ok: true, channel: { id: `D0${user.slice(1)}` } });
    }
    if (path.startsWith("/respond/")) return reply({ ok: true });
    reply({ ok: false, error: "unknown_method" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const responses = (id: string) => calls.filter((c) => c.path === `/respond/${id}`).map((c) => c.body);
  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/respond/${id}`,
    calls,
    responses,
    async waitForResponses(id, count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (responses(id).length < count) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} responses on ${id}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return responses(id);
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function withLocale(user: Record<string, unknown>, asked: unknown): Record<string, unknown> {
  if (asked === true || asked === "true") return user;
  const { locale: _omitted, ...rest } = user;
  return rest;
}
