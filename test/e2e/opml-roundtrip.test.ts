/**
 * OPML import → export → import again, through the CLI entry point (in process) and a
 * loopback feed server: every real OPML fixture's feeds are served, each imported feed is
 * fetched exactly once and its items stored as seen (no alert although a topic matches
 * them), a second import fetches nothing, and an export read back into a fresh database
 * gives the same feeds.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { CliIo } from "../../src/cli/command.ts";
import { main } from "../../src/cli/index.ts";
import { loadConfig } from "../../src/config/load.ts";
import { parseOpml } from "../../src/feeds/opml/parse.ts";
import { createApp } from "../../src/main.ts";
import { type FeedServer, startFeedServer } from "../fakes/feed-server.ts";

const FIXTURES = new URL("../fixtures/opml/", import.meta.url);

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

function rss(path: string): string {
  const items = [1, 2, 3]
    .map(
      (n) => `<item><title>wirewatch ${path} story ${n}</title><link>http://x.test${path}/${n}</link></item>`,
    )
    .join("");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${path}</title>${items}</channel></rss>`;
}

function configFile(dir: string, server: FeedServer, db: string): string {
  const file = join(dir, `${db}.yaml`);
  writeFileSync(
    file,
    [
      `database: sqlite:${join(dir, `${db}.db`)}`,
      "feeds:",
      `  - url: ${server.url("/config.xml")}`,
      "topics:",
      "  - name: everything",
      "    rule: wirewatch",
      "    notify:",
      "      - channel: console",
      "",
    ].join("\n"),
  );
  return file;
}

async function feedsOf(config: string) {
  const app = await createApp(loadConfig(config));
  try {
    return { feeds: await app.store.listFeeds(), backlog: await app.store.outboxBacklog() };
  } finally {
    await app.close();
  }
}

describe("OPML round trip", () => {
  let server: FeedServer;
  let dir: string;
  before(async () => {
    server = await startFeedServer();
    dir = mkdtempSync(join(tmpdir(), "wirewatch-opml-"));
    server.route("/config.xml", { body: rss("/config") });
  });
  after(() => server.close());

  for (const name of readdirSync(FIXTURES).filter((f) => f.startsWith("miniflux-"))) {
    it(`${name}: imported once each, stored silently, re-import fetches nothing, export restores it`, async () => {
      const opml = readFileSync(new URL(name, FIXTURES), "utf8").replaceAll(
        "http://example.org",
        server.origin,
      );
      const parsed = parseOpml(opml);
      assert.ok(parsed.ok);
      const urls = parsed.value.feeds.map((f) => f.url);
      for (const url of urls) {
        const path = new URL(url).pathname;
        server.route(path, { body: rss(path) });
      }
      const file = join(dir, name);
      writeFileSync(file, opml);
      const config = configFile(dir, server, name);

      const dry = capture();
      assert.equal(await main(["import", "opml", file, "--dry-run", "--config", config], dry), 0);
      assert.match(dry.stdout.join("\n"), new RegExp(`dry run: ${urls.length} would be added, 0 already`));
      const first = capture();
      const before = server.requests.length;
      assert.equal(
        await main(["import", "opml", file, "--config", config], first),
        0,
        first.stderr.join("\n"),
      );
      assert.match(first.stdout.join("\n"), new RegExp(`^${urls.length} added, 0 already present, 0 failed`));
      const fetched = server.requests.slice(before).map((r) => r.path);
      assert.deepEqual(fetched.sort(), urls.map((u) => new URL(u).pathname + new URL(u).search).sort());

      const stored = await feedsOf(config);
      for (const url of urls) {
        const feed = stored.feeds.find((f) => f.url === url);
        assert.ok(feed?.initialized, url);
        assert.equal(feed.itemCount, 3, url);
        assert.equal(feed.origin, "chat");
        assert.equal(feed.scope, null);
      }
      assert.equal(stored.backlog.pending, 0, "an import alerts nothing although the topic matches");

      const again = capture();
      const before2 = server.requests.length;
      assert.equal(await main(["import", "opml", file, "--config", config], again), 0);
      assert.match(again.stdout.join("\n"), new RegExp(`^0 added, ${urls.length} already present, 0 failed`));
      assert.equal(server.requests.length, before2, "feeds already present are not fetched");

      const exported = capture();
      assert.equal(await main(["export", "opml", "--config", config], exported), 0);
      const out = parseOpml(exported.stdout.join("\n"));
      assert.ok(out.ok);
      assert.deepEqual(out.value.feeds.map((f) => f.url).sort(), [server.url("/config.xml"), ...urls].sort());
      const operator = capture();
      assert.equal(await main(["export", "opml", "--scope", "operator", "--config", config], operator), 0);
      const operatorOnly = parseOpml(operator.stdout.join("\n"));
      assert.deepEqual(
        operatorOnly.ok && operatorOnly.value.feeds.map((f) => f.url).sort(),
        [...urls].sort(),
      );

      const fresh = configFile(dir, server, `${name}-fresh`);
      const back = join(dir, `${name}-export.opml`);
      writeFileSync(back, exported.stdout.join("\n"));
      const restore = capture();
      assert.equal(await main(["import", "opml", back, "--config", fresh], restore), 0);
      // The config feed is in the fresh config too, so it is present; the rest come back.
      assert.match(
        restore.stdout.join("\n"),
        new RegExp(`^${urls.length} added, 1 already present, 0 failed`),
      );
      const restored = await feedsOf(fresh);
      assert.deepEqual(restored.feeds.map((f) => f.url).sort(), [server.url("/config.xml"), ...urls].sort());
    });
  }

  it("feeds that cannot be read are reported with their reason, not stored, and the exit code is 1", async () => {
    server.route("/gone.xml", { status: 404, body: "no" });
    server.route("/page.html", {
      contentType: "text/html",
      body: "<!DOCTYPE html><html><body>hi</body></html>",
    });
    server.route("/good.xml", { body: rss("/good") });
    const file = join(dir, "mixed.opml");
    writeFileSync(
      file,
      `<opml version="2.0"><body>${["/gone.xml", "/page.html", "/good.xml"]
        .map((p) => `<outline text="${p}" xmlUrl="${server.url(p)}"/>`)
        .join("")}<outline text="ftp" xmlUrl="ftp://x.test/f"/></body></opml>`,
    );
    const config = configFile(dir, server, "mixed");
    const io = capture();
    assert.equal(await main(["import", "opml", file, "--config", config], io), 1);
    const text = io.stdout.join("\n");
    assert.match(text, /^1 added, 0 already present, 3 failed/);
    assert.match(text, /gone\.xml: http_status 404/);
    assert.match(text, /page\.html: not_a_feed_html/);
    assert.match(text, /ftp:\/\/x\.test\/f: not an http\(s\) URL/);
    const { feeds } = await feedsOf(config);
    assert.deepEqual(feeds.map((f) => new URL(f.url).pathname).sort(), ["/config.xml", "/good.xml"]);
  });

  it("--scope gives the feeds to one workspace; export --scope reads them back", async () => {
    server.route("/tenant.xml", { body: rss("/tenant") });
    const file = join(dir, "tenant.opml");
    writeFileSync(
      file,
      `<opml version="2.0"><body><outline text="t" xmlUrl="${server.url("/tenant.xml")}"/></body></opml>`,
    );
    const config = configFile(dir, server, "tenant");
    assert.equal(
      await main(["import", "opml", file, "--scope", "slack:T1", "--config", config], capture()),
      0,
    );
    const { feeds } = await feedsOf(config);
    const tenant = feeds.find((f) => f.url === server.url("/tenant.xml"));
    assert.equal(tenant?.scope, "slack:T1");
    const io = capture();
    assert.equal(await main(["export", "opml", "--scope", "slack:T1", "--config", config], io), 0);
    const out = parseOpml(io.stdout.join("\n"));
    assert.deepEqual(out.ok && out.value.feeds.map((f) => [f.url, f.category]), [
      [server.url("/tenant.xml"), "slack:T1"],
    ]);
  });

  it("bad input exits 2: missing file, hostile OPML, unknown scope", async () => {
    const hostile = join(dir, "laughs.opml");
    writeFileSync(hostile, '<!DOCTYPE opml [<!ENTITY a "a">]><opml><body/></opml>');
    const config = configFile(dir, server, "bad");
    for (const argv of [
      ["import", "opml", join(dir, "missing.opml")],
      ["import", "opml", hostile],
      ["import", "opml", hostile, "--scope", "everyone"],
      ["export", "rss"],
    ]) {
      assert.equal(await main([...argv, "--config", config], capture()), 2, argv.join(" "));
    }
  });
});
