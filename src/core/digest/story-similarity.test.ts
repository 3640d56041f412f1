import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  CROSS_TITLE_THRESHOLD,
  createTermStats,
  type StorySignature,
  sameStory,
  storySignature,
  storySimilarity,
  TITLE_THRESHOLD,
} from "./story.ts";

const sig = (title: string, summary = "", lang: string | null = null) =>
  storySignature({ title, summary, lang });

/** Unrelated headlines, so document frequencies are known (docs ≥ MIN_DOCS). */
function busyStats(extra: StorySignature[] = []) {
  const filler = Array.from({ length: 80 }, (_, i) =>
    sig(`Filler headline number ${i} about topic${i} and place${i % 7}`),
  );
  return createTermStats([...filler, ...extra]);
}
const busy = busyStats();
const none = createTermStats();

describe("story terms", () => {
  it("fold the spellings of one word across languages", () => {
    const title = (t: string, lang: string) => sig(t, "", lang).title;
    assert.deepEqual(title("Kontrolle", "de"), title("contrôle", "fr"));
    assert.deepEqual(title("Kontrolle", "de"), title("control", "en"));
    assert.deepEqual(title("elektrisch", "de"), title("électrique", "fr"));
    assert.deepEqual(title("comunicação", "pt"), title("communication", "en"));
  });

  it("mark a kicker's own words as the topic, a capital inside a word as a name", () => {
    const s = sig("Red Dead Redemption 2: saloon brawl in the livestream");
    assert.deepEqual(s.topic, ["2", "dead", "red", "redemp"]);
    assert.deepEqual(sig("Quartalsbericht: Amazon verfehlt die Prognosen", "", "de").topic, ["=quarter"]);
    // A colon late in a sentence is no kicker, and a word the rest repeats is not topic only.
    assert.deepEqual(sig("Fujitsu: the Augsburg plant of Fujitsu closes").topic, []);
    assert.deepEqual(sig("Apple unveils new iPhone").names, ["ifone"]);
    assert.deepEqual(sig("Apple unveils new iPhone").lead, ["aple"]);
  });
});

describe("evidence against one event", () => {
  it("a franchise in both kickers is a topic: its news of one week stay apart", () => {
    const a = sig("Red Dead Redemption 2: saloon brawl in the livestream");
    const b = sig("Red Dead Redemption 2: hints of a PC version in an app of Rockstar Games");
    for (const stats of [none, busyStats([a, b])]) assert.equal(sameStory(a, b, stats), false);
    // What happened, said in both, still groups.
    const c = sig("Red Dead Redemption 2: the saloon brawl livestream");
    assert.equal(sameStory(a, c, busy), true);
  });

  it("numbers that disagree: 200 cases is not 31 cases; a year is no such number", () => {
    const a = sig("Measles outbreak in Lyon: 200 cases confirmed by health authority");
    const b = sig("Measles outbreak in Lyon: 31 cases confirmed by health authority");
    const s = storySimilarity(a, b, busy);
    assert.equal(s.numbersDisagree, true);
    assert.equal(sameStory(a, b, busy), false);
    assert.equal(sameStory(a, sig("Lyon measles outbreak: health authority confirms 200 cases"), busy), true);
    assert.equal(
      storySimilarity(sig("Budget vote in 2018 delayed"), sig("Budget vote delayed"), busy).numbersDisagree,
      false,
    );
    assert.equal(
      storySimilarity(sig("Budget 2018: 12 billion cut"), sig("Budget 2019: 12 billion cut"), busy)
        .numbersDisagree,
      false,
    );
  });

  it("shared names alone are a topic, whatever else the headlines say", () => {
    const a = sig("How the Philadelphia Eagles became the NFL's wokest team");
    const b = sig("Trade rumours: Philadelphia Eagles and the NFL's salary cap");
    const s = storySimilarity(a, b, busy);
    assert.equal(s.titleContent, 0);
    assert.ok(s.titleNames >= 2);
    assert.equal(sameStory(a, b, busy), false);
  });

  it("names that disagree: both headlines name what they are about, neither name is in the other", () => {
    const a = sig("Un mort et deux blessés graves dans un accident sur l'A1", "", "fr");
    const b = sig('Mais acidentes e feridos graves na Operação "Ano Novo" da GNR', "", "pt");
    const stats = busyStats([a, b]);
    assert.equal(storySimilarity(a, b, stats).namesDisagree, true);
    assert.equal(sameStory(a, b, stats), false);
    // One shared name is enough to lift it: the same road in both.
    const c = sig("Acidente na A1 causa um morto e dois feridos graves", "", "pt");
    assert.equal(storySimilarity(a, c, busyStats([a, c])).namesDisagree, false);
    assert.equal(sameStory(a, c, busyStats([a, c])), true);
  });

  it("a hyphenated word is one piece of evidence, not three", () => {
    const a = sig("Vorschau: Neue PC-Spiele im November", "", "de");
    const b = sig("Microsoft: PC-Spieleangebot des Xbox Game Pass wird erweitert", "", "de");
    const s = storySimilarity(a, b, busy);
    assert.equal(s.parts, 2);
    assert.equal(s.strongInTitles, 1);
    assert.equal(sameStory(a, b, busy), false);
  });
});

