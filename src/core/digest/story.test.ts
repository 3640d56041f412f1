import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  createTermStats,
  isStorySignature,
  mergeDecision,
  type StorySignature,
  sameStory,
  storySignature,
  storySimilarity,
} from "./story.ts";

const sig = (title: string, summary = "", lang: string | null = null) =>
  storySignature({ title, summary, lang });
const none = createTermStats();

/** Unrelated headlines, so document frequencies are known (docs ≥ MIN_DOCS). */
function busyStats(extra: StorySignature[] = []) {
  const filler = Array.from({ length: 80 }, (_, i) =>
    sig(`Filler headline number ${i} about topic${i} and place${i % 7}`),
  );
  return createTermStats([...filler, ...extra]);
}

// Issue 11: the old bag-of-prefixes method merged every one of these.
const ISSUE_PAIRS: [string, string][] = [
  ["Bitcoin hits record high", "Gold hits record high"],
  ["Live: Ukraine war updates", "Live: Gaza war updates"],
  ["Oil prices fall sharply", "Oil prices rise sharply"],
  ["Apple unveils new iPhone", "Apple recalls new iPhone chargers"],
  ["Eurozone banks' sovereign exposure hits new high", "American Transit Ridership Hits 57-Year High"],
];

const RFI = {
  title: "La Russie et les États-Unis conviennent de «coopérer» sur le conflit en Ukraine",
  summary:
    "Moscou et Washington se disent prêts à « coopérer » pour mettre fin aux combats. L’annonce, faite à l’issue d’une rencontre à Genève, a été accueillie avec prudence à Kyiv.",
};
const WIRE = {
  title: 'Russia and the United States agree to "cooperate" on Ukraine conflict',
  summary:
    "Moscow and Washington said they would cooperate to end the fighting, after talks in Geneva. US officials called it a first step.",
};

describe("story signatures", () => {
  it("are deterministic, plain JSON, and pinned (stored signatures must stay comparable)", () => {
    const s = sig("Mega-Deal: IBM übernimmt Red Hat", "Für 34 Milliarden Dollar.", "de");
    assert.deepEqual(JSON.parse(JSON.stringify(s)), s);
    assert.deepEqual(s, {
      v: 4,
      // "übernimmt" is the concept of a takeover, as "rachète" and "acquisition" are.
      title: ["=deal", "deal", "ibm", "mega", "megadeal", "red"].map((t) => t.slice(0, 6)),
      // Double letters fold ("Dollar"/"dólar"); "Milliarden" is the concept of "billion".
      summary: ["34", "=billion", "dolar"],
      names: ["ibm"],
      // The kicker's words the rest of the headline does not use.
      topic: ["deal", "mega", "megade"],
      lead: [],
      lang: "de",
      dir: 0,
    });
    // The language is its primary subtag; without one the signature has none.
    assert.equal(sig("Golpe no Brasil", "", "pt-BR").lang, "pt");
    assert.equal(sig("Golpe no Brasil").lang, undefined);
  });

  it("recognise only the current format: the old number[] and garbage are incomparable", () => {
    assert.equal(isStorySignature(sig("Séisme au Japon")), true);
    for (const bad of [
      [1, 2, 3],
      null,
      "x",
      { v: 1 },
      { v: 2, title: [1], summary: [], names: [], dir: 0 },
      // Version 2 (no topic, no lead, other folding) is incomparable, not half-read.
      { v: 2, title: ["a"], summary: [], names: [], dir: 0 },
      { v: 3, title: ["a"], summary: [], names: [], topic: [], dir: 0 },
      // Version 3 (smaller names and concept tables) is incomparable too.
      { v: 3, title: ["a"], summary: [], names: [], topic: [], lead: [], dir: 0 },
    ]) {
      assert.equal(isStorySignature(bad), false, JSON.stringify(bad));
    }
    const old = [1, 2, 3] as unknown as StorySignature;
    assert.equal(sameStory(old, old, none), false);
  });

  it("are accent, case and elision blind; capitals mid-sentence mark names", () => {
    const a = sig("L'Élysée confirme la réforme des retraites");
    const b = sig("l elysee CONFIRME la reforme des retraites");
    assert.deepEqual(a.title, b.title);
    assert.deepEqual(sig("Police talk to Macron in Paris about the plan").names, ["macron", "paris"]);
    // German capitalises nouns: only acronyms (and the names table) count there.
    assert.deepEqual(sig("Seehofer fordert Verschiebung von 5G-Auktion", "", "de").names, ["5g"]);
    // A Title Case headline's capitals say nothing.
    assert.deepEqual(sig("Bitcoin Hits Record High Again").names, []);
  });

  it("read a bounded amount of hostile text", () => {
    const huge = sig("x".repeat(100_000), "word ".repeat(100_000));
    assert.ok(JSON.stringify(huge).length < 2_000);
    // Hyphen chains and numbers make the most terms per character: still a valid signature.
    const dense = sig(
      Array.from({ length: 200 }, (_, i) => `${i}x`).join("-"),
      Array.from({ length: 300 }, (_, i) => `Name${i}`).join(" "),
    );
    assert.equal(isStorySignature(dense), true);
    assert.ok(dense.title.length <= 80 && dense.summary.length <= 40);
  });
});

