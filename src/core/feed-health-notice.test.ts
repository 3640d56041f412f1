import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeFeedProblem, healthNoticeDue } from "./feed-health-notice.ts";
import type { FeedRecord } from "./records.ts";

const NOW = new Date("2026-11-29T12:00:00.000Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000).toISOString();

function feed(over: Partial<FeedRecord>): FeedRecord {
  return {
    id: 5,
    url: "https://feeds.example/rss",
    name: "Example",
    title: null,
    origin: "config",
    scope: null,
    addedBy: null,
    everySeconds: 600,
    language: null,
    identity: "guid",
    initialized: true,
    etag: null,
    lastModified: null,
    lastFetchAt: NOW.toISOString(),
    lastStatus: null,
    lastErrorCode: null,
    lastNewItemAt: null,
    nextPollAt: NOW.toISOString(),
    consecutiveErrors: 0,
    failingSince: null,
    disabled: false,
    itemCount: 0,
    createdAt: hoursAgo(1000),
    ...over,
  };
}

describe("when a feed's trouble is told", () => {
  const cases: [string, Partial<FeedRecord>, string | null][] = [
    ["healthy", {}, null],
    [
      "failing for 23 h",
      { consecutiveErrors: 5, failingSince: hoursAgo(23), lastErrorCode: "network" },
      null,
    ],
    [
      "failing for 24 h",
      { consecutiveErrors: 6, failingSince: hoursAgo(24), lastErrorCode: "network" },
      "failing",
    ],
    [
      "disabled",
      { consecutiveErrors: 40, failingSince: hoursAgo(170), lastErrorCode: "timeout", disabled: true },
      "disabled",
    ],
    [
      "unparsable twice",
      { consecutiveErrors: 2, failingSince: hoursAgo(1), lastErrorCode: "malformed" },
      null,
    ],
    [
      "unparsable thrice",
      { consecutiveErrors: 3, failingSince: hoursAgo(1), lastErrorCode: "not_a_feed_html" },
      "unparsable",
    ],
    [
      "unparsable for days is still unparsable",
      { consecutiveErrors: 30, failingSince: hoursAgo(50), lastErrorCode: "malformed" },
      "unparsable",
    ],
  ];
  for (const [name, over, reason] of cases) {
    it(name, () => {
      const due = healthNoticeDue(feed(over), NOW.toISOString());
      assert.equal(due?.reason ?? null, reason);
      if (due !== null) assert.deepEqual(due, { feedId: 5, reason, episode: over.failingSince });
    });
  }

  it("says the problem in words", () => {
    assert.equal(describeFeedProblem("http_status", 404), "the server answered HTTP 404");
    assert.match(describeFeedProblem("not_a_feed_opml", null), /not an RSS, Atom or JSON feed/);
    assert.equal(describeFeedProblem("something_new", null), "it failed (something_new)");
  });
});
