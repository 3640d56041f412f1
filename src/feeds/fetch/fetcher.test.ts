import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import iconv from "iconv-lite";
import { conditionalRoute, type FeedServer, startFeedServer } from "../../../test/fakes/feed-server.ts";
import { FeedError } from "../../core/errors.ts";
import {
  createFetcher,
  decodeBody,
  type FetchOptions,
  type FetchRequest,
  type FetchResponse,
} from "./index.ts";

/** The body as the parse worker decodes it (bytes, Content-Type, XML declaration). */
const decoded = (res: Extract<FetchResponse, { kind: "ok" }>) => decodeBody(res.body, res.contentType);

const RSS = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Café</title></channel></rss>`;
const NOW = Date.parse("2026-11-28T03:00:00.000Z");

let server: FeedServer;
before(async () => {
  server = await startFeedServer();
});
after(() => server.close());

/** Trusted mode: test names resolve to the loopback feed server. */
const resolver = async (hostname: string) => {
  if (hostname === "feeds.example" || hostname === "other.example")
    return [{ address: "127.0.0.1", family: 4 as const }];
  throw Object.assign(new Error(`no such host ${hostname}`), { code: "ENOTFOUND" });
};

function fetcher(options: Partial<FetchOptions> = {}) {
  return createFetcher({ resolver, ...options });
}
const get = (url: string, extra: Partial<FetchRequest> = {}): FetchRequest => ({
  url,
  etag: null,
  lastModified: null,
  trusted: true,
  ...extra,
});
async function rejectsWith(promise: Promise<unknown>, code: string): Promise<FeedError> {
  const error = await promise.then(
    () => assert.fail(`expected FeedError ${code}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof FeedError, `expected a FeedError, got ${String(error)}`);
  assert.equal(error.code, code);
  return error;
}

