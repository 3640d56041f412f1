/**
 * A small WebSub hub on loopback (W3C WebSub §5–§8, the parts a subscriber meets):
 * - POST / with `hub.mode`, `hub.callback`, `hub.topic`, `hub.secret`, `hub.lease_seconds`:
 *   answers 202, then verifies intent with a GET to the callback carrying a fresh challenge;
 *   the subscription exists (or ends) only when the callback echoes that challenge.
 * - `publish(topic, body)` POSTs the body to every verified callback of the topic, signed
 *   `X-Hub-Signature: sha1=HMAC(secret, body)` (or the method given).
 * - `forge(...)` sends what an attacker would: no signature, or one made with another key.
 */
import { createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface HubRequestRecord {
  mode: string;
  callback: string;
  topic: string;
  secret: string | null;
  leaseSeconds: number | null;
}

export interface VerificationRecord {
  mode: string;
  callback: string;
  topic: string;
  /** Whether the callback echoed the challenge with a 2xx. */
  confirmed: boolean;
  status: number;
}

export interface FakeHub {
  url: string;
  requests: HubRequestRecord[];
  verifications: VerificationRecord[];
  /** Verified subscriptions: callback → {topic, secret}. */
  subscribers: Map<string, { topic: string; secret: string }>;
  /** Resolves when `count` verifications have completed. */
  verified(count: number): Promise<void>;
  publish(
    topic: string,
    body: string,
    options?: { method?: "sha1" | "sha256"; contentType?: string },
  ): Promise<number[]>;
  forge(callback: string, body: string, signature: string | null): Promise<number>;
  /** A verification GET the hub did not have asked for (an attacker's, or a replay). */
  verifyIntent(callback: string, params: Record<string, string>): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

export async function startFakeHub(options: { grantLeaseSeconds?: number } = {}): Promise<FakeHub> {
  const requests: HubRequestRecord[] = [];
  const verifications: VerificationRecord[] = [];
  const subscribers = new Map<string, { topic: string; secret: string }>();
  const waiters: { count: number; resolve: () => void }[] = [];
  const settle = () => {
    for (const w of [...waiters]) {
      if (verifications.length >= w.count) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };

  const verify = async (record: HubRequestRecord) => {
    const challenge = randomBytes(12).toString("hex");
    const url = new URL(record.callback);
    url.searchParams.set("hub.mode", record.mode);
    url.searchParams.set("hub.topic", record.topic);
    url.searchParams.set("hub.challenge", challenge);
    const lease = options.grantLeaseSeconds ?? record.leaseSeconds;
    if (record.mode === "subscribe" && lease !== null)
      url.searchParams.set("hub.lease_seconds", String(lease));
    const response = await fetch(url);
    const text = await response.text();
    const confirmed = response.ok && text === challenge;
    if (confirmed && record.mode === "subscribe")
      subscribers.set(record.callback, { topic: record.topic, secret: record.secret ?? "" });
    if (confirmed && record.mode === "unsubscribe") subscribers.delete(record.callback);
    verifications.push({ ...record, confirmed, status: response.status });
    settle();
  };

  const server = createServer(async (req, res) => {
    const form = new URLSearchParams(await text(req));
    const record: HubRequestRecord = {
      mode: form.get("hub.mode") ?? "",
      callback: form.get("hub.callback") ?? "",
      topic: form.get("hub.topic") ?? "",
      secret: form.get("hub.secret"),
      leaseSeconds: form.has("hub.lease_seconds") ? Number(form.get("hub.lease_seconds")) : null,
    };
    requests.push(record);
    res.writeHead(202).end();
    // Asynchronous verification, as hubs do it (after the 202).
    setImmediate(() => {
      verify(record).catch(() => {
        verifications.push({ ...record, confirmed: false, status: 0 });
        settle();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const post = async (callback: string, body: string, headers: Record<string, string>) => {
    const response = await fetch(callback, { method: "POST", body, headers });
    await response.text();
    return response.status;
  };

  return {
    url,
    requests,
    verifications,
    subscribers,
    verified: (count) =>
      new Promise<void>((resolve) => {
        waiters.push({ count, resolve });
        settle();
      }),
    async publish(topic, body, publishOptions = {}) {
      const statuses: number[] = [];
      for (const [callback, sub] of subscribers) {
        if (sub.topic !== topic) continue;
        const method = publishOptions.method ?? "sha1";
        const signature = `${method}=${createHmac(method, sub.secret).update(body).digest("hex")}`;
        statuses.push(
          await post(callback, body, {
            "content-type": publishOptions.contentType ?? "application/rss+xml",
            "x-hub-signature": signature,
          }),
        );
      }
      return statuses;
    },
    forge: (callback, body, signature) =>
      post(callback, body, {
        "content-type": "application/rss+xml",
        ...(signature === null ? {} : { "x-hub-signature": signature }),
      }),
    async verifyIntent(callback, params) {
      const u = new URL(callback);
      for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
      const response = await fetch(u);
      return { status: response.status, body: await response.text() };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function text(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
