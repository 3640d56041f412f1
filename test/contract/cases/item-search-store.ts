import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Store } from "../../../src/store/store.ts";
import { at, feedInput, item, state, T0 } from "../fixtures.ts";
import type { Harness } from "../harness.ts";

async function seed(store: Store): Promise<void> {
  const rfi = await store.upsertFeed(feedInput("https://rfi.example/rss"), T0);
  const lm = await store.upsertFeed(feedInput("https://lemonde.example/rss"), T0);
  await store.commitFetch(
    rfi.id,
    state(at(100)),
    [
      item("r1", {
        title: "La Russie et les États-Unis relancent leur coopération",
        source: "RFI",
        publishedAt: at(10),
      }),
      item("r2", {
        title: "Œuvre d'art volée à Paris",
        summary: "L'enquête continue",
        source: "RFI",
        publishedAt: at(20),
      }),
      item("r3", {
        title: "Météo",
        summary: "Pluie sur la Bretagne",
        content: "ETATS UNIS: tempête",
        source: "RFI",
        publishedAt: at(30),
      }),
    ],
    [],
  );
  await store.commitFetch(
    lm.id,
    state(at(100)),
    [
      item("m1", {
        title: "Washington et Moscou: la coopération russo-américaine",
        source: "Le Monde",
        publishedAt: at(40),
      }),
      item("m2", {
        title: "Russia and the United States",
        summary: "Talks in Geneva",
        source: "Le Monde",
        publishedAt: at(50),
      }),
    ],
    [],
  );
}

function keys(items: { key: string }[]): string[] {
  return items.map((i) => i.key);
}

