import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assignIdentities, hashKey, type IdentityInput } from "../feeds/normalise/identity.ts";
import type { Item } from "./item.ts";
import { type KnownItem, lookupKeys, recogniseItems } from "./item-identity.ts";

type Entry = Partial<IdentityInput>;
const D1 = "2026-12-01T08:00:00.000Z";
const D2 = "2026-12-02T08:00:00.000Z";

/** One fetch of entries, keyed by the real normaliser rules. */
function fetchOf(entries: Entry[]): Item[] {
  const inputs = entries.map((e) => ({
    guid: null,
    link: null,
    title: "",
    summary: "",
    publishedAt: null,
    source: "S",
    ...e,
  }));
  return assignIdentities(inputs).map(({ key, aliases }, i) => {
    const { guid: _guid, ...fields } = inputs[i] as IdentityInput;
    return {
      ...fields,
      key,
      aliases,
      content: "",
      author: null,
      categories: [],
      updatedAt: null,
      lang: null,
    };
  });
}

/** Items as the store keeps them after a fetch: every key filed. */
const stored = (items: Item[], firstId = 1): KnownItem[] =>
  items.map((item, i) => {
    const keys = [item.key, ...(item.aliases ?? [])];
    const { title, summary, link, publishedAt } = item;
    return {
      id: firstId + i,
      key: item.key,
      keys,
      guidKeys: keys.filter((k) => k.startsWith("g:")),
      title,
      summary,
      link,
      publishedAt,
    };
  });

/** What `Store.knownItems` answers for a fetch (the contract suite checks the real stores). */
function knownFor(all: KnownItem[], incoming: Item[]): KnownItem[] {
  const asked = lookupKeys(incoming);
  const owners = (key: string) => all.filter((s) => s.keys.includes(key));
  return all
    .map((s) => ({ ...s, keys: asked.filter((key) => s.keys.includes(key) && owners(key).length === 1) }))
    .filter((s) => s.keys.length > 0 || asked.includes(s.key));
}

function outcome(before: Entry[], after: Entry[]): { fresh: string[]; byAlias: number } {
  const incoming = fetchOf(after);
  const result = recogniseItems(incoming, knownFor(stored(fetchOf(before)), incoming));
  return { fresh: result.fresh.map((i) => i.title), byAlias: result.byAlias };
}