describe("sameStory", () => {
  for (const [stats, label] of [
    [none, "no document frequencies (fresh install)"],
    [busyStats(), "with document frequencies"],
  ] as const) {
    it(`keeps the issue's formulaic look-alikes apart, ${label}`, () => {
      for (const [a, b] of ISSUE_PAIRS) assert.equal(sameStory(sig(a), sig(b), stats), false, `${a} / ${b}`);
    });

    it(`groups the demo's French story with its English wire copy, ${label}`, () => {
      const fr = sig(RFI.title, RFI.summary);
      const en = sig(WIRE.title, WIRE.summary);
      assert.equal(sameStory(fr, en, stats), true);
      assert.ok(storySimilarity(fr, en, stats).shared.some((s) => s.term === "russia"));
    });
  }

  it("matches rewritten wire copy and keeps a different story on the same place apart", () => {
    const afp = sig(
      "Séisme au Japon : au moins 30 morts, selon un nouveau bilan",
      "Un puissant séisme a frappé lundi le centre du Japon.",
    );
    const rfi = sig(
      "Japon: le bilan du séisme s'alourdit à 30 morts",
      "Le séisme de lundi dans le centre du Japon a fait au moins 30 morts.",
    );
    const other = sig(
      "Japon : la Banque centrale relève ses taux",
      "La Banque du Japon a relevé lundi son taux directeur.",
    );
    assert.equal(sameStory(afp, rfi, none), true);
    assert.equal(sameStory(afp, other, none), false);
  });

  it("never matches empty signatures", () => {
    assert.equal(sameStory(sig(""), sig(""), none), false);
  });

  it("explains a decision by its shared terms, strongest first", () => {
    const s = storySimilarity(sig("Oil prices fall sharply"), sig("Oil prices rise sharply"), none);
    assert.equal(s.opposite, true);
    // "Oil" is the concept key shared with "pétrole", "Öl", "petróleo".
    assert.equal(s.shared[0]?.term, "=oil");
  });
});

describe("mergeDecision", () => {
  const side = (title: string, source: string | null, link: string | null) => ({
    signature: sig(title),
    source,
    link,
  });

  it("merges the same link, and never two different items of one outlet", () => {
    const a = side("Séisme au Japon : 30 morts", "RFI", "https://rfi.test/1");
    assert.deepEqual(mergeDecision(a, { ...a, source: "RFI (copy)" }, none), {
      merge: true,
      why: "same-link",
    });
    // Identical text, same outlet, another link: an update is news, never absorbed.
    assert.deepEqual(mergeDecision(a, { ...a, link: "https://rfi.test/2" }, none), {
      merge: false,
      why: "same-outlet",
    });
    // Issue 11: "Bitcoin hits record high" then "Gold hits record high" from one outlet.
    const btc = side("Bitcoin hits record high", "Markets Wire", "https://w.test/b");
    const gold = side("Gold hits record high", "Markets Wire", "https://w.test/g");
    assert.equal(mergeDecision(btc, gold, none).merge, false);
    assert.equal(mergeDecision({ ...btc, source: "Other" }, gold, none).merge, false);
  });

  it("decides by content across outlets, and not without a signature", () => {
    const fr = { signature: sig(RFI.title, RFI.summary), source: "RFI", link: "https://rfi.test/a" };
    const en = { signature: sig(WIRE.title, WIRE.summary), source: "Wire", link: "https://wire.test/a" };
    assert.deepEqual(mergeDecision(fr, en, none), { merge: true, why: "same-story" });
    assert.deepEqual(mergeDecision(fr, { ...en, signature: null }, none), {
      merge: false,
      why: "no-signature",
    });
  });
});

describe("createTermStats", () => {
  it("counts each term once per item, and forgets removed items", () => {
    const a = sig("Fujitsu closes plant in Augsburg", "Fujitsu said the Augsburg plant closes.");
    const b = sig("Augsburg: Fujitsu Germany shuts everything down");
    const stats = createTermStats([a, b]);
    assert.equal(stats.docs, 2);
    assert.equal(stats.df("fujits"), 2);
    stats.remove(a);
    assert.equal(stats.docs, 1);
    assert.equal(stats.df("fujits"), 1);
    assert.equal(stats.df("plant"), 0);
    stats.add([1, 2] as unknown as StorySignature); // old format: ignored
    assert.equal(stats.docs, 1);
  });
});
