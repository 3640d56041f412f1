/**
 * What a feed document itself says, read with plain string scans independent of the
 * parser under test: how many items it has, and which of them carry a title, a link, a
 * date and an author. Suites without expected outputs (miniflux, prof18) are measured
 * against it: "of the items whose source has a date element, how many got a date".
 *
 * Deliberately crude and test-only: items are `<item …>…</item>` or `<entry …>…</entry>`
 * (any prefix) outside comments and CDATA; a field is present when its element has
 * non-blank content or, for links, an `href`.
 */
import type { Field } from "./suite-table.ts";

export interface SourceItem {
  has: Record<Field, boolean>;
}

const ITEM_OPEN = /<(?:[\w-]+:)?(item|entry)(?=[\s>/])[^>]*>/gi;

const FIELD_PATTERNS: Record<Field, RegExp> = {
  title: /<(?:[\w-]+:)?title(?:\s[^>]*)?>\s*(?:<!\[CDATA\[\s*)?[^\s<\]]/i,
  link: /<(?:[\w-]+:)?link(?:\s[^>]*)?>\s*[^\s<]|<(?:[\w-]+:)?link\s[^>]*href\s*=\s*["'][^"']+|<guid(?![^>]*isPermaLink\s*=\s*["']false)[^>]*>\s*https?:/i,
  date: /<(?:[\w-]+:)?(?:pubDate|published|updated|date|issued|modified|created)(?:\s[^>]*)?>\s*[^\s<]/i,
  author: /<(?:[\w-]+:)?(?:author|creator)(?:\s[^>]*)?>\s*(?:<(?:[\w-]+:)?name>\s*)?[^\s<]/i,
};

/** The document without comments and CDATA sections (their text could look like items). */
function withoutSections(xml: string): string {
  return xml.replace(/<!--[\s\S]*?-->/g, "").replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, "x");
}

export function sourceItems(xml: string): SourceItem[] {
  const text = withoutSections(xml);
  const out: SourceItem[] = [];
  for (const open of text.matchAll(ITEM_OPEN)) {
    if (open[0].endsWith("/>")) continue;
    const name = open[1] ?? "item";
    const start = (open.index ?? 0) + open[0].length;
    const close = text.slice(start).search(new RegExp(`</(?:[\\w-]+:)?${name}\\s*>`, "i"));
    // Items nest nowhere in RSS or Atom; an RSS 1.0 channel's <items> list does not match.
    const body = close < 0 ? text.slice(start) : text.slice(start, start + close);
    out.push({
      has: {
        title: FIELD_PATTERNS.title.test(body),
        link: FIELD_PATTERNS.link.test(body),
        date: FIELD_PATTERNS.date.test(body),
        author: FIELD_PATTERNS.author.test(body),
      },
    });
  }
  return out;
}
