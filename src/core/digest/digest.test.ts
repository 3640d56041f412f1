import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StoredItem } from "../item.ts";
import type { DigestEntry } from "../ports.ts";
import { buildDigestMessages, type DigestOptions } from "./digest.ts";

let nextId = 1;
function entry(over: Partial<StoredItem> & { topicIds?: string[]; signature?: unknown } = {}): DigestEntry {
  const id = over.id ?? nextId++;
  const { topicIds = ["config:russia-us"], signature = null, ...itemOver } = over;
  const item: StoredItem = {
    id,
    feedId: 1,
    firstSeenAt: "2026-11-28T06:00:00.000Z",
    key: `k${id}`,
    title: `K${id}alpha K${id}bravo K${id}charlie`,
    summary: "",
    content: "",
    link: `https://news.test/${id}`,
    author: null,
    categories: [],
    publishedAt: "2026-11-28T05:00:00.000Z",
    updatedAt: null,
    lang: "en",
    source: "Wire",
    ...itemOver,
  };
  return {
    id: id * 10,
    destination: "slack:C0123456",
    topicIds,
    item,
    matchedAt: item.firstSeenAt,
    signature,
  };
}

const options: DigestOptions = {
  heading: "Digest · russia-us",
  timezone: "Europe/Paris",
  maxEntries: 25,
  windowStart: "2026-11-27T07:00:00.000Z",
  windowEnd: "2026-11-28T07:00:00.000Z",
  mentions: [{ kind: "role", id: "42" }],
};

