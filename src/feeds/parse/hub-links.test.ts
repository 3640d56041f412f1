import assert from "node:assert/strict";
import { after, test } from "node:test";
import { normaliseFeed } from "../normalise/index.ts";
import { closeParser, parseFeed } from "./index.ts";

after(() => closeParser());

// WebSub discovery (issue 15): the hub and the topic (self) URL are read from the feed.
const cases: { name: string; text: string; hub: string | null; self: string | null }[] = [
  {
    name: "Atom feed links",
    text: `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<link rel="hub" href="https://hub.example/"/><link rel="self" href="/feed.xml?a=1&amp;utm_source=x"/>
<link href="https://example.org/"/></feed>`,
    hub: "https://hub.example/",
    self: "https://example.org/feed.xml?a=1&utm_source=x",
  },
  {
    name: "RSS with atom:link",
    text: `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>t</title>
<link>https://example.org/</link><atom:link rel="hub" href="https://pubsubhubbub.appspot.com/"/>
<atom:link rel="self" href="https://example.org/rss"/></channel></rss>`,
    hub: "https://pubsubhubbub.appspot.com/",
    self: "https://example.org/rss",
  },
  {
    name: "JSON Feed hubs",
    text: JSON.stringify({
      version: "https://jsonfeed.org/version/1.1",
      title: "t",
      feed_url: "https://example.org/feed.json",
      hubs: [
        { type: "rssCloud", url: "https://cloud.example/" },
        { type: "WebSub", url: "https://hub.example/j" },
      ],
      items: [],
    }),
    hub: "https://hub.example/j",
    self: "https://example.org/feed.json",
  },
  {
    name: "no hub",
    text: `<rss version="2.0"><channel><title>t</title><link>https://example.org/</link></channel></rss>`,
    hub: null,
    self: null,
  },
  {
    name: "a hub that is not http(s) is ignored",
    text: `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><link rel="hub" href="javascript:alert(1)"/></feed>`,
    hub: null,
    self: null,
  },
];

for (const c of cases) {
  test(`hub links: ${c.name}`, async () => {
    const parsed = await parseFeed(c.text);
    const feed = normaliseFeed(parsed, { baseUrl: "https://example.org/feed.xml", sourceName: null });
    assert.equal(feed.feed.hub ?? null, c.hub);
    assert.equal(feed.feed.self ?? null, c.self);
  });
}
