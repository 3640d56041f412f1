/**
 * Term statistics for story grouping: how many of the items stored over the story window
 * contain each term, so rare words (names, places, numbers) weigh more than formulaic ones.
 * Built from the store once, kept up to date with the items this process stores, and
 * rebuilt from the store every `refreshMs` (items of other instances, items that left
 * the window).
 */

import type { ItemSearchStore } from "../core/commands/store.ts";
import {
  createTermStats,
  type MutableTermStats,
  STORY_WINDOW_HOURS,
  type StorySignature,
  storySignature,
} from "../core/digest/story.ts";
import type { Item } from "../core/item.ts";
import type { Clock } from "../core/ports.ts";
import { addHours, isoNow, msBetween } from "../core/time.ts";

/**
 * An item's story signature, made once: a matched item needs it to find its story, then
 * again to join the statistics once stored (the cost is in its terms: stemming, names).
 */
const signatures = new WeakMap<Item, StorySignature>();
export function signatureOf(item: Item): StorySignature {
  let signature = signatures.get(item);
  if (signature === undefined) {
    signature = storySignature(item);
    signatures.set(item, signature);
  }
  return signature;
}

export interface StoryStats {
  /** The statistics as of now (rebuilt from the store when stale). */
  current(): Promise<MutableTermStats>;
  /** Items just stored by this process. */
  add(items: readonly Item[]): void;
}

export interface StoryStatsOptions {
  store: Pick<ItemSearchStore, "recentItems">;
  clock: Clock;
  refreshMs?: number;
  /** At most this many recent items are read (newest first). */
  limit?: number;
}

export function createStoryStats(options: StoryStatsOptions): StoryStats {
  const refreshMs = options.refreshMs ?? 30 * 60_000;
  const limit = options.limit ?? 50_000;
  let stats: MutableTermStats | null = null;
  let builtAt: string | null = null;
  let building: Promise<MutableTermStats> | null = null;

  async function build(): Promise<MutableTermStats> {
    const now = isoNow(options.clock);
    const since = addHours(now, -STORY_WINDOW_HOURS);
    const items = await options.store.recentItems(since, limit);
    const built = createTermStats(items.map((item) => storySignature(item)));
    stats = built;
    builtAt = now;
    return built;
  }

  return {
    async current() {
      const now = isoNow(options.clock);
      if (stats !== null && builtAt !== null && msBetween(builtAt, now) < refreshMs) return stats;
      building ??= build().finally(() => {
        building = null;
      });
      return building;
    },
    add(items) {
      if (stats === null) return;
      for (const item of items) stats.add(signatureOf(item));
    },
  };
}