describe("fetcher over HTTP (trusted)", () => {
  it("sends a descriptive User-Agent, then conditional headers; 304 is not_modified", async () => {
    const lastModified = "Fri, 27 Nov 2026 10:00:00 GMT";
    server.route("/conditional", conditionalRoute({ body: RSS, etag: '"v1"', lastModified }));
    const f = fetcher({ userAgent: "Wirewatch/test (+https://example.invalid)" });
    const first = await f.fetch(get(server.url("/conditional")));
    assert.equal(first.kind, "ok");
    assert.ok(first.kind === "ok");
    assert.equal(first.etag, '"v1"');
    assert.equal(first.lastModified, lastModified);
    assert.equal(decoded(first).text, RSS);
    const second = await f.fetch(get(server.url("/conditional"), { etag: first.etag, lastModified }));
    assert.equal(second.kind, "not_modified");
    const [r1, r2] = server.requestsTo("/conditional");
    assert.equal(r1?.headers["user-agent"], "Wirewatch/test (+https://example.invalid)");
    assert.equal(r1?.headers["if-none-match"], undefined);
    assert.equal(r2?.headers["if-none-match"], '"v1"');
    assert.equal(r2?.headers["if-modified-since"], lastModified);
    assert.match(String(r2?.headers["accept-encoding"]), /gzip.*deflate.*br/);
    await f.close();
  });

  it("connects by the pinned address but keeps the name in Host", async () => {
    server.route("/named", { body: RSS });
    const f = fetcher();
    const res = await f.fetch(get(`http://feeds.example:${server.port}/named`));
    assert.equal(res.kind, "ok");
    assert.equal(server.requestsTo("/named")[0]?.headers.host, `feeds.example:${server.port}`);
    await f.close();
  });

  for (const compress of ["gzip", "deflate", "deflate-raw", "br"] as const) {
    it(`decompresses ${compress}`, async () => {
      server.route(`/z-${compress}`, { body: RSS, compress });
      const res = await fetcher().fetch(get(server.url(`/z-${compress}`)));
      assert.ok(res.kind === "ok");
      assert.equal(decoded(res).text, RSS);
    });
  }

  it("follows a chain of 5 redirects (relative and absolute) and reports the final URL", async () => {
    for (let i = 1; i <= 5; i += 1) {
      server.route(`/hop${i}`, {
        redirect: i % 2 === 0 ? `/hop${i + 1}` : server.url(`/hop${i + 1}`),
        status: 301,
      });
    }
    server.route("/hop6", { body: RSS });
    const res = await fetcher().fetch(get(server.url("/hop1")));
    assert.ok(res.kind === "ok");
    assert.equal(res.finalUrl, server.url("/hop6"));
  });

  it("refuses a sixth redirect", async () => {
    for (let i = 1; i <= 6; i += 1) server.route(`/loop${i}`, { redirect: `/loop${i + 1}` });
    server.route("/loop7", { body: RSS });
    await rejectsWith(fetcher().fetch(get(server.url("/loop1"))), "too_many_redirects");
    assert.equal(server.requestsTo("/loop7").length, 0);
  });

  it("maps other statuses to http_status", async () => {
    server.route("/gone", { status: 410, body: "<html>secret internals</html>" });
    const error = await rejectsWith(fetcher().fetch(get(server.url("/gone"))), "http_status");
    assert.equal(error.status, 410);
    assert.doesNotMatch(error.message, /secret/);
  });

  it("honours 429 Retry-After for the whole host without sending requests", async () => {
    let now = NOW;
    const f = fetcher({ now: () => now });
    server.route("/limited", [{ status: 429, headers: { "retry-after": "120" } }, { body: RSS }]);
    server.route("/sibling", { body: RSS });
    const url = (path: string) => `http://other.example:${server.port}${path}`;
    const first = await rejectsWith(f.fetch(get(url("/limited"))), "http_status");
    assert.equal(first.status, 429);
    assert.equal(first.retryAfterSeconds, 120);

    now += 30_000;
    const held = await rejectsWith(f.fetch(get(url("/sibling"))), "http_status");
    assert.equal(held.status, 429);
    assert.equal(held.retryAfterSeconds, 90);
    assert.equal(server.requestsTo("/sibling").length, 0, "no request before Retry-After");

    now += 90_000;
    assert.equal((await f.fetch(get(url("/limited")))).kind, "ok");
    assert.equal(server.requestsTo("/limited").length, 2);
  });

  it("honours 503 with an HTTP-date Retry-After", async () => {
    const f = fetcher({ now: () => NOW });
    server.route("/maintenance", {
      status: 503,
      headers: { "retry-after": new Date(NOW + 600_000).toUTCString() },
    });
    const error = await rejectsWith(
      f.fetch(get(`http://feeds.example:${server.port}/maintenance`)),
      "http_status",
    );
    assert.equal(error.status, 503);
    assert.equal(error.retryAfterSeconds, 600);
    await rejectsWith(f.fetch(get(`http://feeds.example:${server.port}/maintenance`)), "http_status");
    assert.equal(server.requestsTo("/maintenance").length, 1);
  });

  it("passes cache hints through", async () => {
    server.route("/cached", { body: RSS, headers: { "cache-control": "max-age=1800" } });
    const res = await fetcher().fetch(get(server.url("/cached")));
    assert.deepEqual(res.cache, { maxAgeSeconds: 1800, expires: null, retryAfterSeconds: null });
  });

  it("returns the body with its Content-Type, which decodes it by the HTTP charset", async () => {
    server.route("/koi8", {
      body: iconv.encode(`<rss><title>Пример</title></rss>`, "koi8-r"),
      headers: { "content-type": "application/rss+xml; charset=koi8-r" },
    });
    const res = await fetcher().fetch(get(server.url("/koi8")));
    assert.ok(res.kind === "ok");
    assert.equal(decoded(res).charset, "koi8-r");
    assert.equal(decoded(res).text, "<rss><title>Пример</title></rss>");
  });
});

