import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Message, MessageEntry } from "../../core/message.ts";
import { renderConsole } from "./render.ts";

function entry(fields: Partial<MessageEntry> = {}): MessageEntry {
  return {
    title: "Talks on Ukraine",
    link: "https://www.rfi.fr/x",
    source: "RFI",
    time: "2026-11-28T13:05:00.000Z",
    localTime: "28 Nov 14:05",
    snippet: "Moscow and Washington agree.",
    highlights: [{ field: "title", start: 9, end: 16 }],
    alsoReportedBy: [],
    topics: ["russia-us"],
    ...fields,
  };
}

const message = (fields: Partial<Message> = {}): Message => ({
  kind: "alert",
  heading: "russia-us",
  body: null,
  entries: [entry()],
  footer: "Wirewatch",
  mentions: [],
  ephemeral: false,
  ...fields,
});

describe("renderConsole", () => {
  it("shows kind, heading, title, source, local time, topic, link, snippet and footer", () => {
    assert.equal(
      renderConsole(message()),
      [
        "[alert] russia-us",
        "• Talks on Ukraine",
        "  RFI · 28 Nov 14:05 · russia-us",
        "  https://www.rfi.fr/x",
        "  Moscow and Washington agree.",
        "-- Wirewatch",
      ].join("\n"),
    );
  });

  it("uses ANSI only when asked", () => {
    const plain = renderConsole(message());
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for terminal escapes is the point.
    assert.doesNotMatch(plain, /\u001b/);
    const colored = renderConsole(message(), { color: true });
    assert.ok(colored.includes("\u001b[1mrussia-us\u001b[22m"));
    assert.ok(colored.includes("Talks on \u001b[1mUkraine\u001b[22m"));
  });

  it("falls back to the ISO time and drops non-http links", () => {
    const text = renderConsole(
      message({ entries: [entry({ localTime: null, link: "javascript:alert(1)" })] }),
    );
    assert.match(text, /RFI · 2026-11-28T13:05:00\.000Z/);
    assert.doesNotMatch(text, /javascript/);
  });

  it("strips terminal escapes from feed text even in color mode", () => {
    const text = renderConsole(message({ entries: [entry({ title: "\u001b[2J\u001b[31mowned" })] }), {
      color: true,
    });
    assert.ok(!text.includes("\u001b[2J"));
    assert.ok(!text.includes("\u001b[31m"));
  });

  it("lists the body lines of replies and the configured mentions", () => {
    const text = renderConsole(
      message({
        kind: "reply",
        body: "a\nb",
        entries: [],
        footer: null,
        mentions: [{ kind: "role", id: "1" }],
      }),
    );
    assert.equal(text, "[reply] russia-us\nnotify: role 1\na\nb");
  });
  it("shows an alert's https image, never an http: one, and none in digests", () => {
    const image = "https://img.example/a.jpg";
    assert.match(
      renderConsole(message({ entries: [entry({ image })] })),
      /\n {2}image: https:\/\/img\.example\/a\.jpg\n/,
    );
    assert.doesNotMatch(
      renderConsole(message({ entries: [entry({ image: "http://img.example/a.jpg" })] })),
      /image:/,
    );
    assert.doesNotMatch(renderConsole(message({ kind: "digest", entries: [entry({ image })] })), /image:/);
  });
});
