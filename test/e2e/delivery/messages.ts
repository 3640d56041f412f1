/** Neutral messages for delivery tests: alerts like the poll makes, and a long digest. */
import type { Message, MessageEntry } from "../../../src/core/message.ts";

export function entry(n: number, overrides: Partial<MessageEntry> = {}): MessageEntry {
  const minute = String(n % 60).padStart(2, "0");
  return {
    title: `Story ${n}: talks resume in Geneva`,
    link: `https://news.example.test/story/${n}`,
    source: `Source ${n % 7}`,
    time: `2026-11-28T02:${minute}:00.000Z`,
    localTime: `28 Nov 03:${minute}`,
    snippet: `Delegations met for the ${n}th time; the summary of story ${n} goes here.`,
    highlights: [],
    alsoReportedBy: [],
    topics: ["geneva"],
    ...overrides,
  };
}

export function alert(n: number, overrides: Partial<Message> = {}): Message {
  return {
    kind: "alert",
    heading: `geneva: Story ${n}`,
    body: null,
    entries: [entry(n)],
    footer: "Wirewatch · geneva",
    mentions: [],
    ephemeral: false,
    ...overrides,
  };
}

/** A digest long enough to need several Slack messages (a thread) and Discord messages. */
export function longDigest(count: number): Message {
  return {
    kind: "digest",
    heading: `Daily digest: ${count} stories`,
    body: null,
    entries: Array.from({ length: count }, (_, i) =>
      entry(i, { snippet: `${"Long summary text of the story with many words. ".repeat(8)}(${i})` }),
    ),
    footer: "Wirewatch · geneva",
    mentions: [],
    ephemeral: false,
  };
}
