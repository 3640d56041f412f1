/**
 * A neutral message for the platform renderers' tests: one alert entry from a feed whose
 * link points elsewhere than its title says (the hostile cases override fields).
 */
import { entry } from "../../core/commands/reply.ts";
import type { Message, MessageEntry } from "../../core/message.ts";

export function sampleEntry(fields: Partial<MessageEntry> = {}): MessageEntry {
  return entry({
    title: "Bank login",
    link: "https://evil.test/x",
    source: "Feed",
    time: "2026-11-28T13:05:00.000Z",
    ...fields,
  });
}

export function sampleMessage(fields: Partial<Message> = {}): Message {
  return {
    kind: "alert",
    heading: "Alert",
    body: null,
    entries: [sampleEntry()],
    footer: null,
    mentions: [],
    ephemeral: false,
    ...fields,
  };
}
