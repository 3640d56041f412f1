import assert from "node:assert/strict";
import { after, test } from "node:test";
import { FeedError } from "../core/errors.ts";
import type { FeedRequest } from "../core/ports.ts";
import { createFeedSource } from "./feed-source.ts";
import type { Fetcher, FetchRequest, FetchResponse } from "./fetch/index.ts";
import { closeParser } from "./parse/index.ts";

after(() => closeParser());

const cache = { maxAgeSeconds: 60, expires: null, retryAfterSeconds: null };

function fakeFetcher(respond: (req: FetchRequest) => FetchResponse | Promise<FetchResponse>) {
  const requests: FetchRequest[] = [];
  const fetcher: Fetcher = {
    async fetch(req) {
      requests.push(req);
      return respond(req);
    },
    async close() {},
  };
  return { fetcher, requests };
}

const request: FeedRequest = {
  url: "https://ex.org/feed",
  etag: '"v1"',
  lastModified: null,
  trusted: false,
  sourceName: null,
};

const ok = (text: string): FetchResponse => ({
  kind: "ok",
  status: 200,
  finalUrl: "https://ex.org/moved/feed",
  contentType: "application/rss+xml",
  body: Buffer.from(text),
  etag: '"v2"',
  lastModified: "Thu, 01 Jan 2004 00:00:00 GMT",
  cache,
});

test("200: fetch, parse and normalise against the final URL", async () => {
  const { fetcher, requests } = fakeFetcher(() =>
    ok(
      `<rss version="2.0"><channel><title>Ex</title><item><title>A</title><link>a?utm_medium=x</link></item></channel></rss>`,
    ),
  );
  const result = await createFeedSource({ fetcher }).read(request);
  assert.deepEqual(requests, [{ url: request.url, etag: '"v1"', lastModified: null, trusted: false }]);
  assert.equal(result.kind, "ok");
  if (result.kind !== "ok") return;
  assert.deepEqual(
    [result.status, result.etag, result.lastModified, result.cache],
    [200, '"v2"', "Thu, 01 Jan 2004 00:00:00 GMT", cache],
  );
  assert.equal(result.feed.identity, "link");
  assert.equal(result.feed.items[0]?.link, "https://ex.org/moved/a");
  assert.equal(result.feed.items[0]?.source, "Ex");
});

test("the item's language: detected when the feed declares none, the request's language overrides", async () => {
  const { fetcher } = fakeFetcher(() =>
    ok(
      `<rss version="2.0"><channel><title>Ex</title><item><title>Nouvelles sanctions contre Moscou</title><guid>1</guid></item></channel></rss>`,
    ),
  );
  const source = createFeedSource({ fetcher });
  const langs = async (language?: string | null) => {
    const result = await source.read({ ...request, language });
    return result.kind === "ok" ? result.feed.items.map((i) => i.lang) : [];
  };
  assert.deepEqual(await langs(), ["fr"]);
  assert.deepEqual(await langs(null), ["fr"]);
  assert.deepEqual(await langs("en"), ["en"]);
});

test("304 passes through without a parse", async () => {
  const { fetcher } = fakeFetcher(() => ({ kind: "not_modified", status: 304, cache }));
  assert.deepEqual(await createFeedSource({ fetcher }).read(request), {
    kind: "not_modified",
    status: 304,
    cache,
  });
});

test("fetch and parse failures surface as typed FeedErrors", async () => {
  const failing = fakeFetcher(() => {
    throw new FeedError("too_large", "body over 5 MiB");
  });
  await assert.rejects(
    createFeedSource(failing).read(request),
    (e: unknown) => e instanceof FeedError && e.code === "too_large",
  );
  const garbage = fakeFetcher(() => ok("<rss><channel><title>broken"));
  await assert.rejects(
    createFeedSource(garbage).read(request),
    (e: unknown) => e instanceof FeedError && e.code === "malformed",
  );
});

test("the parse timeout is configurable", async () => {
  const body = "&lt;".repeat(250_000);
  const { fetcher } = fakeFetcher(() =>
    ok(`<rss version="2.0"><channel><item><description>${body}</description></item></channel></rss>`),
  );
  await assert.rejects(
    createFeedSource({ fetcher, parseTimeoutMs: 1 }).read(request),
    (e: unknown) => e instanceof FeedError && e.code === "parse_timeout",
  );
});

test("unreadable dates: items dated when first seen, logged once per feed, counted per fetch", async () => {
  const { fetcher } = fakeFetcher(() =>
    ok(
      `<rss version="2.0"><channel><title>Ex</title>
      <item><guid>1</guid><pubDate>le seize novembre</pubDate></item>
      <item><guid>2</guid><pubDate>Wed, 16 Nov 2022 00:38:15 +0100</pubDate></item>
      <item><guid>3</guid></item></channel></rss>`,
    ),
  );
  const warnings: object[] = [];
  const logger = { debug() {}, info() {}, error() {}, warn: (obj: object) => warnings.push(obj) };
  const clock = { now: () => new Date("2026-12-07T05:00:00Z") };
  const source = createFeedSource({ fetcher, clock, logger });
  for (let poll = 0; poll < 2; poll++) {
    const result = await source.read(request);
    assert.ok(result.kind === "ok");
    assert.deepEqual(
      result.feed.items.map((i) => i.publishedAt),
      ["2026-12-07T05:00:00.000Z", "2022-11-15T23:38:15.000Z", "2026-12-07T05:00:00.000Z"],
    );
    assert.deepEqual(result.feed.unreadableDates, { count: 1, sample: "le seize novembre" });
  }
  assert.deepEqual(warnings, [
    { feedUrl: request.url, code: "bad_date", count: 1, sample: "le seize novembre" },
  ]);
});

test("WebSub: a hub in the Link header wins over the document's, resolved against the final URL", async () => {
  const doc = `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Ex</title>
<atom:link rel="hub" href="https://doc-hub.example/"/><atom:link rel="self" href="https://ex.org/doc-self"/></channel></rss>`;
  const withHeader = fakeFetcher(() => ({ ...ok(doc), links: { hub: "/hub", self: null } }));
  const read = await createFeedSource({ fetcher: withHeader.fetcher }).read(request);
  assert.ok(read.kind === "ok");
  assert.equal(read.feed.feed.hub, "https://ex.org/hub");
  assert.equal(read.feed.feed.self, "https://ex.org/doc-self");
  const without = fakeFetcher(() => ok(doc));
  const plain = await createFeedSource({ fetcher: without.fetcher }).read(request);
  assert.ok(plain.kind === "ok");
  assert.equal(plain.feed.feed.hub, "https://doc-hub.example/");
});

test("WebSub: a pushed body is read like a fetched one, without a fetch", async () => {
  const { fetcher, requests } = fakeFetcher(() => {
    throw new Error("no fetch for a push");
  });
  const source = createFeedSource({ fetcher });
  const body = new TextEncoder().encode(
    `<rss version="2.0"><channel><title>Ex</title><item><title>Pushed</title><link>/p</link></item></channel></rss>`,
  );
  const read = await source.readPushed?.(request, body, "application/rss+xml; charset=utf-8");
  assert.equal(requests.length, 0);
  assert.equal(read?.feed.items[0]?.title, "Pushed");
  assert.equal(read?.feed.items[0]?.link, "https://ex.org/p");
});