describe("buildDigestMessages", () => {
  it("sends nothing for an empty window", () => {
    assert.deepEqual(buildDigestMessages([], options), []);
  });

  it("heads with count, local end and zone, and lists entries oldest first", () => {
    const late = entry({ publishedAt: "2026-11-28T06:30:00.000Z" });
    const early = entry({ publishedAt: "2026-11-27T09:00:00.000Z" });
    const undated = entry({ publishedAt: null, firstSeenAt: "2026-11-28T01:00:00.000Z" });
    const [message, ...rest] = buildDigestMessages([late, early, undated], options);
    assert.equal(rest.length, 0);
    assert.ok(message !== undefined);
    assert.equal(message.kind, "digest");
    assert.equal(message.heading, "Digest · russia-us — 3 items (28 Nov 08:00 Europe/Paris)");
    assert.equal(message.body, "27 Nov 08:00 – 28 Nov 08:00 Europe/Paris");
    assert.deepEqual(
      message.entries.map((e) => [e.title, e.localTime]),
      [
        [early.item.title, "27 Nov 10:00 Europe/Paris"],
        [undated.item.title, "28 Nov 02:00 Europe/Paris"],
        [late.item.title, "28 Nov 07:30 Europe/Paris"],
      ],
    );
    assert.equal(message.footer, null);
    assert.deepEqual(message.mentions, [{ kind: "role", id: "42" }]);
  });

  it("groups the same story from several outlets into one entry", () => {
    const afp = entry({
      source: "Le Monde",
      title: "Séisme au Japon : au moins 30 morts, selon un nouveau bilan",
      summary: "Un puissant séisme a frappé le centre du Japon.",
      publishedAt: "2026-11-28T01:00:00.000Z",
    });
    const rfi = entry({
      source: "RFI",
      title: "Japon: le bilan du séisme s'alourdit à 30 morts",
      summary: "Le séisme dans le centre du Japon a fait au moins 30 morts.",
      publishedAt: "2026-11-28T02:00:00.000Z",
    });
    const f24 = entry({
      source: "France 24",
      title: "Séisme au Japon: au moins 30 morts",
      publishedAt: "2026-11-28T03:00:00.000Z",
    });
    const update = entry({
      source: "RFI",
      title: "Japon : séisme, le bilan monte à 30 morts",
      publishedAt: "2026-11-28T04:00:00.000Z",
    });
    const other = entry({ source: "RFI", title: "Russie et États-Unis : reprise du dialogue à Genève" });
    const [message] = buildDigestMessages([other, f24, rfi, afp, update], options);
    assert.ok(message !== undefined);
    assert.equal(message.heading, "Digest · russia-us — 5 items (28 Nov 08:00 Europe/Paris)");
    // RFI's later update is news of its own: an entry with its own headline, never
    // absorbed into the story that already lists RFI (issue 11: no item hidden).
    assert.deepEqual(
      message.entries.map((e) => e.title),
      [afp.item.title, update.item.title, other.item.title],
    );
    assert.equal(message.entries[0]?.source, "Le Monde");
    // Each other outlet with its own headline and link.
    assert.deepEqual(message.entries[0]?.alsoReportedBy, [
      { source: "RFI", link: rfi.item.link, title: rfi.item.title },
      { source: "France 24", link: f24.item.link, title: f24.item.title },
    ]);
    assert.deepEqual(message.entries[1]?.alsoReportedBy, []);
    assert.deepEqual(message.entries[2]?.alsoReportedBy, []);
  });

  it("groups a copy with the same link under the story, whatever its outlet name", () => {
    const a = entry({ source: "RFI", title: "Séisme au Japon : 30 morts", link: "https://rfi.test/x" });
    const b = entry({ source: "RFI Monde", title: "Japon : 30 morts", link: "https://rfi.test/x" });
    const [message] = buildDigestMessages([a, b], options);
    assert.equal(message?.entries.length, 1);
  });

  it("recomputes a stored signature of the old format instead of trusting it", () => {
    const a = entry({
      source: "Le Monde",
      title: "Séisme au Japon : au moins 30 morts, selon un bilan",
      signature: [1, 2],
    });
    const b = entry({
      source: "RFI",
      title: "Japon : le bilan du séisme s'alourdit à 30 morts",
      signature: [1, 2],
    });
    const [message] = buildDigestMessages([a, b], options);
    assert.equal(message?.entries.length, 1);
  });

  it("does not group look-alikes more than 48 hours apart", () => {
    const a = entry({ title: "Séisme au Japon : 30 morts", publishedAt: "2026-11-25T01:00:00.000Z" });
    const b = entry({
      source: "RFI",
      title: "Séisme au Japon : 30 morts",
      publishedAt: "2026-11-28T01:00:00.000Z",
    });
    const [message] = buildDigestMessages([a, b], options);
    assert.equal(message?.entries.length, 2);
  });

  it("shows an item matched by two topics once, naming both", () => {
    const one = entry({ topicIds: ["config:russia-us"] });
    const same = { ...one, id: 999, topicIds: ["config:ukraine"] };
    const other = entry({ topicIds: ["config:ukraine", "config:russia-us"] });
    const [message] = buildDigestMessages([one, same, other], options);
    assert.equal(message?.heading, "Digest · russia-us — 2 items (28 Nov 08:00 Europe/Paris)");
    assert.deepEqual(message?.entries[0]?.topics, ["russia-us", "ukraine"]);
    assert.deepEqual(message?.entries[1]?.topics, ["ukraine", "russia-us"]);
  });

  it("names chat topics (store ids) by their names when given", () => {
    const a = entry({ topicIds: ["17"] });
    const b = entry({ topicIds: ["config:ukraine"] });
    const [message] = buildDigestMessages([a, b], { ...options, topics: [{ id: "17", name: "elections" }] });
    assert.deepEqual(
      message?.entries.map((e) => e.topics),
      [["elections"], ["ukraine"]],
    );
  });

  it("never leaves an entry out: maxEntries entries per message, then further messages", () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      entry({ publishedAt: new Date(Date.parse("2026-11-27T08:00:00.000Z") + i * 60_000).toISOString() }),
    );
    const heading = "Digest · russia-us — 60 items (28 Nov 08:00 Europe/Paris)";
    const small = buildDigestMessages(many, { ...options, maxEntries: 20 });
    assert.deepEqual(
      small.map((m) => [m.heading, m.entries.length, m.footer, m.mentions.length, m.body !== null]),
      [
        [`${heading} (1/3)`, 20, null, 1, true],
        [`${heading} (2/3)`, 20, null, 0, false],
        [`${heading} (3/3)`, 20, null, 0, false],
      ],
    );
    assert.deepEqual(
      small.flatMap((m) => m.entries.map((e) => e.title)),
      many.map((e) => e.item.title),
    );
    // A message holds at most 25 entries (Discord's fields, Slack's message length).
    const large = buildDigestMessages(many, { ...options, maxEntries: 55 });
    assert.deepEqual(
      large.map((m) => m.entries.length),
      [25, 25, 10],
    );
  });

  it("opens a first window without a start and says 1 item", () => {
    const [message] = buildDigestMessages([entry()], { ...options, windowStart: null });
    assert.equal(message?.body, null);
    assert.equal(message?.heading, "Digest · russia-us — 1 item (28 Nov 08:00 Europe/Paris)");
  });
});