describe("rarity by script", () => {
  it("an Urdu function word is common among Urdu items, however few they are among all", () => {
    // Two BBC Urdu headlines of different events (test/fixtures/stories, "BBC Urdu").
    const a = sig("امریکہ اور پاکستان ایک دوسرے کا کیا بگاڑ سکتے ہیں؟", "", "ur");
    const b = sig("پاکستان: اتحادی ایک دوسرے کو تنبیہ جاری نہیں کیا کرتے", "", "ur");
    const urdu = [
      a,
      b,
      ...["ایک دوسرے کیا اور ہیں", "کیا یہ ایک دوسرے سے", "دوسرے ایک کیا پر"].map((t) => sig(t)),
    ];
    const stats = busyStats(urdu);
    assert.equal(stats.scriptDocs("کیا"), 5);
    assert.equal(stats.scriptDocs("filler"), 80);
    assert.equal(stats.scriptDocs("2018"), stats.docs);
    assert.equal(sameStory(a, b, stats), false);
  });
});

describe("evidence for one event", () => {
  it("the words of what happened agree across languages through the concept table", () => {
    const en = sig("Fujitsu closes plant in Augsburg", "", "en");
    const de = sig("Fujitsu schließt Werk in Augsburg", "", "de");
    const fr = sig("Fujitsu ferme son usine d'Augsbourg", "", "fr");
    for (const stats of [none, busyStats([en, de, fr])]) {
      assert.equal(sameStory(en, de, stats), true);
      assert.equal(sameStory(en, fr, stats), true);
    }
    const shared = storySimilarity(en, de, none).shared.map((s) => s.term);
    assert.ok(shared.includes("=close") && shared.includes("=factory"), shared.join(" "));
  });

  it("number words, German compound tails and a colon before a quotation", () => {
    const title = (t: string, lang: string) => sig(t, "", lang).title;
    // "dix épisodes" and "10-part" agree on 10; "zwanzig" and "veinte" on 20.
    assert.ok(title("une série en dix épisodes", "fr").includes("10"));
    assert.ok(
      title("zwanzig Verletzte", "de").includes("20") && title("veinte heridos", "es").includes("20"),
    );
    // A German compound also gives the concept of its tail: Elektroauto is an electric car.
    assert.ok(title("Elektroauto für 15.000 Euro", "de").includes("=car"));
    assert.ok(title("Umsatzprognosen verfehlt", "de").includes("=forecast"));
    // Tails that end words of other meanings are no concept: Wissenschaft is no custody (Haft).
    assert.ok(!title("Wissenschaft und Netzwerk", "de").some((t) => t.startsWith("=")));
    assert.deepEqual(
      sig('Daniela Ruah declares her love to her husband: "I could not love you more"').topic,
      [],
    );
  });

  it("across languages the words that do not bridge are the language: a lower cosine is enough", () => {
    // Three shared strong content terms and eight words of each side's own: cosine 3/11.
    const side = (own: string, lang: string | undefined): StorySignature => ({
      ...sig(""),
      title: ["=auction", "=painting", "christ", ...Array.from({ length: 8 }, (_, i) => `${own}${i}`)].sort(),
      ...(lang === undefined ? {} : { lang }),
    });
    const [en, de] = [side("en", "en"), side("de", "de")];
    const s = storySimilarity(en, de, busy);
    assert.ok(s.title >= CROSS_TITLE_THRESHOLD && s.title < TITLE_THRESHOLD, String(s.title));
    assert.equal(sameStory(en, de, busy), true);
    // In one language, or without languages, the same evidence is too little.
    assert.equal(sameStory(en, side("de", "en"), busy), false);
    assert.equal(sameStory(side("en", undefined), side("de", undefined), busy), false);
  });

  it("two strong terms with a content word in close headlines, only once frequencies are known", () => {
    const en = sig("Kodak sells its Rochester lab", "", "en");
    const de = sig("Kodak verkauft Labor in Rochester", "", "de");
    assert.equal(storySimilarity(en, de, busy).strongInTitles, 2);
    assert.equal(sameStory(en, de, busyStats([en, de])), true);
    // Without document frequencies every word looks rare: two are not enough.
    assert.equal(sameStory(en, de, none), false);
  });
});
