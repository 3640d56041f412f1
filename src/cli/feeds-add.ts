/**
 * `wirewatch feeds add URL`: the operator's `feeds add`. The feed is read once through the
 * same feed source as every poll and stored with its current items as seen (no alerts),
 * as an OPML import of one feed. A web page is not refused: the feed it declares (or the
 * first common path that is a feed) is added instead, and several are listed to choose from.
 * The operator's URLs are trusted like the config file's (loopback and private hosts allowed).
 */
import { FeedError } from "../core/errors.ts";
import type { ImportOutcome } from "../main.ts";
import { type ParsedArgs, stringFlag } from "./args.ts";
import type { CliIo } from "./command.ts";
import { configFromArgs } from "./load-config.ts";
import { withUseCases } from "./open-app.ts";
import { parseOpmlScope } from "./opml/scope.ts";

export const FEEDS_ADD_USAGE =
  "wirewatch feeds add URL [--scope operator|slack:T…|discord:…] [--config FILE]";

export async function feedsAddCli(args: ParsedArgs, io: CliIo): Promise<number> {
  const [, target, ...extra] = args.positionals;
  const url = target === undefined || extra.length > 0 ? null : httpUrl(target);
  if (url === null) {
    io.err(
      `usage: ${FEEDS_ADD_USAGE}${target === undefined ? "" : " (URL: a full http:// or https:// address)"}`,
    );
    return 2;
  }
  const scope = parseOpmlScope(stringFlag(args, "scope"));
  if (scope !== null && ("error" in scope || scope.kind === "config")) {
    io.err("error" in scope ? scope.error : "--scope config: config feeds are added in the config file");
    return 2;
  }
  const config = configFromArgs(args, io);
  if (config === null) return 2;
  return withUseCases(config, async (app) => {
    const options = { scope: scope?.kind === "tenant" ? scope.scope : null, dryRun: false };
    let [outcome] = await app.importFeeds([{ url, title: null }], options);
    if (outcome?.kind === "failed" && outcome.reason.startsWith("not_a_feed_html")) {
      const found = await app.findFeeds(url).catch((error: unknown) => {
        if (error instanceof FeedError) return error;
        throw error;
      });
      if (found instanceof FeedError) {
        io.err(`${url}: ${found.code}: ${found.message}`);
        return 1;
      }
      const [only] = found;
      if (only === undefined) {
        io.err(
          `${url} is a web page that declares no feed, and no common path (/feed, /rss, /atom.xml…) is one`,
        );
        return 1;
      }
      if (found.length > 1) {
        io.out(`${url} offers ${found.length} feeds; add the one you want:`);
        for (const f of found)
          io.out(`  wirewatch feeds add ${f.url}${f.title === null ? "" : `   # ${f.title}`}`);
        return 1;
      }
      io.err(`${url} is a web page; adding its feed ${only.url}`);
      [outcome] = await app.importFeeds([{ url: only.url, title: only.title }], options);
    }
    return report(outcome, io);
  });
}

function report(outcome: ImportOutcome | undefined, io: CliIo): number {
  switch (outcome?.kind) {
    case "added":
      io.out(
        `added #${outcome.feedId} ${outcome.url}: ${outcome.items} current items stored as seen, no alerts`,
      );
      return 0;
    case "present":
      io.out(`already present: #${outcome.feedId} ${outcome.url}`);
      return 0;
    case "failed":
      io.err(`${outcome.url}: ${outcome.reason}`);
      return 1;
    default:
      return 1;
  }
}

function httpUrl(text: string): string | null {
  try {
    const url = new URL(text);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    url.hash = "";
    return url.toString();
  } catch {
    return null;
  }
}
