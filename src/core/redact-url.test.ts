import assert from "node:assert/strict";
import { test } from "node:test";
import { hasUrlSecret, redactUrl } from "./redact-url.ts";

const CASES: [string, string][] = [
  ["https://feeds.example/rss?token=abc123", "https://feeds.example/rss?token=***"],
  ["https://feeds.example/rss?key=abc&lang=fr", "https://feeds.example/rss?key=***&lang=fr"],
  [
    "https://feeds.example/rss?lang=fr&secret=s3&sig=zz#top",
    "https://feeds.example/rss?lang=fr&secret=***&sig=***#top",
  ],
  ["https://feeds.example/rss?password=hunter2", "https://feeds.example/rss?password=***"],
  [
    "https://feeds.example/rss?api_key=1&X-Amz-Signature=2&accessToken=3",
    "https://feeds.example/rss?api_key=***&X-Amz-Signature=***&accessToken=***",
  ],
  ["https://feeds.example/rss?TOKEN=1&Key=2", "https://feeds.example/rss?TOKEN=***&Key=***"],
  ["https://feeds.example/rss?%74oken=1", "https://feeds.example/rss?%74oken=***"],
  ["https://user:pw@feeds.example/rss", "https://***@feeds.example/rss"],
  ["http://:pw@feeds.example/rss", "http://***@feeds.example/rss"],
  ["http://user@feeds.example/rss", "http://***@feeds.example/rss"],
  // Not secrets: left byte for byte.
  ["https://feeds.example/rss?keywords=a%20b&q=geneva", "https://feeds.example/rss?keywords=a%20b&q=geneva"],
  ["https://feeds.example/a@b/rss", "https://feeds.example/a@b/rss"],
  ["https://feeds.example/rss?monkey=1&passage=2", "https://feeds.example/rss?monkey=1&passage=2"],
  ["file:///srv/feeds/rss.xml", "file:///srv/feeds/rss.xml"],
  ["not a url ?token=x", "not a url ?token=***"],
];

test("redactUrl masks userinfo and secret query values, and nothing else", () => {
  for (const [input, expected] of CASES) assert.equal(redactUrl(input), expected, input);
});

test("hasUrlSecret says whether showing the URL would reveal a credential", () => {
  assert.equal(hasUrlSecret("https://feeds.example/rss?sig=1"), true);
  assert.equal(hasUrlSecret("https://feeds.example/rss?q=1"), false);
});
