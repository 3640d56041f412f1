/**
 * The feeds of bench/ingest.ts: `count` RSS 2.0 documents of `ITEMS_PER_FEED` items,
 * seeded (the server process and the bench build the same ones). Text comes from the rules
 * bench's generator (seven languages); descriptions carry a little HTML and an entity, as
 * real feeds do, so normalising has its usual work. Version 2 of a feed has `NEW_ITEMS`
 * new items on top and drops as many old ones (the "changed" cycle).
 */
import { generateCorpus } from "./rules-data.ts";

export const ITEMS_PER_FEED = 20;
export const NEW_ITEMS = 5;

const escapeXml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const vocab = generateCorpus(1, 1).vocab;

export function feedPath(i: number): string {
  return `/feed/${i}.xml`;
}

export function feedDocument(i: number, version: 1 | 2): string {
  const entries = generateCorpus(1000 + i, ITEMS_PER_FEED + NEW_ITEMS, vocab).items;
  // Version 1 shows entries NEW_ITEMS…end; version 2 the newest ITEMS_PER_FEED (0…).
  const shown = version === 1 ? entries.slice(NEW_ITEMS) : entries.slice(0, ITEMS_PER_FEED);
  const base = Date.UTC(2026, 11, 1, 12, 0, 0);
  const items = shown.map((e, k) => {
    const n = version === 1 ? k + NEW_ITEMS : k;
    const date = new Date(base - n * 3_600_000 + i * 1000).toUTCString();
    const description = `<p>${escapeXml(e.summary)} &amp; <a href="https://example.org/${i}/${n}">more</a></p>`;
    return `<item><title>${escapeXml(e.title)}</title><link>https://news${i % 50}.example.org/${i}/${n}</link><guid isPermaLink="false">feed-${i}-item-${n}</guid><pubDate>${date}</pubDate><category>world</category><description><![CDATA[${description}]]></description></item>`;
  });
  const lang = entries[0]?.lang ?? "en";
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Feed ${i}</title><link>https://news${i % 50}.example.org/</link><description>Bench feed ${i}</description><language>${lang}</language>${items.join("")}</channel></rss>`;
}
