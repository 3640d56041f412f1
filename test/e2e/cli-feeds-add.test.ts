/**
 * `wirewatch feeds add URL` in process against a loopback feed server: a feed is added with
 * its items stored as seen (no alert although a topic matches), a web page adds the feed it
 * declares, several are listed, and failures say why (exit 1).
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { CliIo } from "../../src/cli/command.ts";
import { main } from "../../src/cli/index.ts";
import { loadConfig } from "../../src/config/load.ts";
import { createApp } from "../../src/main.ts";
import { type FeedServer, startFeedServer } from "../fakes/feed-server.ts";

const html = (name: string) =>
  readFileSync(new URL(`../fixtures/discovery/${name}`, import.meta.url), "utf8");
const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Actualites</title>
<item><title>wirewatch one</title><link>http://x.test/1</link></item>
<item><title>wirewatch two</title><link>http://x.test/2</link></item></channel></rss>`;

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

describe("wirewatch feeds add URL", () => {
  let server: FeedServer;
  let config: string;
  before(async () => {
    server = await startFeedServer();
    const dir = mkdtempSync(join(tmpdir(), "wirewatch-feeds-add-"));
    config = join(dir, "wirewatch.yaml");
    writeFileSync(
      config,
      `database: sqlite:${join(dir, "w.db")}\nfeeds: []\ntopics:\n  - name: all\n    rule: wirewatch\n    notify:\n      - channel: console\n`,
    );
    server.route("/", { contentType: "text/html", body: html("news-homepage.html") });
    server.route("/fr/rss", { body: RSS });
    server.route("/blog/", { contentType: "text/html", body: html("blog-several.html") });
  });
  after(() => server.close());

  it("adds the feed a web page declares, silently, and knows it the second time", async () => {
    const io = capture();
    assert.equal(
      await main(["feeds", "add", server.url("/"), "--config", config], io),
      0,
      io.stderr.join("\n"),
    );
    assert.match(io.stderr.join("\n"), /is a web page; adding its feed .*\/fr\/rss/);
    assert.match(io.stdout.join("\n"), /^added #\d+ .*\/fr\/rss: 2 current items stored as seen, no alerts/);
    const again = capture();
    assert.equal(await main(["feeds", "add", server.url("/fr/rss"), "--config", config], again), 0);
    assert.match(again.stdout.join("\n"), /^already present: #\d+/);
    const app = await createApp(loadConfig(config));
    try {
      assert.equal((await app.store.outboxBacklog()).pending, 0);
      assert.deepEqual(
        (await app.store.listFeeds()).map((f) => [f.url, f.origin, f.scope, f.itemCount]),
        [[server.url("/fr/rss"), "chat", null, 2]],
      );
    } finally {
      await app.close();
    }
  });

  it("lists the feeds of a page that declares several (exit 1), and reports failures", async () => {
    const io = capture();
    assert.equal(await main(["feeds", "add", server.url("/blog/"), "--config", config], io), 1);
    assert.match(io.stdout.join("\n"), /offers 3 feeds/);
    assert.match(
      io.stdout.join("\n"),
      /wirewatch feeds add https:\/\/blog\.example\.org\/news\/comments\/feed\//,
    );
    const gone = capture();
    assert.equal(await main(["feeds", "add", server.url("/gone.xml"), "--config", config], gone), 1);
    assert.match(gone.stderr.join("\n"), /gone\.xml: http_status 404/);
    for (const argv of [
      ["feeds", "add"],
      ["feeds", "add", "ftp://x.test/"],
      ["feeds", "nope"],
      ["feeds", "--scope", "operator"],
    ]) {
      assert.equal(await main([...argv, "--config", config], capture()), 2, argv.join(" "));
    }
  });
});