/** `ItemSearchStore` (core/commands/store.ts): items by id, link, recency and search terms. */
export function itemSearchStoreCases(h: Harness): void {
  describe("ItemSearchStore", () => {
    it("reads items by id, by link and newest first, sorting by publication clamped to first sight", async () => {
      const { store } = await h.open();
      const { id } = await store.upsertFeed(feedInput(), T0);
      await store.commitFetch(
        id,
        state(at(10)),
        [
          item("old", { publishedAt: at(-600), categories: ["a", "b"], author: "Ann" }),
          item("mid", { publishedAt: at(-5) }),
          item("future", { publishedAt: at(999) }),
          item("nodate", { link: null }),
        ],
        [],
      );
      const recent = await store.recentItems(at(-60), 10);
      // A future date sorts at first sight; equal instants newest id first; "old" is before `since`.
      assert.deepEqual(
        recent.map((i) => i.key),
        ["nodate", "future", "mid"],
      );
      assert.equal((await store.recentItems(at(-60), 1)).length, 1);
      const old = await store.findItemByLink("https://news.example/old");
      assert.ok(old);
      assert.equal(old.feedId, id);
      assert.equal(old.firstSeenAt, at(10));
      assert.equal(old.publishedAt, at(-600));
      assert.deepEqual(old.categories, ["a", "b"]);
      assert.equal(old.author, "Ann");
      assert.deepEqual(await store.getItem(old.id), old);
      assert.equal(await store.findItemByLink("https://news.example/none"), null);
    });

    it("is blind to case and accents, requires every term, newest first", async () => {
      const { store } = await h.open();
      await seed(store);
      const q = (terms: string[]) => store.searchItems({ terms, since: null, source: null, limit: 10 });
      assert.deepEqual(keys(await q(["etats-unis"])), ["r3", "r1"]);
      assert.deepEqual(keys(await q(["ÉTATS", "russie"])), ["r1"]);
      assert.deepEqual(keys(await q(["cooperation"])), ["m1", "r1"]);
      assert.deepEqual(keys(await q(["oeuvre"])), ["r2"]);
      assert.deepEqual(keys(await q(["enquete"])), ["r2"]);
      assert.deepEqual(keys(await q(["bretagne", "russie"])), []);
      assert.deepEqual(keys(await q(["rfi", "meteo"])), ["r3"]);
    });

    it("matches prefix terms and phrases", async () => {
      const { store } = await h.open();
      await seed(store);
      const q = (terms: string[]) => store.searchItems({ terms, since: null, source: null, limit: 10 });
      assert.deepEqual(keys(await q(["russ*"])), ["m2", "m1", "r1"]);
      assert.deepEqual(keys(await q(["united states"])), ["m2"]);
      assert.deepEqual(keys(await q(["states united"])), []);
      assert.deepEqual(keys(await q(["russo-am*"])), ["m1"]);
    });

    it("filters by time and by source, and limits", async () => {
      const { store } = await h.open();
      await seed(store);
      const q = (terms: string[], since: string | null, source: string | null, limit = 10) =>
        store.searchItems({ terms, since, source, limit });
      assert.deepEqual(keys(await q(["russ*"], at(45), null)), ["m2"]);
      assert.deepEqual(keys(await q(["russ*"], null, "rfi")), ["r1"]);
      assert.deepEqual(keys(await q(["russ*"], null, "LE MONDE")), ["m2", "m1"]);
      assert.deepEqual(keys(await q(["russ*"], null, null, 1)), ["m2"]);
      // No terms: the newest items, filtered the same way.
      assert.deepEqual(keys(await q([], null, "RFI", 2)), ["r3", "r2"]);
      assert.deepEqual(keys(await q(["—", "*"], at(35), null)), ["m2", "m1"]);
    });

    it("counts what search could return, filtered the same way, up to a cap", async () => {
      const { store } = await h.open();
      await seed(store);
      const n = (terms: string[], since: string | null = null, source: string | null = null, cap = 100) =>
        store.countItems({ terms, since, source }, cap);
      assert.equal(await n(["russ*"]), 3);
      assert.equal(await n(["russ*"], at(45)), 1);
      assert.equal(await n(["russ*"], null, "LE MONDE"), 2);
      assert.equal(await n(["etats-unis", "russie"]), 1);
      assert.equal(await n(["xyzzy"]), 0);
      assert.equal(await n([]), 5);
      assert.equal(await n([], at(35)), 2);
      assert.equal(await n(["russ*"], null, null, 2), 2);
    });

    it("finds words of every script, written any way the rules fold them", async () => {
      const { store } = await h.open();
      const feed = await store.upsertFeed(feedInput("https://world.example/rss"), T0);
      const titles: [string, string][] = [
        ["ja", "東京で首脳会談"],
        ["ru", "Россия и США договорились"],
        ["ar", "روسيا والولايات المتحدة"],
        ["el", "Η Ελλάδα και η ΕΕ"],
        ["de", "Straße der Bürgermeister"],
        ["full", "ＡＢＣ News １２ hours"],
        ["lig", "La ﬁnale du ½ marathon"],
      ];
      await store.commitFetch(
        feed.id,
        state(at(100)),
        titles.map(([key, title], i) => item(key, { title, source: "World", publishedAt: at(i) })),
        [],
      );
      const q = async (term: string) =>
        keys(await store.searchItems({ terms: [term], since: null, source: null, limit: 10 }));
      const found: [string, string][] = [
        ["首脳", "ja"],
        ["東京で", "ja"],
        ["РОССИЯ", "ru"],
        ["договор*", "ru"],
        ["روسيا", "ar"],
        ["ελλαδα", "el"],
        ["strasse", "de"],
        ["burgermeister", "de"],
        ["abc", "full"],
        ["12", "full"],
        ["finale", "lig"],
        ["½", "lig"],
        ["fi*", "lig"],
      ];
      for (const [term, key] of found) assert.deepEqual(await q(term), [key], term);
    });

    it("treats query syntax in terms as text", async () => {
      const { store } = await h.open();
      await seed(store);
      const q = (terms: string[]) => store.searchItems({ terms, since: null, source: null, limit: 10 });
      assert.deepEqual(keys(await q(['"russie" OR', "NEAR(x"])), []);
      assert.deepEqual(keys(await q(["'russie':*", "AND"])), []);
      assert.deepEqual(keys(await q(["russie)"])), ["r1"]);
      assert.deepEqual(keys(await q(["l'œuvre"])), ["r2"]);
    });
  });
}
