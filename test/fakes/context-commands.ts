/**
 * A command context over a REAL SQLite store (a temp file) with a scripted feed source
 * and a fixed clock, for platform-neutral handler tests and the adapters' end-to-end tests.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Actor,
  type CommandContext,
  DEFAULT_QUOTAS,
  type Quotas,
} from "../../src/core/commands/types.ts";
import { FeedError } from "../../src/core/errors.ts";
import type { Item, NormalisedFeed } from "../../src/core/item.ts";
import type { FeedReadResult, FeedRequest, FeedSource } from "../../src/core/ports.ts";
import type { Topic } from "../../src/core/topic.ts";
import { createSqliteStore } from "../../src/store/index.ts";
import type { Store } from "../../src/store/store.ts";
import { okFetchState } from "../support/fetch-state.ts";

export const NOW = new Date("2026-11-28T12:00:00.000Z");

export function item(fields: Partial<Item> & { key: string; title: string }): Item {
  return {
    summary: "",
    content: "",
    link: null,
    author: null,
    categories: [],
    publishedAt: NOW.toISOString(),
    updatedAt: null,
    lang: "fr",
    source: "RFI",
    ...fields,
  };
}

export const FRENCH_ITEMS: Item[] = [
  item({
    key: "rfi-1",
    title: "La Russie et les États-Unis conviennent de «coopérer» sur le conflit en Ukraine",
    summary: "Moscou et Washington ont annoncé vouloir coopérer, selon l’AFP.",
    link: "https://www.rfi.fr/fr/europe/russie-etats-unis-cooperer",
    publishedAt: "2026-11-28T10:00:00.000Z",
  }),
  item({
    key: "rfi-2",
    title: "Sanctions européennes : l’Ukraine salue un nouveau paquet",
    summary: "Bruxelles adopte des sanctions contre la Russie.",
    link: "https://www.rfi.fr/fr/europe/sanctions",
    publishedAt: "2026-11-27T10:00:00.000Z",
  }),
  item({
    key: "rfi-3",
    title: "Football : le PSG s'impose à Lyon",
    summary: "Victoire 2-1.",
    link: "https://www.rfi.fr/fr/sports/psg",
    publishedAt: "2026-11-26T10:00:00.000Z",
  }),
  item({
    key: "rfi-old",
    title: "Russie et États-Unis : un an plus tôt",
    link: "https://www.rfi.fr/fr/archive",
    publishedAt: "2026-10-01T10:00:00.000Z",
  }),
];

/**
 * Feed source answering from a table of URL → feed; anything else fails like a blocked
 * address. `hold(url)` makes reads of that URL wait until the returned release is called,
 * so a test can observe what happens while a command is still working.
 */
export function scriptedFeedSource(
  feeds: Record<string, NormalisedFeed>,
): FeedSource & { requests: FeedRequest[]; hold(url: string): () => void } {
  const requests: FeedRequest[] = [];
  const gates = new Map<string, Promise<void>>();
  return {
    requests,
    hold(url) {
      let release = () => {};
      gates.set(url, new Promise<void>((resolve) => (release = resolve)));
      return () => release();
    },
    async read(request: FeedRequest): Promise<FeedReadResult> {
      requests.push(request);
      await gates.get(request.url);
      const feed = feeds[request.url];
      if (feed === undefined) throw new FeedError("blocked_address", "10.0.0.1 is a private address");
      const cache = { maxAgeSeconds: null, expires: null, retryAfterSeconds: null };
      return { kind: "ok", status: 200, etag: '"v1"', lastModified: null, cache, feed };
    },
  };
}

export function normalisedFeed(title: string, items: Item[]): NormalisedFeed {
  return {
    feed: { title, link: null, lang: "fr", ttlMinutes: null },
    items,
    identity: "guid",
    repeatedEntries: 0,
  };
}

export interface CommandWorld {
  store: Store;
  feedSource: ReturnType<typeof scriptedFeedSource>;
  seeds: { topics: Topic[]; feeds: { url: string; name: string | null }[] };
  quotas: Quotas;
  context(actor: Actor): CommandContext;
  close(): Promise<void>;
}

/** A store seeded with one config feed carrying FRENCH_ITEMS, plus whatever feeds the test scripts. */
export async function createCommandWorld(
  options: { feeds?: Record<string, NormalisedFeed>; quotas?: Partial<Quotas>; seedTopics?: Topic[] } = {},
): Promise<CommandWorld> {
  const dir = mkdtempSync(join(tmpdir(), "wirewatch-commands-"));
  const store = createSqliteStore(join(dir, "test.db"));
  const at = NOW.toISOString();
  const config = await store.upsertFeed(
    {
      url: "https://www.rfi.fr/fr/rss",
      name: "RFI",
      everySeconds: 600,
      origin: "config",
      scope: null,
      addedBy: null,
    },
    at,
  );
  await store.commitFetch(config.id, okFetchState(at, { title: "RFI" }), FRENCH_ITEMS, []);
  const feedSource = scriptedFeedSource(options.feeds ?? {});
  const seeds = {
    topics: options.seedTopics ?? [],
    feeds: [{ url: "https://www.rfi.fr/fr/rss", name: "RFI" }],
  };
  const quotas = { ...DEFAULT_QUOTAS, ...options.quotas };
  return {
    store,
    feedSource,
    seeds,
    quotas,
    context: (actor) => ({
      store,
      feeds: store,
      feedSource,
      clock: { now: () => NOW },
      actor,
      seeds,
      quotas,
      aliases: { usa: ["États-Unis", "USA", "Washington"] },
      feedEverySeconds: 600,
      digests: null,
    }),
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const ADMIN: Actor = {
  platform: "slack",
  workspace: "T1DC2JH3J",
  channelWorkspace: "T1DC2JH3J",
  channel: "C2147483705",
  isDirect: false,
  userId: "U2CERLKJA",
  canManage: true,
};
