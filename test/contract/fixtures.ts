/** Small builders for contract tests: items, fetch states, messages and alert drafts. */
import type { StorySignature } from "../../src/core/digest/story.ts";
import type { Item } from "../../src/core/item.ts";
import type { Message } from "../../src/core/message.ts";
import type { AlertDraft, FeedInput, FetchState } from "../../src/core/ports.ts";
import type { Store } from "../../src/store/store.ts";

/** A small story signature of the stored format; the stores keep it as opaque JSON. */
export function sig(n: number): StorySignature {
  return { v: 2, title: [`t${n}`, `u${n}`], summary: [], names: [], dir: 0 };
}

export const T0 = "2026-11-28T03:00:00.000Z";

/** `T0` plus minutes, as an ISO instant. */
export function at(minutes: number): string {
  return new Date(Date.parse(T0) + minutes * 60_000).toISOString();
}

export function item(key: string, over: Partial<Item> = {}): Item {
  return {
    key,
    title: `Title ${key}`,
    summary: `Summary of ${key}`,
    content: "",
    link: `https://news.example/${key}`,
    author: null,
    categories: ["world"],
    publishedAt: null,
    updatedAt: null,
    lang: "en",
    source: "Example News",
    ...over,
  };
}

export function state(when: string, over: Partial<FetchState> = {}): FetchState {
  return {
    at: when,
    status: 200,
    errorCode: null,
    etag: '"v1"',
    lastModified: "Sat, 28 Nov 2026 03:00:00 GMT",
    nextPollAt: new Date(Date.parse(when) + 600_000).toISOString(),
    consecutiveErrors: 0,
    failingSince: null,
    disabled: false,
    title: "Example feed",
    identity: "guid",
    ...over,
  };
}

export function message(heading: string, kind: Message["kind"] = "alert"): Message {
  return { kind, heading, body: null, entries: [], footer: null, mentions: [], ephemeral: false };
}

export function instant(
  itemKey: string,
  destination = "console",
  over: Partial<AlertDraft> = {},
): AlertDraft {
  return {
    itemKey,
    topicIds: ["config:russia-us"],
    destination,
    mode: "instant",
    message: message(`alert ${itemKey}`),
    storySignature: sig(1),
    editOf: null,
    reply: null,
    story: { sources: ["Example"], topics: ["russia-us"], reports: [] },
    ...over,
  };
}

export function digest(
  itemKey: string,
  destination = "slack:C0123ABCD",
  over: Partial<AlertDraft> = {},
): AlertDraft {
  return {
    itemKey,
    topicIds: ["config:russia-us"],
    destination,
    mode: "digest",
    message: null,
    storySignature: sig(4),
    editOf: null,
    ...over,
  };
}

export function feedInput(url = "https://news.example/rss", over: Partial<FeedInput> = {}): FeedInput {
  return { url, name: null, everySeconds: 600, origin: "config", scope: null, addedBy: null, ...over };
}

/** A feed whose first fetch (no alerts) already happened, as the poller leaves it. */
export async function initialisedFeed(store: Store, url = "https://news.example/rss"): Promise<number> {
  const feed = await store.upsertFeed(feedInput(url), T0);
  await store.commitFetch(feed.id, state(T0), [item("seed")], []);
  return feed.id;
}
