import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type FeedServer, startFeedServer } from "../../../test/fakes/feed-server.ts";
import { createFetcher } from "./index.ts";
import { basicAuthorization, withoutUserinfo } from "./userinfo.ts";

const RSS = `<rss version="2.0"><channel><title>t</title></channel></rss>`;
let home: FeedServer;
let other: FeedServer;
before(async () => {
  home = await startFeedServer();
  other = await startFeedServer({ routes: { "/elsewhere.xml": { body: RSS } } });
  home.route("/feed.xml", { body: RSS });
  home.route("/moved.xml", { redirect: "/feed.xml" });
  home.route("/away.xml", { redirect: other.url("/elsewhere.xml") });
});
after(async () => {
  await home.close();
  await other.close();
});

const withUser = (path: string) => home.url(path).replace("http://", "http://b%C3%B8b:p%40ss@");
const fetchTrusted = (url: string) =>
  createFetcher({}).fetch({ url, etag: null, lastModified: null, trusted: true });
const basic = `Basic ${Buffer.from("bøb:p@ss").toString("base64")}`;

test("userinfo is sent as Basic auth (percent-decoded) and is not in the final URL", async () => {
  const res = await fetchTrusted(withUser("/feed.xml"));
  assert.equal(res.kind, "ok");
  if (res.kind === "ok") assert.equal(res.finalUrl, home.url("/feed.xml"));
  assert.equal(home.requestsTo("/feed.xml").at(-1)?.headers.authorization, basic);
});

test("a same-origin redirect keeps the credentials, another origin never gets them", async () => {
  await fetchTrusted(withUser("/moved.xml"));
  assert.equal(home.requestsTo("/feed.xml").at(-1)?.headers.authorization, basic);
  const res = await fetchTrusted(withUser("/away.xml"));
  assert.equal(res.kind, "ok");
  assert.equal(other.requestsTo("/elsewhere.xml").at(-1)?.headers.authorization, undefined);
});

test("helpers", () => {
  const url = new URL("https://u:p@example.org/f?x=1");
  assert.equal(withoutUserinfo(url).href, "https://example.org/f?x=1");
  assert.equal(basicAuthorization(url, new URL("https://example.org/g")), `Basic ${btoa("u:p")}`);
  assert.equal(
    basicAuthorization(url, new URL("http://example.org/g")),
    null,
    "another scheme is another origin",
  );
  assert.equal(basicAuthorization(new URL("https://example.org/f"), new URL("https://example.org/g")), null);
});
