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
import { type Locale, t, tn } from "../i18n/index.ts";
import type { FeedReadResult } from "../ports.ts";
import type { CommandContext } from "./types.ts";
import { userError } from "./user-text.ts";
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
  locale: Locale = "en",
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
  const note = refused === 0 ? "" : tn(locale, "discovery.refused", refused);
  const [only] = offered;
  if (only === undefined) {
    throw userError("discovery.none", { note }, "no_feed_found");
  }
  if (offered.length > 1) {
    // Each command is a code span: copied as shown (a `_` or `*` in a URL stays itself on Slack).
    const lines = offered
      .slice(0, MAX_OFFERED)
      .map((f) => `• ${f.title ?? t(locale, "entry.untitled")}: \`/wirewatch feeds add ${f.url}\``);
    const extra = offered.length - MAX_OFFERED;
    const more = extra > 0 ? `\n${t(locale, "discovery.more", { n: extra })}` : "";
    const head = t(locale, "discovery.several", { n: offered.length, note });
    throw new UserError(`${head}\n${lines.join("\n")}${more}`, "several_feeds");
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
