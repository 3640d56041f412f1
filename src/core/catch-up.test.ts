import assert from "node:assert/strict";
import { test } from "node:test";
import { buildCatchUpMessage } from "./catch-up.ts";
import type { Message, MessageEntry } from "./message.ts";

function entry(title: string, time: string | null): MessageEntry {
  return {
    title,
    link: `https://example.test/${encodeURIComponent(title)}`,
    source: "Example",
    time,
    localTime: null,
    snippet: "",
    highlights: [],
    alsoReportedBy: [],
    topics: ["t"],
  };
}

function alert(title: string, time: string | null, mentions: Message["mentions"] = []): Message {
  return {
    kind: "alert",
    heading: title,
    body: null,
    entries: [entry(title, time)],
    footer: null,
    mentions,
    ephemeral: false,
  };
}

test("folds alerts into one digest sorted by time, undated last", () => {
  const message = buildCatchUpMessage([
    alert("b", "2026-11-28T02:00:00.000Z"),
    alert("none", null),
    alert("a", "2026-11-28T01:00:00.000Z"),
  ]);
  assert.equal(message.kind, "digest");
  assert.equal(message.heading, "Catch-up: 3 alerts while Wirewatch was away");
  assert.deepEqual(
    message.entries.map((e) => e.title),
    ["a", "b", "none"],
  );
  assert.equal(message.footer, null);
  assert.equal(message.ephemeral, false);
});

test("caps entries with 'and N more'", () => {
  const alerts = Array.from({ length: 30 }, (_, i) =>
    alert(`x${i}`, `2026-11-28T01:${String(i).padStart(2, "0")}:00.000Z`),
  );
  const message = buildCatchUpMessage(alerts, { maxEntries: 10 });
  assert.equal(message.entries.length, 10);
  assert.equal(message.entries[0]?.title, "x0");
  assert.equal(message.footer, "and 20 more");
});

test("mentions are the union of configured mentions, without duplicates", () => {
  const message = buildCatchUpMessage([
    alert("a", null, [{ kind: "role", id: "1" }]),
    alert("b", null, [
      { kind: "role", id: "1" },
      { kind: "user", id: "2" },
    ]),
  ]);
  assert.deepEqual(message.mentions, [
    { kind: "role", id: "1" },
    { kind: "user", id: "2" },
  ]);
  assert.equal(buildCatchUpMessage([alert("a", null)]).heading, "Catch-up: 1 alert while Wirewatch was away");
});

test("speaks the language of the alerts it folds", () => {
  const french = [alert("a", null), alert("b", null)].map((m) => ({ ...m, locale: "fr" as const }));
  const message = buildCatchUpMessage(french);
  assert.equal(message.heading, "Rattrapage : 2 alertes pendant l’absence de Wirewatch");
  assert.equal(message.locale, "fr");
});