describe("recogniseItems", () => {
  const a = { guid: "1", link: "https://x/a", title: "Alpha", publishedAt: D1 };
  const cases: { name: string; before: Entry[]; after: Entry[]; fresh: string[]; byAlias: number }[] = [
    { name: "same GUID", before: [a], after: [{ ...a, title: "Alpha edited" }], fresh: [], byAlias: 0 },
    {
      name: "GUID flip: same link and date",
      before: [a],
      after: [{ ...a, guid: "https://x/a" }],
      fresh: [],
      byAlias: 1,
    },
    {
      name: "title inside the GUID: an edited headline changes the GUID, not link or date",
      before: [{ ...a, guid: "alpha" }],
      after: [{ ...a, guid: "alpha-edited", title: "Alpha edited" }],
      fresh: [],
      byAlias: 1,
    },
    {
      name: "GUID dropped, date bumped: same link and title",
      before: [a],
      after: [{ ...a, guid: null, publishedAt: D2 }],
      fresh: [],
      byAlias: 0,
    },
    {
      name: "a one-item feed always linking to its homepage: the next item is new",
      before: [{ guid: "1", link: "https://x/", title: "Monday", publishedAt: D1 }],
      after: [{ guid: "2", link: "https://x/", title: "Tuesday", publishedAt: D2 }],
      fresh: ["Tuesday"],
      byAlias: 0,
    },
    {
      name: "same title and link but another GUID and date: new (a daily bulletin)",
      before: [{ guid: "1", link: "https://x/", title: "Weather", publishedAt: D1 }],
      after: [{ guid: "2", link: "https://x/", title: "Weather", publishedAt: D2 }],
      fresh: ["Weather"],
      byAlias: 0,
    },
    {
      name: "no GUID, one fixed link, same title, new text and date: new (a daily quote)",
      before: [
        { link: "https://x/today", title: "Quote of the day", summary: "Carpe diem.", publishedAt: D1 },
      ],
      after: [
        { link: "https://x/today", title: "Quote of the day", summary: "Festina lente.", publishedAt: D2 },
      ],
      fresh: ["Quote of the day"],
      byAlias: 0,
    },
    {
      name: "a title and date seen before, without GUID or link: the same item",
      before: [{ guid: "1", title: "Gamma", publishedAt: D1 }],
      after: [{ guid: "https://x/gamma", title: "Gamma", publishedAt: D1 }],
      fresh: [],
      byAlias: 1,
    },
    {
      name: "a link shared by several stored items proves nothing",
      before: [
        { link: "https://x/", title: "One", publishedAt: D1 },
        { link: "https://x/", title: "Two", publishedAt: D1 },
      ],
      after: [{ link: "https://x/", title: "Three", publishedAt: D1 }],
      fresh: ["Three"],
      byAlias: 0,
    },
    {
      name: "a key two items of the fetch carry proves nothing",
      before: [a],
      after: [
        { guid: "9", link: "https://x/a", title: "Alpha 2", publishedAt: D2 },
        { guid: "8", link: "https://x/a", title: "Beta", publishedAt: D1 },
      ],
      fresh: ["Alpha 2", "Beta"],
      byAlias: 0,
    },
    {
      name: "a stored item is claimed once: the GUID match wins, the link match is new",
      before: [a],
      after: [
        { ...a, link: "https://x/moved" },
        { guid: "2", link: "https://x/a", title: "Alpha", publishedAt: D1 },
      ],
      fresh: ["Alpha"],
      byAlias: 0,
    },
    {
      name: "a GUID repeated then unique again: recognised by content",
      before: [
        { guid: "X", link: "https://x/1", title: "One" },
        { guid: "X", link: "https://x/2", title: "Two" },
      ],
      after: [{ guid: "X", link: "https://x/1", title: "One" }],
      fresh: [],
      byAlias: 1,
    },
    {
      name: "untitled entries without GUID or link stay apart",
      before: [{ summary: "one" }, { summary: "two" }],
      after: [{ summary: "two" }, { summary: "three" }, { summary: "one" }],
      fresh: [""],
      byAlias: 0,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.deepEqual(outcome(c.before, c.after), { fresh: c.fresh, byAlias: c.byAlias });
    });
  }

  test("recognised by an alias: the stored item learns the new keys", () => {
    const incoming = fetchOf([{ ...a, guid: "https://x/a" }]);
    const { learned } = recogniseItems(incoming, knownFor(stored(fetchOf([a]), 7), incoming));
    assert.equal(learned[0]?.itemId, 7);
    assert.ok(learned[0]?.keys.includes("g:https://x/a"));
  });

  test("a fresh item whose link key a stored item holds is filed under its content key", () => {
    const known = stored(fetchOf([{ link: "https://x/today", title: "Quote 1", publishedAt: D1 }]));
    const incoming = fetchOf([{ link: "https://x/today", title: "Quote 2", publishedAt: D2 }]);
    const [fresh] = recogniseItems(incoming, knownFor(known, incoming)).fresh;
    assert.match(fresh?.key ?? "", /^c:/);
    assert.ok(fresh?.aliases?.includes("l:https://x/today"));
    // Next fetch: the same entry is recognised by its content key.
    const again = recogniseItems(incoming, knownFor([...known, ...stored([fresh as Item], 2)], incoming));
    assert.deepEqual(again.fresh, []);
  });

  test("items stored under the old per-feed keys keep matching (no replay on upgrade)", () => {
    const legacy = (id: number, key: string, title: string, link: string | null): KnownItem => ({
      id,
      key,
      keys: link === null ? [key] : [key, `l:${link}`],
      guidKeys: [],
      title,
      summary: "",
      link,
      publishedAt: D1,
    });
    const known = [
      legacy(1, `h:${hashKey("Untitled", "S")}`, "Untitled", null),
      legacy(2, "l:https://x/b", "Beta", "https://x/b"),
      legacy(3, `h:${hashKey("Gamma", "S")}`, "Gamma", "https://x/"),
      legacy(4, `h:${hashKey("Delta", "S")}`, "Delta", "https://x/"),
    ];
    const incoming = fetchOf([
      { guid: "u", title: "Untitled", publishedAt: D1 },
      { guid: "b", link: "https://x/b", title: "Beta", publishedAt: D1 },
      { guid: "g", link: "https://x/", title: "Gamma", publishedAt: D1 },
      { guid: "d", link: "https://x/", title: "Delta", publishedAt: D1 },
    ]);
    assert.deepEqual(
      recogniseItems(incoming, knownFor(known, incoming)).fresh.map((i) => i.title),
      [],
    );
  });
});
