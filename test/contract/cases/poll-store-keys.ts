import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Store } from "../../../src/store/store.ts";
import { at, feedInput, initialisedFeed, instant, item, state } from "../fixtures.ts";
import type { Harness } from "../harness.ts";

/** `PollStore` item keys: filing key and aliases, `knownItems`, keys learned in `commitFetch`. */
export function pollStoreKeyCases(h: Harness): void {
  const keyed = (key: string, aliases: string[]) => item(key.slice(key.indexOf(":") + 1), { key, aliases });
  const idOf = async (store: Store, feedId: number, key: string): Promise<number> => {
    const [found] = await store.knownItems(feedId, [key]);
    assert.ok(found, `an item carries ${key}`);
    return found.id;
  };

  describe("PollStore: item keys", () => {
    it("files each new item under its key and aliases; lists the items alone carrying a key", async () => {
      const { store } = await h.open();
      const feedId = await initialisedFeed(store);
      await store.commitFetch(
        feedId,
        state(at(1)),
        [
          keyed("g:a", ["l:https://x/a", "c:aa"]),
          keyed("g:b", ["l:https://x/", "c:bb"]),
          keyed("g:c", ["l:https://x/", "c:cc"]),
        ],
        [],
      );
      const known = await store.knownItems(feedId, ["l:https://x/a", "l:https://x/", "g:none", "c:bb"]);
      assert.deepEqual(
        known.map((k) => [k.key, k.keys, k.guidKeys, k.title, k.link]),
        [
          ["g:a", ["l:https://x/a"], ["g:a"], "Title a", "https://news.example/a"],
          ["g:b", ["c:bb"], ["g:b"], "Title b", "https://news.example/b"],
        ],
        "a link two items carry lists neither",
      );
      assert.deepEqual(await store.knownItems(feedId, []), []);
    });

    it("an asked primary key lists its item even when another item carries it as an alias", async () => {
      const { store } = await h.open();
      const feedId = await initialisedFeed(store);
      await store.commitFetch(
        feedId,
        state(at(1)),
        [keyed("l:https://x/p", []), keyed("g:e", ["l:https://x/p"])],
        [],
      );
      const known = await store.knownItems(feedId, ["l:https://x/p"]);
      assert.deepEqual(
        known.map((k) => [k.key, k.keys]),
        [["l:https://x/p", []]],
      );
    });

    it("keys belong to their feed", async () => {
      const { store } = await h.open();
      const one = await initialisedFeed(store);
      const two = await initialisedFeed(store, "https://other.example/rss");
      await store.commitFetch(one, state(at(1)), [keyed("g:same", ["l:https://x/s"])], []);
      await store.commitFetch(two, state(at(1)), [keyed("g:same", ["l:https://x/s"])], []);
      const known = await store.knownItems(one, ["g:same", "l:https://x/s"]);
      assert.equal(known.length, 1);
      assert.deepEqual(known[0]?.keys, ["g:same", "l:https://x/s"]);
      assert.notEqual(known[0]?.id, (await store.knownItems(two, ["g:same"]))[0]?.id);
    });

    it("keys learned for stored items are filed with the fetch, once, and only on the feed's own items", async () => {
      const { store } = await h.open();
      const feedId = await initialisedFeed(store);
      const other = await initialisedFeed(store, "https://other.example/rss");
      await store.commitFetch(feedId, state(at(1)), [keyed("g:a", ["l:https://x/a"])], []);
      await store.commitFetch(other, state(at(1)), [keyed("g:o", [])], []);
      const a = await idOf(store, feedId, "g:a");
      const o = await idOf(store, other, "g:o");
      const n = await store.commitFetch(
        feedId,
        state(at(2)),
        [keyed("g:fresh", [])],
        [],
        [
          { itemId: a, keys: ["g:https://x/a", "g:https://x/a", "l:https://x/a"] },
          { itemId: o, keys: ["g:stolen"] },
        ],
      );
      assert.equal(n, 1);
      const [learned] = await store.knownItems(feedId, ["g:https://x/a"]);
      assert.equal(learned?.id, a);
      assert.deepEqual(learned?.guidKeys, ["g:a", "g:https://x/a"]);
      assert.deepEqual(await store.knownItems(feedId, ["g:stolen"]), []);
      assert.deepEqual(await store.knownItems(other, ["g:stolen"]), []);
    });

    it("a failed commit files no key and learns nothing", async () => {
      const { store } = await h.open();
      const feedId = await initialisedFeed(store);
      const seed = await idOf(store, feedId, "seed");
      await assert.rejects(
        store.commitFetch(
          feedId,
          state(at(3)),
          [keyed("g:z", ["l:https://x/z"])],
          [instant("g:z", "console", { message: null })],
          [{ itemId: seed, keys: ["g:learned"] }],
        ),
      );
      assert.deepEqual(await store.knownItems(feedId, ["g:z", "l:https://x/z", "g:learned"]), []);
    });

    it("a removed feed's keys go with it", async () => {
      const { store } = await h.open();
      const feedId = await initialisedFeed(store);
      await store.commitFetch(feedId, state(at(1)), [keyed("g:r", ["l:https://x/r"])], []);
      await store.removeFeed(feedId);
      const again = await store.upsertFeed(feedInput(), at(2));
      assert.deepEqual(await store.knownItems(again.id, ["g:r", "l:https://x/r", "seed"]), []);
    });
  });
}
