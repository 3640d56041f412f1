import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fixture from "../../../test/fixtures/clustering/pairs.json" with { type: "json" };
import { FULL_SKETCH, sameStory, storySignature, storySimilarity, TITLE_SKETCH } from "./story.ts";

interface Pair {
  a: number;
  b: number;
  same: boolean;
}

/** Listed pairs plus every unlisted heise × Golem pair, which the fixture labels different. */
function labelledPairs(): Pair[] {
  const pairs: Pair[] = fixture.pairs.map((p) => ({ a: p.a, b: p.b, same: p.same }));
  const listed = new Set(pairs.map((p) => `${p.a}:${p.b}`));
  const [left, right] = fixture.crossProductNegatives.feeds;
  for (const a of fixture.items.filter((i) => i.feed === left)) {
    for (const b of fixture.items.filter((i) => i.feed === right)) {
      if (!listed.has(`${a.id}:${b.id}`)) pairs.push({ a: a.id, b: b.id, same: false });
    }
  }
  return pairs;
}

describe("story clustering", () => {
  it("gives fixed-size, deterministic signatures", () => {
    const item = { title: "Coronavirus en Belgique: 31 nouvelles infections", summary: "200 cas recensés" };
    const sig = storySignature(item);
    assert.equal(sig.length, TITLE_SKETCH + FULL_SKETCH);
    assert.deepEqual(storySignature({ ...item }), sig);
    // Stored signatures must stay comparable across releases: pin a few values.
    assert.deepEqual(storySignature({ title: "Mega-Deal: IBM übernimmt Red Hat", summary: "" }).slice(0, 3), [
      ...PINNED,
    ]);
  });

  it("is accent, case and elision blind", () => {
    const a = storySignature({ title: "L'Élysée confirme la réforme des retraites", summary: "" });
    const b = storySignature({ title: "l elysee CONFIRME la reforme des retraites", summary: "" });
    assert.equal(storySimilarity(a, b).title, 1);
  });

  it("never matches empty or malformed signatures", () => {
    const empty = storySignature({ title: "", summary: "" });
    assert.equal(sameStory(empty, empty), false);
    assert.equal(sameStory([1, 2, 3], [1, 2, 3]), false);
  });

  it("matches rewritten wire copy and keeps different stories apart", () => {
    const afp = storySignature({
      title: "Séisme au Japon : au moins 30 morts, selon un nouveau bilan",
      summary: "Un puissant séisme a frappé lundi le centre du Japon.",
    });
    const rfi = storySignature({
      title: "Japon: le bilan du séisme s'alourdit à 30 morts",
      summary: "Le séisme de lundi dans le centre du Japon a fait au moins 30 morts.",
    });
    const other = storySignature({
      title: "Japon : la Banque centrale relève ses taux",
      summary: "La Banque du Japon a relevé lundi son taux directeur.",
    });
    assert.equal(sameStory(afp, rfi), true);
    assert.equal(sameStory(afp, other), false);
  });

  it("meets precision and recall floors on the hand-labelled pairs", () => {
    const signatures = new Map(fixture.items.map((i) => [i.id, storySignature(i)]));
    const sig = (id: number) => signatures.get(id) ?? [];
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const pairs = labelledPairs();
    for (const p of pairs) {
      const predicted = sameStory(sig(p.a), sig(p.b));
      if (predicted && p.same) tp++;
      else if (predicted) fp++;
      else if (p.same) fn++;
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(
      `clustering: ${pairs.length} pairs (${tp + fn} same-story), precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, tp ${tp} fp ${fp} fn ${fn}`,
    );
    assert.ok(precision >= PRECISION_FLOOR, `precision ${precision}`);
    assert.ok(recall >= RECALL_FLOOR, `recall ${recall}`);
  });
});

const PINNED = [59389037, 234601943, 554789097];
const PRECISION_FLOOR = 0.8;
const RECALL_FLOOR = 0.9;
