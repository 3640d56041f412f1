import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Item } from "../item.ts";
import { addSourceToAlert, addTopicsToAlert, buildAlertMessage } from "./alert.ts";
import { formatLocalTime, SNIPPET_LENGTH, shorten } from "./format.ts";

function item(over: Partial<Item> = {}): Item {
  return {
    key: "k1",
    title: "Ukraine : « accord de principe » sur l'échange de prisonniers",
    summary: "Moscou et Kiev ont annoncé jeudi un accord d'échange.",
    content: "",
    link: "https://www.rfi.fr/fr/europe/article",
    author: null,
    categories: [],
    publishedAt: "2026-11-28T13:05:00.000Z",
    updatedAt: null,
    lang: "fr",
    source: "RFI",
    ...over,
  };
}

describe("buildAlertMessage", () => {
  it("builds one entry in the destination's local time", () => {
    const message = buildAlertMessage({
      item: item(),
      topicNames: ["ukraine"],
      highlights: [{ field: "title", start: 0, end: 7 }],
      timezone: "Europe/Paris",
      mentions: [{ kind: "role", id: "123" }],
    });
    assert.deepEqual(message, {
      kind: "alert",
      heading: "Alert · ukraine",
      body: null,
      entries: [
        {
          title: "Ukraine : « accord de principe » sur l'échange de prisonniers",
          link: "https://www.rfi.fr/fr/europe/article",
          source: "RFI",
          time: "2026-11-28T13:05:00.000Z",
          localTime: "28 Nov 14:05 Europe/Paris",
          snippet: "Moscou et Kiev ont annoncé jeudi un accord d'échange.",
          highlights: [{ field: "title", start: 0, end: 7 }],
          alsoReportedBy: [],
          topics: ["ukraine"],
          image: null,
          author: null,
          lang: "fr",
        },
      ],
      footer: null,
      mentions: [{ kind: "role", id: "123" }],
      ephemeral: false,
      locale: "en",
    });
  });

  it("carries the item's image, author and language, and the destination's template", () => {
    const template = { name: "brief", slack: { section: "{title}" } };
    const message = buildAlertMessage({
      item: item({ image: "https://img.example/a.jpg", author: "Jane Doe" }),
      topicNames: ["ukraine"],
      highlights: [],
      timezone: "UTC",
      mentions: [],
      template,
    });
    assert.equal(message.entries[0]?.image, "https://img.example/a.jpg");
    assert.equal(message.entries[0]?.author, "Jane Doe");
    assert.equal(message.entries[0]?.lang, "fr");
    assert.deepEqual(message.template, template);
  });

  it("falls back to updatedAt, then no time", () => {
    const updated = buildAlertMessage({
      item: item({ publishedAt: null, updatedAt: "2026-07-01T22:30:00.000Z" }),
      topicNames: [],
      highlights: [],
      timezone: "America/New_York",
      mentions: [],
    });
    assert.equal(updated.entries[0]?.localTime, "1 Jul 18:30 America/New_York");
    assert.equal(updated.heading, "Alert");
    const undated = buildAlertMessage({
      item: item({ publishedAt: null }),
      topicNames: ["x"],
      highlights: [],
      timezone: "UTC",
      mentions: [],
    });
    assert.equal(undated.entries[0]?.time, null);
    assert.equal(undated.entries[0]?.localTime, null);
  });

  it("shortens long summaries at a word boundary and drops highlights past the cut", () => {
    const summary = `${"mot ".repeat(80)}Poutine à la fin`;
    const message = buildAlertMessage({
      item: item({ summary }),
      topicNames: ["t"],
      highlights: [
        { field: "snippet", start: 0, end: 3 },
        { field: "snippet", start: summary.length - 16, end: summary.length - 9 },
      ],
      timezone: "UTC",
      mentions: [],
    });
    const entry = message.entries[0];
    assert.ok(entry !== undefined);
    assert.ok(entry.snippet.length <= SNIPPET_LENGTH);
    assert.ok(entry.snippet.endsWith("mot…"));
    assert.deepEqual(entry.highlights, [{ field: "snippet", start: 0, end: 3 }]);
  });

  it("uses content when the summary is empty", () => {
    const message = buildAlertMessage({
      item: item({ summary: "", content: "Le texte complet." }),
      topicNames: [],
      highlights: [],
      timezone: "UTC",
      mentions: [],
    });
    assert.equal(message.entries[0]?.snippet, "Le texte complet.");
  });
});

describe("addSourceToAlert", () => {
  const base = buildAlertMessage({
    item: item(),
    topicNames: ["t"],
    highlights: [],
    timezone: "UTC",
    mentions: [],
  });

  it("grows the list once per outlet without touching the original", () => {
    const one = addSourceToAlert(base, { source: "France 24", link: "https://www.france24.com/a" });
    const two = addSourceToAlert(one, { source: "Le Monde", link: null });
    const again = addSourceToAlert(two, { source: "France 24", link: "https://www.france24.com/b" });
    assert.deepEqual(again.entries[0]?.alsoReportedBy, [
      { source: "France 24", link: "https://www.france24.com/a" },
      { source: "Le Monde", link: null },
    ]);
    assert.deepEqual(base.entries[0]?.alsoReportedBy, []);
  });

  it("ignores the alert's own source and link", () => {
    assert.equal(addSourceToAlert(base, { source: "RFI", link: null }), base);
    assert.equal(
      addSourceToAlert(base, { source: "rfi.fr", link: "https://www.rfi.fr/fr/europe/article" }),
      base,
    );
  });
});

describe("addTopicsToAlert", () => {
  const base = buildAlertMessage({
    item: item(),
    topicNames: ["russia-us"],
    highlights: [],
    timezone: "UTC",
    mentions: [],
  });

  it("names the topics a later copy matched after the alert's own, once each", () => {
    const grown = addTopicsToAlert(base, ["russia-us", "cooperation", "cooperation"]);
    assert.equal(grown.heading, "Alert · russia-us, cooperation");
    assert.deepEqual(grown.entries[0]?.topics, ["russia-us", "cooperation"]);
    assert.equal(base.heading, "Alert · russia-us");
  });

  it("leaves an alert that names them all as it is", () => {
    assert.equal(addTopicsToAlert(base, ["russia-us"]), base);
    assert.equal(addTopicsToAlert(base, []), base);
  });
});

describe("format helpers", () => {
  const cases: [string, number, string][] = [
    ["court", 280, "court"],
    ["un deux trois quatre", 12, "un deux…"],
    ["«\u00a0Bonjour » dit-il, puis il part", 20, "« Bonjour » dit-il…"],
    ["x".repeat(30), 10, `${"x".repeat(9)}…`],
    ["ab😀cd", 3, "ab…"],
  ];
  for (const [text, max, want] of cases) {
    it(`shorten(${JSON.stringify(text)}, ${max})`, () => assert.equal(shorten(text, max), want));
  }

  it("formats local times and rejects bad instants", () => {
    assert.equal(formatLocalTime("2026-03-29T01:00:00.000Z", "Europe/Paris"), "29 Mar 03:00 Europe/Paris");
    assert.equal(
      formatLocalTime("2026-11-28T00:05:00.000Z", "Australia/Melbourne"),
      "28 Nov 11:05 Australia/Melbourne",
    );
    assert.equal(formatLocalTime("2026-11-28T00:05:00.000Z", "Etc/UTC"), "28 Nov 00:05 UTC");
    assert.equal(formatLocalTime("not a date", "UTC"), null);
  });
});
