/**
 * The real-vocabulary workload of bench/rules.ts (`--workload real`): items are the entries
 * of the real news feeds in ../shared/corpora (rss-parser, miniflux and prof18 folders,
 * through the project's own decoder, parser and normaliser), and rules are built from the
 * words and phrases of those items, in the proportions of the synthetic workload
 * (bench/rules-data.ts): 60 % one word, 30 % two-word and 10 % three-word phrases taken
 * from item text, 8 % boolean rules. Words are drawn uniformly from the distinct words
 * (topics name rare words as well as frequent ones), seeded, so runs compare.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { MatchInput } from "../src/core/rules/index.ts";
import { tokenize } from "../src/core/text/index.ts";
import { decodeBody } from "../src/feeds/fetch/index.ts";
import { normaliseFeed } from "../src/feeds/normalise/index.ts";
import { closeParser, parseFeed } from "../src/feeds/parse/index.ts";
import { corporaDir } from "../test/support/corpora.ts";
import { seededRandom as rng } from "../test/support/random.ts";
import type { GeneratedRule } from "./rules-data.ts";

const FOLDERS = ["rss-parser", "miniflux", "prof18-rss-parser"];

export interface RealCorpus {
  items: MatchInput[];
  feeds: number;
  /** Distinct folded words of the items' title, summary and content. */
  vocab: string[];
}

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

/** The corpora's news items, or null (with the reason) when ../shared/corpora is absent. */
export async function loadRealCorpus(): Promise<RealCorpus | string> {
  if (corporaDir === null) return "../shared/corpora is absent: the real workload needs it";
  const files = FOLDERS.flatMap((f) => walk(join(corporaDir as string, "feeds", f))).filter((f) =>
    /\.(xml|rss|atom)$/.test(f),
  );
  files.sort();
  const items: MatchInput[] = [];
  const seen = new Set<string>();
  let feeds = 0;
  try {
    for (const file of files) {
      const { text } = decodeBody(readFileSync(file), null);
      let parsed: Awaited<ReturnType<typeof parseFeed>>;
      try {
        parsed = await parseFeed(text);
      } catch {
        continue; // malformed test documents are part of these folders
      }
      const feed = normaliseFeed(parsed, { baseUrl: "https://example.org/", sourceName: null });
      feeds++;
      for (const item of feed.items) {
        // The same feed saved twice (input and expected output folders) counts once.
        const key = `${item.source}\u0000${item.title}\u0000${item.summary.slice(0, 200)}`;
        if (item.title === "" && item.summary === "") continue;
        if (seen.has(key)) continue;
        seen.add(key);
        // normaliseFeed detected a language for items whose feed declares none, as the poller does.
        items.push({
          title: item.title,
          summary: item.summary,
          content: item.content,
          source: item.source,
          author: item.author,
          categories: item.categories,
          lang: item.lang,
          link: item.link,
        });
      }
    }
  } finally {
    await closeParser();
  }
  const vocab = new Set<string>();
  for (const item of items) {
    for (const w of tokenize(`${item.title} ${item.summary} ${item.content}`)) vocab.add(w);
  }
  return { items, feeds, vocab: [...vocab].filter((w) => /^\p{L}/u.test(w)) };
}

/** Rule words must not read as operators; every folded token is lower case, so only `near/`-like forms could. */
const safe = (w: string): string => (/^(and|or|not)$/.test(w) ? `"${w}"` : w);

export function generateRealRules(seed: number, count: number, corpus: RealCorpus): GeneratedRule[] {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const word = (): string => pick(corpus.vocab);
  // Phrases come from one field at a time, as a topic quotes a headline or a sentence.
  const texts = corpus.items
    .flatMap((i) => [tokenize(i.title), tokenize(i.summary)])
    .filter((t) => t.length >= 3);
  const phraseOf = (n: number): string => {
    const ws = pick(texts);
    const at = Math.floor(random() * (ws.length - n + 1));
    return ws.slice(at, at + n).join(" ");
  };
  const sources = [...new Set(corpus.items.map((i) => tokenize(i.source)[0] ?? "news"))];
  const langs = [...new Set(corpus.items.map((i) => i.lang).filter((l) => l !== null))];
  const rules: GeneratedRule[] = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    if (random() < 0.08) {
      const kind = Math.floor(random() * 5);
      const [a, b] = [safe(word()), safe(word())];
      const text =
        kind === 0
          ? `${a} AND NOT ${b}`
          : kind === 1
            ? `title:${a} OR "${phraseOf(2)}"`
            : kind === 2
              ? `source:${pick(sources)} AND ${a}`
              : kind === 3
                ? `${a} NEAR/3 ${b}`
                : `lang:${pick(langs)} AND (${a} OR ${b}) -${safe(word())}`;
      rules.push({ text, phrase: false });
    } else if (r < 0.6) rules.push({ text: safe(word()), phrase: false });
    else rules.push({ text: `"${phraseOf(r < 0.9 ? 2 : 3)}"`, phrase: true });
  }
  return rules;
}
