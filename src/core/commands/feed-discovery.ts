/**
 * `feeds add` given a web page instead of a feed (`https://www.rfi.fr/`): when the read
 * fails with `not_a_feed_html`, the feed finder looks for the feeds the page declares (or
 * common paths), and:
 * - one feed: it is read and added in place of the page;
 * - several: none is added; the user gets the list, each with the command that adds it;
 * - none: the user is told the page declares no feed and where we looked.
 * Links a page declares go through the same URL rules as a typed URL (http(s), standard
 * ports, no credentials) and the same guarded read: a page cannot point us anywhere a user
 * could not.
 */

import { FeedError, UserError } from "../errors.ts";
import type { FeedFinder } from "../feed-finder.ts";
import type { FeedReadResult } from "../ports.ts";
import type { CommandContext } from "./types.ts";
import { parseFeedUrl } from "./values.ts";

const MAX_OFFERED = 10;

export interface FoundFeed {
  /** The feed's URL: the one given, or the one discovered from the page. */
  url: string;
  result: FeedReadResult;
}

export async function readOrDiscover(
  ctx: Pick<CommandContext, "feedSource"> & { feedFinder?: FeedFinder | undefined },
  url: string,
  language: string | null,
): Promise<FoundFeed> {
  const read = (target: string) =>
    ctx.feedSource.read({
      url: target,
      etag: null,
      lastModified: null,
      trusted: false,
      sourceName: null,
      language,
    });
  try {
    return { url, result: await read(url) };
  } catch (error) {
    if (!(error instanceof FeedError) || error.code !== "not_a_feed_html" || !ctx.feedFinder) throw error;
  }
  const found = await ctx.feedFinder.find(url, false);
  const offered = found.flatMap((f) => {
    const accepted = acceptable(f.url);
    return accepted === null ? [] : [{ ...f, url: accepted }];
  });
  const refused = found.length - offered.length;
  const note = refused === 0 ? "" : ` (${refused} other link(s) it declares are not plain http(s) addresses)`;
  const [only] = offered;
  if (only === undefined) {
    throw new UserError(
      `That address is a web page, not a feed, and it declares no feed${note}; /feed, /rss, /atom.xml, /feed.xml, /rss.xml and /index.xml on its site are not feeds either. Give the feed's own address.`,
      "no_feed_found",
    );
  }
  if (offered.length > 1) {
    const lines = offered
      .slice(0, MAX_OFFERED)
      .map((f) => `• ${f.title ?? "(untitled)"}: /wirewatch feeds add ${f.url}`);
    const more = offered.length > MAX_OFFERED ? `\n…and ${offered.length - MAX_OFFERED} more.` : "";
    throw new UserError(
      `That page offers ${offered.length} feeds${note}. Add the one you want:\n${lines.join("\n")}${more}`,
      "several_feeds",
    );
  }
  return { url: only.url, result: await read(only.url) };
}

function acceptable(url: string): string | null {
  try {
    return parseFeedUrl(url);
  } catch {
    return null;
  }
}
