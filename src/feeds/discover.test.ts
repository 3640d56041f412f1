import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { type FeedServer, startFeedServer } from "../../test/fakes/feed-server.ts";
import { COMMON_FEED_PATHS, createFeedFinder, feedLinksInHtml } from "./discover.ts";
import { createFeedSource } from "./feed-source.ts";
import { createFetcher } from "./fetch/index.ts";

const html = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/discovery/${name}`, import.meta.url), "utf8");

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire desk</title>
<item><title>One</title><link>http://x.test/1</link></item></channel></rss>`;

describe("feedLinksInHtml", () => {
  const cases: [string, string, [string, string | null][]][] = [
    ["news-homepage.html", "https://www.rfi.fr/fr/", [["https://www.rfi.fr/fr/rss", "RFI - Actualités"]]],
    [
      "blog-several.html",
      "https://blog.example.org/",
      [
        ["https://blog.example.org/news/feed/", "Field Notes » Feed"],
        ["https://blog.example.org/news/comments/feed/", "Field Notes » Comments Feed"],
        ["https://blog.example.org/feed.json", "Field Notes (JSON)"],
      ],
    ],
    ["hugo-none.html", "https://wire.example.org/", []],
    [
      "hostile.html",
      "https://odd.example.org/dir/page.html",
      [
        ["https://odd.example.org/dir/atom.xml?a=1&b=2", "Atom"],
        ["https://cdn.example.net/body.rss", null],
      ],
    ],
  ];
  for (const [name, pageUrl, expected] of cases) {
    it(name, () => {
      const found = feedLinksInHtml(html(name), pageUrl);
      assert.deepEqual(
        found.map((f) => [f.url, f.title]),
        expected,
      );
      assert.ok(found.every((f) => f.via === "link"));
    });
  }

  it("keeps at most 20 links and reads only the first MiB of a page", () => {
    const many = Array.from(
      { length: 50 },
      (_, i) => `<link rel=alternate type=application/rss+xml href=/f${i}>`,
    );
    assert.equal(feedLinksInHtml(many.join(""), "https://a.test/").length, 20);
    const late = `${" ".repeat(1024 * 1024)}<link rel=alternate type=application/rss+xml href=/late>`;
    assert.deepEqual(feedLinksInHtml(late, "https://a.test/"), []);
  });
});

describe("createFeedFinder through the fetcher and a loopback server", () => {
  let server: FeedServer;
  const fetcher = createFetcher({ userAgent: "test" });
  const finder = createFeedFinder({ fetcher, source: createFeedSource({ fetcher }) });
  before(async () => {
    server = await startFeedServer();
    server.route("/", { contentType: "text/html", body: html("news-homepage.html") });
    server.route("/hugo/", { contentType: "text/html", body: html("hugo-none.html") });
    server.route("/index.xml", { body: RSS });
  });
  after(async () => {
    await fetcher.close();
    await server.close();
  });

  it("returns the declared feed, resolved against the page's URL, without probing paths", async () => {
    const found = await finder.find(server.url("/"), true);
    assert.deepEqual(found, [{ url: server.url("/fr/rss"), title: "RFI - Actualités", via: "link" }]);
    assert.equal(server.requestsTo("/feed").length, 0);
  });

  it("tries the common paths in order when none is declared, and stops at the first feed", async () => {
    const found = await finder.find(server.url("/hugo/"), true);
    assert.deepEqual(found, [{ url: server.url("/index.xml"), title: "Wire desk", via: "common_path" }]);
    for (const path of COMMON_FEED_PATHS) assert.equal(server.requestsTo(path).length, 1, path);
  });

  it("finds nothing on a site without feeds", async () => {
    server.route("/index.xml", { status: 404, body: "" });
    assert.deepEqual(await finder.find(server.url("/hugo/"), true), []);
  });
});
