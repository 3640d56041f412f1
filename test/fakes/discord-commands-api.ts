/**
 * A loopback stand-in for the Discord REST routes commands use: interaction webhooks
 * (edit, delete and follow up the deferred response), command registration, and the DM
 * channel a bot opens with a user (`POST /users/@me/channels`: one id per user). Every
 * request is recorded with its method, path and JSON body.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface DiscordCall {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
}

export interface FakeDiscordCommandsApi {
  apiUrl: string;
  calls: DiscordCall[];
  /** Resolves when at least `count` calls matched (the deadline only turns a hang into a failure). */
  waitFor(match: (c: DiscordCall) => boolean, count?: number, timeoutMs?: number): Promise<DiscordCall[]>;
  close(): Promise<void>;
}

export async function startFakeDiscordCommandsApi(): Promise<FakeDiscordCommandsApi> {
  const calls: DiscordCall[] = [];
  let nextId = 1000;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const body: unknown = text === "" ? null : JSON.parse(text);
    calls.push({
      method: req.method ?? "",
      path: req.url ?? "",
      body,
      authorization: req.headers.authorization,
    });
    if (req.method === "DELETE") {
      res.writeHead(204).end();
      return;
    }
    if (req.method === "POST" && (req.url ?? "").endsWith("/users/@me/channels")) {
      const recipient = String((body as { recipient_id?: unknown }).recipient_id ?? "");
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: `9${recipient.padStart(18, "0").slice(-18)}`,
          type: 1,
          recipients: [{ id: recipient }],
        }),
      );
      return;
    }
    const answer = Array.isArray(body)
      ? body.map((c, i) => ({ id: String(900 + i), ...c }))
      : { id: String(nextId++), ...(body as object) };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
    calls,
    async waitFor(match, count = 1, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = calls.filter(match);
        if (found.length >= count) return found;
        if (Date.now() > deadline) throw new Error(`timed out: ${found.length} of ${count} calls`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
