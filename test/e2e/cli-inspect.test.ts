import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli } from "../support/cli.ts";
import { repoRoot } from "../support/corpora.ts";

describe("wirewatch inspect", () => {
  it("--json prints the feed and every normalised field of each item (ISO-8859-1 decoded)", async () => {
    const run = await runCli(["inspect", "config/demo-feeds/france24-europe.xml", "--json"]);
    assert.equal(run.code, 0, run.stderr);
    const { feed, items } = JSON.parse(run.stdout) as {
      feed: { title: string; lang: string };
      items: Record<string, unknown>[];
    };
    assert.equal(feed.title, "France 24 - Europe (démo)");
    assert.equal(feed.lang, "fr");
    assert.equal(items.length, 3);
    const first = items[0] ?? {};
    for (const field of [
      "key",
      "title",
      "summary",
      "content",
      "link",
      "author",
      "categories",
      "publishedAt",
      "updatedAt",
      "lang",
      "source",
      "image",
      "enclosures",
    ]) {
      assert.ok(field in first, `missing ${field}`);
    }
    assert.equal(first.title, "Ukraine : Russie et États-Unis disent vouloir coopérer sur le conflit");
    assert.equal(first.publishedAt, "2026-11-27T16:10:00.000Z");
    // fbclid is a tracking parameter: gone from the canonical link.
    assert.equal(
      first.link,
      "https://demo.wirewatch.invalid/france24/20261127-ukraine-russie-etats-unis-cooperation",
    );
  });

  it("shows an item's image and enclosures, in JSON and as text", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ww-inspect-"));
    const podcast = join(dir, "podcast.xml");
    writeFileSync(
      podcast,
      `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Pod</title>
      <item><title>Ep 1</title><link>https://pod.example/1</link>
      <enclosure url="https://pod.example/1.mp3" type="audio/mpeg" length="1234"/>
      <media:thumbnail url="https://pod.example/1.jpg"/></item></channel></rss>`,
    );
    const json = await runCli(["inspect", podcast, "--json"]);
    assert.equal(json.code, 0, json.stderr);
    const [item] = (JSON.parse(json.stdout) as { items: Record<string, unknown>[] }).items;
    assert.equal(item?.image, "https://pod.example/1.jpg");
    assert.deepEqual(item?.enclosures, [
      { url: "https://pod.example/1.mp3", type: "audio/mpeg", length: 1234 },
    ]);
    const text = await runCli(["inspect", podcast]);
    assert.match(text.stdout, /^ {2}image https:\/\/pod\.example\/1\.jpg$/m);
    assert.match(text.stdout, /^ {2}enclosure https:\/\/pod\.example\/1\.mp3 audio\/mpeg 1234 bytes$/m);
  });

  it("a hostile feed prints its typed error code and exits 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ww-inspect-"));
    const bomb = join(dir, "bomb.xml");
    writeFileSync(
      bomb,
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><rss><channel><title>&b;</title></channel></rss>',
    );
    const run = await runCli(["inspect", bomb]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^malformed: /m);
    const notFeed = join(dir, "page.html");
    writeFileSync(notFeed, "<html><body>hello</body></html>");
    const page = await runCli(["inspect", notFeed]);
    assert.equal(page.code, 1);
    assert.match(page.stderr, /^not_a_feed_html: /m);
  });

  it("accepts the config's file: form (relative, file:///absolute) and exits 1 on a missing file", async () => {
    const relative = await runCli(["inspect", "file:config/demo-feeds/wire-world.atom"]);
    assert.equal(relative.code, 0, relative.stderr);
    assert.match(relative.stdout, /\[lang en, \d+ items, /);
    const absolute = await runCli([
      "inspect",
      `file://${join(repoRoot, "config/demo-feeds/wire-world.atom")}`,
    ]);
    assert.equal(absolute.code, 0, absolute.stderr);
    assert.equal(absolute.stdout, relative.stdout);
    for (const missing of ["file:config/demo-feeds/nope.xml", "config/demo-feeds/nope.xml"]) {
      const run = await runCli(["inspect", missing]);
      assert.equal(run.code, 1, `${missing}: ${run.stderr}`);
      assert.equal(run.stderr.trim(), `no such file: ${join(repoRoot, "config/demo-feeds/nope.xml")}`);
    }
  });

  it("a finished command exits by itself, every time", async () => {
    // bin/wirewatch.js used to end with process.exit(), which on Node 26 hung about one run in
    // eight after the output was written (nodejs/node#54918): a V8 background compile waited
    // for a garbage collection the exiting main thread never ran. Twelve runs would have shown
    // it with ~80 % likelihood there; a hang is a failure well before the test times out.
    for (let run = 0; run < 12; run++) {
      const inspect = await runCli(["inspect", "config/demo-feeds/wire-world.atom", "--json"], {}, 30_000);
      assert.equal(inspect.code, 0, `run ${run + 1}: ${inspect.stderr}`);
      assert.ok(inspect.ms < 30_000);
    }
  });
});
