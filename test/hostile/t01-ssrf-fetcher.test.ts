/**
 * SSRF guard, end to end through the fetcher with untrusted URLs. Canary listeners on
 * 127.0.0.1, 127.0.0.2 and ::1 count every TCP connection: none may ever arrive.
 *
 * A real public address would mean touching the internet, so the untrusted happy path
 * uses a test-only policy (`createGuardedFetcher`) that treats 127.0.0.3 as "public" and
 * admits ephemeral ports; everything else is judged by the production `isPublicAddress`.
 * One suite also runs the production `createFetcher` to show the defaults refuse all of it.
 */
import assert from "node:assert/strict";
import { after, before, describe, it, type TestContext } from "node:test";
import { FeedError } from "../../src/core/errors.ts";
import { isPublicAddress } from "../../src/feeds/fetch/address-policy.ts";
import { createGuardedFetcher } from "../../src/feeds/fetch/fetcher.ts";
import type { GuardPolicy, ResolvedAddress } from "../../src/feeds/fetch/guard.ts";
import { createFetcher, DEFAULT_FETCH_OPTIONS } from "../../src/feeds/fetch/index.ts";
import { type FeedServer, startFeedServer } from "../fakes/feed-server.ts";

const RSS = `<rss version="2.0"><channel><title>ok</title></channel></rss>`;
const STAND_IN = "127.0.0.3";

async function tryStart(host: string): Promise<FeedServer | null> {
  try {
    return await startFeedServer({ host, routes: { "/feed": { body: RSS } } });
  } catch {
    return null;
  }
}

let canaries: FeedServer[] = [];
let canary6: FeedServer | null = null;
let publicServer: FeedServer | null = null;
let canaryPort = 0;
const resolverCalls = new Map<string, number>();

before(async () => {
  canaries = [
    await startFeedServer({ host: "127.0.0.1", routes: { "/feed": { body: RSS } } }),
    await startFeedServer({ host: "127.0.0.2", routes: { "/feed": { body: RSS } } }),
  ];
  canaryPort = canaries[0]?.port ?? 0;
  canary6 = await tryStart("::1");
  if (canary6 === null) console.log("# IPv6 loopback unavailable: the ::1 canary is skipped");
  else canaries.push(canary6);
  publicServer = await tryStart(STAND_IN);
});
after(async () => {
  await Promise.all([...canaries, publicServer].map((s) => s?.close()));
});

const canaryConnections = () => canaries.reduce((sum, c) => sum + c.connections, 0);

const records: Record<string, string[] | ((call: number) => string[])> = {
  "public.example": [STAND_IN],
  "private.example": ["127.0.0.1"],
  "mixed.example": [STAND_IN, "127.0.0.2"],
  "rebind.example": (call) => (call === 1 ? [STAND_IN] : ["127.0.0.1"]),
  "v6.example": ["::1"],
  "mapped.example": ["::ffff:127.0.0.1"],
  "spelled.example": ["0x7f.1"],
  "metadata.example": ["169.254.169.254"],
};

async function resolver(hostname: string): Promise<ResolvedAddress[]> {
  const call = (resolverCalls.get(hostname) ?? 0) + 1;
  resolverCalls.set(hostname, call);
  const entry = records[hostname];
  if (entry === undefined) throw Object.assign(new Error("ENOTFOUND"), { code: "ENOTFOUND" });
  const addresses = typeof entry === "function" ? entry(call) : entry;
  return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
}

const testPolicy: GuardPolicy = {
  allowAddress: (ip) => ip === STAND_IN || isPublicAddress(ip),
  allowPort: () => true,
};
const guarded = () => createGuardedFetcher({ ...DEFAULT_FETCH_OPTIONS, resolver }, testPolicy);
const untrusted = (url: string) => ({ url, etag: null, lastModified: null, trusted: false });

async function assertBlocked(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => assert.fail("expected blocked_address"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof FeedError);
  assert.equal(error.code, "blocked_address");
  assert.equal(error.message, "this address is not allowed");
  assert.equal(canaryConnections(), 0, "no connection reached a canary");
}

