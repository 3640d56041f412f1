/**
 * `/wirewatch feeds add <web page>` through the real guarded fetcher, feed source and feed
 * finder, against the loopback feed server serving the HTML fixtures. Chat URLs must be on
 * the standard port, so the server listens on 127.0.0.7:80, which a test policy admits as
 * "public" (every other loopback address stays blocked); the suite skips, saying so, when
 * port 80 cannot be bound.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { runCommand } from "../../src/core/commands/dispatch.ts";
import { parseCommandText } from "../../src/core/commands/parse-text.ts";
import { COMMAND_SPECS, COMMANDS } from "../../src/core/commands/registry.ts";
import type { Message } from "../../src/core/message.ts";
import { createFeedFinder } from "../../src/feeds/discover.ts";
import { createFeedSource } from "../../src/feeds/feed-source.ts";
import { createGuardedFetcher } from "../../src/feeds/fetch/fetcher.ts";
import { DEFAULT_FETCH_OPTIONS, type Fetcher } from "../../src/feeds/fetch/index.ts";
import { ADMIN, type CommandWorld, createCommandWorld } from "../fakes/context-commands.ts";
import { type FeedServer, startFeedServer } from "../fakes/feed-server.ts";

const HOST = "127.0.0.7";
const html = (name: string) =>
  readFileSync(new URL(`../fixtures/discovery/${name}`, import.meta.url), "utf8");
const rss = (title: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>${[1, 2]
    .map((n) => `<item><title>${title} ${n}</title><link>http://news.test/${title}/${n}</link></item>`)
    .join("")}</channel></rss>`;

async function tryServer(): Promise<FeedServer | null> {
  try {
    return await startFeedServer({ host: HOST, port: 80 });
  } catch {
    return null;
  }
}

describe("feeds add discovers the feed of a web page", async () => {
  const server = await tryServer();
  let world: CommandWorld;
  let fetcher: Fetcher;
  let add: (url: string) => Promise<Message>;

  before(async () => {
    if (!server) return;
    world = await createCommandWorld();
    fetcher = createGuardedFetcher(
      {
        ...DEFAULT_FETCH_OPTIONS,
        resolver: async (name) => [{ address: name.endsWith(".test") ? HOST : "127.0.0.1", family: 4 }],
      },
      { allowAddress: (a) => a === HOST, allowPort: (p) => p === 80 || p === 443 },
    );
    const feedSource = createFeedSource({ fetcher });
    const feedFinder = createFeedFinder({ fetcher, source: feedSource });
    add = async (url) => {
      const parsed = parseCommandText(`feeds add ${url}`, COMMAND_SPECS);
      assert.ok(parsed.ok);
      return runCommand(parsed.value, { ...world.context(ADMIN), feedSource, feedFinder }, COMMANDS);
    };
    server.route("/", { contentType: "text/html", body: html("news-homepage.html") });
    server.route("/fr/rss", { body: rss("Actualites") });
    server.route("/blog/", {
      contentType: "text/html",
      body: html("blog-several.html").replace("https://blog.example.org/", "http://blog.news.test/"),
    });
    server.route("/hugo/", { contentType: "text/html", body: html("hugo-none.html") });
    server.route("/empty/", { contentType: "text/html", body: "<html><head></head></html>" });
    server.route("/sneaky/", {
      contentType: "text/html",
      body: `<html><head><link rel="alternate" type="application/rss+xml" href="http://127.0.0.1/secret.xml"></head></html>`,
    });
  });
  after(async () => {
    if (!server) return;
    await fetcher.close();
    await world.close();
    await server.close();
  });

  it("adds the one feed a page declares, its items stored without alerts", async (t) => {
    if (!server) return t.skip("port 80 on 127.0.0.7 could not be bound (needs privileges)");
    const reply = await add("http://www.news.test/");
    assert.equal(reply.ephemeral, false, JSON.stringify(reply));
    assert.match(reply.body ?? "", /Actualites \(#\d+\): 2 current items stored/);
    const feeds = await world.store.listFeeds({ origin: "chat" });
    assert.deepEqual(
      feeds.map((f) => f.url),
      ["http://www.news.test/fr/rss"],
    );
    const again = await add("http://www.news.test/");
    assert.match(
      again.body ?? "",
      /http:\/\/www\.news\.test\/fr\/rss \(the feed of http:\/\/www\.news\.test\/\) is already watched/,
    );
  });

  it("offers the list when a page declares several feeds, adding none", async (t) => {
    if (!server) return t.skip("port 80 on 127.0.0.7 could not be bound (needs privileges)");
    const before = (await world.store.listFeeds()).length;
    const reply = await add("http://blog.news.test/blog/");
    assert.equal(reply.ephemeral, true);
    assert.match(reply.body ?? "", /offers 3 feeds/);
    assert.match(
      reply.body ?? "",
      /Field Notes » Comments Feed: `\/wirewatch feeds add http:\/\/blog\.news\.test\/news\/comments\/feed\/`/,
    );
    assert.equal((await world.store.listFeeds()).length, before);
  });

  it("tries the common paths when none is declared; says so when none answers", async (t) => {
    if (!server) return t.skip("port 80 on 127.0.0.7 could not be bound (needs privileges)");
    // Every *.news.test name is this one server: the site without feeds is asked first.
    const none = await add("http://other.news.test/empty/");
    assert.equal(none.ephemeral, true);
    assert.match(none.body ?? "", /declares no feed/);
    server.route("/rss.xml", { body: rss("Hugo") });
    const reply = await add("http://hugo.news.test/hugo/");
    assert.match(reply.body ?? "", /Hugo \(#\d+\)/);
    assert.ok((await world.store.listFeeds()).some((f) => f.url === "http://hugo.news.test/rss.xml"));
  });

  it("declared links a user could not type (other port, credentials) are not followed, and the reply says so", async (t) => {
    if (!server) return t.skip("port 80 on 127.0.0.7 could not be bound (needs privileges)");
    server.route("/ports/", {
      contentType: "text/html",
      body: `<html><head><link rel="alternate" type="application/rss+xml" href="http://www.news.test:8080/fr/rss">
        <link rel="alternate" type="application/atom+xml" href="http://user:pw@www.news.test/fr/rss"></head></html>`,
    });
    server.route("/rss.xml", { status: 404, body: "" });
    const before = server.requests.length;
    const reply = await add("http://ports.news.test/ports/");
    assert.equal(reply.ephemeral, true);
    assert.match(
      reply.body ?? "",
      /declares no feed \(2 other links it declares are not plain http\(s\) addresses\)/,
    );
    const paths = server.requests.slice(before).map((r) => r.path);
    assert.ok(!paths.includes("/fr/rss"), paths.join(","));
  });

  it("a declared link to a private address goes through the guard: refused, nothing stored", async (t) => {
    if (!server) return t.skip("port 80 on 127.0.0.7 could not be bound (needs privileges)");
    const before = (await world.store.listFeeds()).length;
    const reply = await add("http://sneaky.news.test/sneaky/");
    assert.equal(reply.ephemeral, true);
    assert.match(reply.body ?? "", /Could not read an RSS, Atom or JSON feed/);
    assert.equal((await world.store.listFeeds()).length, before);
  });
});