describe("fetcher limits", () => {
  const cap = 64 * 1024;
  it("accepts a body exactly at the cap", async () => {
    server.route("/at-cap", { fillBytes: cap, chunked: true });
    const res = await fetcher({ maxBodyBytes: cap }).fetch(get(server.url("/at-cap")));
    assert.ok(res.kind === "ok");
    assert.equal(res.body.byteLength, cap);
  });
  it("rejects an oversize body announced by Content-Length", async () => {
    server.route("/big", { fillBytes: cap + 1 });
    await rejectsWith(fetcher({ maxBodyBytes: cap }).fetch(get(server.url("/big"))), "too_large");
  });
  it("rejects an oversize chunked body while reading", async () => {
    server.route("/big-chunked", { fillBytes: cap + 1, chunked: true });
    await rejectsWith(fetcher({ maxBodyBytes: cap }).fetch(get(server.url("/big-chunked"))), "too_large");
  });
  it("counts after decompression (gzip bomb)", async () => {
    server.route("/bomb", { fillBytes: 50 * 1024 * 1024, compress: "gzip" });
    const f = fetcher({ maxBodyBytes: cap });
    await rejectsWith(f.fetch(get(server.url("/bomb"))), "too_large");
  });
  it("rejects a corrupt compressed body as decode", async () => {
    server.route("/corrupt", { body: "not gzip at all", headers: { "content-encoding": "gzip" } });
    await rejectsWith(fetcher().fetch(get(server.url("/corrupt"))), "decode");
  });
  // The server below would answer only after the test's own timeout (which guards against a
  // hang), so a "timeout" error can only come from the fetcher's deadline: no stopwatch needed.
  it("times out waiting for headers", { timeout: 30_000 }, async () => {
    server.route("/slow-headers", { body: RSS, delayMs: 120_000 });
    await rejectsWith(fetcher({ headersTimeoutMs: 150 }).fetch(get(server.url("/slow-headers"))), "timeout");
  });
  it("times out a slow drip on the total deadline", { timeout: 30_000 }, async () => {
    // 100 bytes every 50 ms keeps data flowing; the whole body would take 10 minutes.
    server.route("/drip", { fillBytes: 1_200_000, drip: { chunkBytes: 100, intervalMs: 50 }, chunked: true });
    await rejectsWith(fetcher({ totalTimeoutMs: 300 }).fetch(get(server.url("/drip"))), "timeout");
  });
  it("reports a dropped connection as network", async () => {
    server.route("/hang-up", { hangUp: true });
    await rejectsWith(fetcher().fetch(get(server.url("/hang-up"))), "network");
  });
  it("reports an unresolvable host as network", async () => {
    await rejectsWith(fetcher().fetch(get("http://nowhere.invalid/feed")), "network");
  });
  it("rejects a malformed URL as bad_url", async () => {
    await rejectsWith(fetcher().fetch(get("http://exa mple.com:99999/")), "bad_url");
  });
  it("keeps at most perHostConcurrency requests in flight to one host", async () => {
    const busy = await startFeedServer({ routes: { "/slow": { body: RSS, delayMs: 300 } } });
    const f = fetcher({ perHostConcurrency: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, () => f.fetch(get(busy.url("/slow")))));
    assert.equal(results.length, 6);
    assert.equal(busy.requests.length, 6);
    assert.equal(busy.peakInFlight, 2);
    await busy.close();
  });
});

describe("fetcher over file: URLs", () => {
  const dir = mkdtempSync(join(tmpdir(), "wirewatch-fetch-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const latin1 = join(dir, "latin1.xml");
  writeFileSync(latin1, iconv.encode(`<?xml version="1.0" encoding="ISO-8859-1"?><rss>Café</rss>`, "latin1"));

  it("reads and decodes a trusted file", async () => {
    const res = await fetcher().fetch(get(pathToFileURL(latin1).href));
    assert.ok(res.kind === "ok");
    assert.equal(decoded(res).charset, "iso-8859-1");
    assert.match(decoded(res).text, /Café/);
  });
  it("applies the cap to files", async () => {
    await rejectsWith(fetcher({ maxBodyBytes: 10 }).fetch(get(pathToFileURL(latin1).href)), "too_large");
  });
  it("reports a missing file as network", async () => {
    await rejectsWith(fetcher().fetch(get(pathToFileURL(join(dir, "missing.xml")).href)), "network");
  });
  it("refuses file: when untrusted", async () => {
    const error = await rejectsWith(
      fetcher().fetch(get(pathToFileURL(latin1).href, { trusted: false })),
      "blocked_address",
    );
    assert.equal(error.message, "this address is not allowed");
  });
});

describe("createFetcher options", () => {
  it("keeps a default when an option is passed as undefined", async () => {
    server.route("/undefined-cap", { fillBytes: 6 * 1024 * 1024, chunked: true });
    const f = createFetcher({ resolver, maxBodyBytes: undefined as unknown as number });
    await rejectsWith(f.fetch(get(server.url("/undefined-cap"))), "too_large");
  });
});