describe("untrusted fetches through the guard", () => {
  it("fetches a public name through the pinned address", async (t) => {
    if (standInMissing(t)) return;
    const url = `http://public.example:${publicServer?.port}/feed`;
    const res = await guarded().fetch(untrusted(url));
    assert.equal(res.kind, "ok");
    assert.equal(
      publicServer?.requestsTo("/feed").at(-1)?.headers.host,
      `public.example:${publicServer?.port}`,
    );
    assert.equal(canaryConnections(), 0);
  });

  it("refuses a name that resolves to loopback", async () => {
    await assertBlocked(guarded().fetch(untrusted(`http://private.example:${canaryPort}/feed`)));
  });

  it("refuses link-local (cloud metadata)", async () => {
    await assertBlocked(guarded().fetch(untrusted(`http://metadata.example:${canaryPort}/feed`)));
  });

  it("refuses mixed public and private records outright", async (t) => {
    if (standInMissing(t)) return;
    const before = publicServer?.connections ?? 0;
    await assertBlocked(guarded().fetch(untrusted(`http://mixed.example:${canaryPort}/feed`)));
    assert.equal(publicServer?.connections, before, "not even the public record is used");
  });

  it("is not fooled by a rebinding resolver: one lookup, pinned", async (t) => {
    if (standInMissing(t)) return;
    const url = `http://rebind.example:${publicServer?.port}/feed`;
    const res = await guarded().fetch(untrusted(url));
    assert.equal(res.kind, "ok");
    assert.equal(resolverCalls.get("rebind.example"), 1, "no second lookup at connect time");
    await assertBlocked(guarded().fetch(untrusted(url))); // the next fetch sees 127.0.0.1 and refuses
  });

  it("refuses IPv6 and IPv4-mapped answers for loopback", async () => {
    await assertBlocked(guarded().fetch(untrusted(`http://v6.example:${canary6?.port ?? canaryPort}/feed`)));
    await assertBlocked(guarded().fetch(untrusted(`http://mapped.example:${canaryPort}/feed`)));
  });

  it("refuses a resolver answer in a numeric spelling", async () => {
    await assertBlocked(guarded().fetch(untrusted(`http://spelled.example:${canaryPort}/feed`)));
  });

  // Each literal points at the canary it would reach if the guard let it through.
  const v4 = () => canaryPort;
  const v6 = () => canary6?.port ?? canaryPort;
  const literalHosts: [string, () => number][] = [
    ["127.0.0.1", v4],
    ["2130706433", v4],
    ["0x7f.1", v4],
    ["017700000001", v4],
    ["127.1", v4],
    ["0x7f.0.0.2", () => canaries[1]?.port ?? canaryPort],
    ["[::1]", v6],
    ["[::ffff:127.0.0.1]", v4],
    ["[::ffff:7f00:1]", v4],
    ["[::127.0.0.1]", v4],
    ["[64:ff9b::7f00:1]", v4],
    ["[2002:7f00:1::]", v4],
    ["[2001:0:4136:e378:8000:63bf:80ff:fffe]", v4],
    ["[fe80::1]", v4],
    ["0.0.0.0", v4],
    ["[::]", v6],
  ];
  for (const [host, port] of literalHosts) {
    it(`refuses the literal host ${host} without resolving it`, async () => {
      const calls = [...resolverCalls.values()].reduce((a, b) => a + b, 0);
      await assertBlocked(guarded().fetch(untrusted(`http://${host}:${port()}/feed`)));
      assert.equal(
        [...resolverCalls.values()].reduce((a, b) => a + b, 0),
        calls,
      );
    });
  }

  const redirectTargets = [
    () => `http://127.0.0.1:${canaryPort}/feed`,
    () => `http://private.example:${canaryPort}/feed`,
    () => `http://2130706433:${canaryPort}/feed`,
    () => `http://[::1]:${canary6?.port ?? canaryPort}/feed`,
    () => `file:///etc/passwd`,
  ];
  for (const [i, target] of redirectTargets.entries()) {
    it(`re-checks redirect hops (${i + 1})`, async (t) => {
      if (standInMissing(t)) return;
      publicServer?.route(`/to-private-${i}`, { redirect: target() });
      await assertBlocked(
        guarded().fetch(untrusted(`http://public.example:${publicServer?.port}/to-private-${i}`)),
      );
      assert.equal(publicServer?.requestsTo(`/to-private-${i}`).length, 1);
    });
  }
});

describe("production defaults (createFetcher) for untrusted URLs", () => {
  const production = () => createFetcher({ resolver });
  it("allows only ports 80 and 443, before any lookup", async () => {
    const calls = resolverCalls.get("public.example") ?? 0;
    await assertBlocked(production().fetch(untrusted("http://public.example:8080/feed")));
    await assertBlocked(production().fetch(untrusted("https://public.example:22/feed")));
    assert.equal(resolverCalls.get("public.example") ?? 0, calls);
  });
  it("allows only http and https", async () => {
    await assertBlocked(production().fetch(untrusted("ftp://public.example/feed")));
    await assertBlocked(production().fetch(untrusted("gopher://public.example/feed")));
  });
  it("refuses every loopback address, the stand-in included", async () => {
    await assertBlocked(production().fetch(untrusted("http://public.example/feed")));
    await assertBlocked(production().fetch(untrusted("http://127.0.0.1/feed")));
    await assertBlocked(production().fetch(untrusted("https://[::1]/feed")));
  });
  it("ends with zero connections on every canary", () => {
    assert.equal(canaries.length >= 2, true);
    for (const canary of canaries) assert.equal(canary.connections, 0, `canary ${canary.host}`);
  });
});

/** The stand-in needs 127.0.0.3, which Linux always has; elsewhere those tests skip. */
function standInMissing(t: TestContext): boolean {
  if (publicServer !== null) return false;
  t.skip(`cannot listen on ${STAND_IN}: the public stand-in is unavailable`);
  return true;
}
