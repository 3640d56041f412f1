import assert from "node:assert/strict";
import { test } from "node:test";
import { decideIntent, renewalAction, type Subscription } from "./websub.ts";

const NOW = new Date("2026-01-01T00:00:00Z");
const base: Subscription = {
  token: "tok",
  feedId: 1,
  hub: "https://hub.example/",
  topic: "https://example.org/feed",
  secret: "s3cret",
  state: "subscribing",
  leaseSeconds: 86_400,
  requestedAt: NOW.toISOString(),
  expiresAt: null,
};
const q = (o: Record<string, string>) => new URLSearchParams(o);

test("intent: a pending subscribe with the same topic is confirmed with the granted lease", () => {
  const d = decideIntent(
    base,
    q({
      "hub.mode": "subscribe",
      "hub.topic": base.topic,
      "hub.challenge": "c1",
      "hub.lease_seconds": "600",
    }),
    NOW,
  );
  assert.equal(d.kind, "confirm");
  assert.ok(d.kind === "confirm" && d.next);
  assert.equal(d.challenge, "c1");
  assert.equal(d.next.state, "active");
  assert.equal(d.next.expiresAt, "2026-01-01T00:10:00.000Z");
});

const refusals: [string, Subscription | null, Record<string, string>, string][] = [
  [
    "unknown callback",
    null,
    { "hub.mode": "subscribe", "hub.topic": base.topic, "hub.challenge": "c" },
    "unknown_callback",
  ],
  [
    "other topic",
    base,
    { "hub.mode": "subscribe", "hub.topic": "https://evil/", "hub.challenge": "c" },
    "topic_mismatch",
  ],
  ["no challenge", base, { "hub.mode": "subscribe", "hub.topic": base.topic }, "no_challenge"],
  [
    "unsubscribe not asked",
    base,
    { "hub.mode": "unsubscribe", "hub.topic": base.topic, "hub.challenge": "c" },
    "not_pending",
  ],
  [
    "subscribe when active",
    { ...base, state: "active" },
    { "hub.mode": "subscribe", "hub.topic": base.topic, "hub.challenge": "c" },
    "not_pending",
  ],
  ["denied", base, { "hub.mode": "denied", "hub.topic": base.topic }, "denied"],
];
for (const [name, sub, query, reason] of refusals) {
  test(`intent refused: ${name}`, () => {
    assert.deepEqual(decideIntent(sub, q(query), NOW), { kind: "refuse", reason });
  });
}

test("intent: a pending unsubscribe is confirmed and ends the subscription", () => {
  const d = decideIntent(
    { ...base, state: "unsubscribing" },
    q({ "hub.mode": "unsubscribe", "hub.topic": base.topic, "hub.challenge": "bye" }),
    NOW,
  );
  assert.deepEqual(d, { kind: "confirm", challenge: "bye", next: null });
});

const at = (iso: string) => new Date(iso);
const active: Subscription = { ...base, state: "active", expiresAt: "2026-01-02T00:00:00.000Z" };
const renewals: [string, Subscription, boolean, string, string][] = [
  ["active, lease far from its end", active, true, "2026-01-01T12:00:00Z", "none"],
  ["active, within the last hour", active, true, "2026-01-01T23:00:00Z", "subscribe"],
  [
    "short lease renewed at half",
    { ...active, leaseSeconds: 600, expiresAt: "2026-01-01T00:10:00Z" },
    true,
    "2026-01-01T00:05:00Z",
    "subscribe",
  ],
  ["subscribing, recently sent", base, true, "2026-01-01T00:05:00Z", "none"],
  ["subscribing, never verified", base, true, "2026-01-01T00:10:00Z", "subscribe"],
  ["feed removed", active, false, "2026-01-01T00:01:00Z", "unsubscribe"],
  [
    "unsubscribing, recently sent",
    { ...base, state: "unsubscribing" },
    false,
    "2026-01-01T00:01:00Z",
    "none",
  ],
  [
    "unsubscribe unanswered, lease running",
    { ...active, state: "unsubscribing" },
    false,
    "2026-01-01T00:11:00Z",
    "unsubscribe",
  ],
  [
    "unsubscribe unanswered, no lease granted",
    { ...base, state: "unsubscribing" },
    false,
    "2026-01-01T00:11:00Z",
    "forget",
  ],
  ["feed removed, lease over", active, false, "2026-01-02T00:00:00Z", "forget"],
];
for (const [name, sub, exists, now, action] of renewals) {
  test(`renewal: ${name}`, () => assert.equal(renewalAction(sub, exists, at(now)), action));
}
