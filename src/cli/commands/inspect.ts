import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { resolveFileUrl } from "../../config/load.ts";
import { FeedError } from "../../core/errors.ts";
import { createFeedSource } from "../../feeds/feed-source.ts";
import { createFetcher } from "../../feeds/fetch/index.ts";
import { USER_AGENT } from "../../main.ts";
import type { CliCommand } from "../command.ts";

export const inspectCommand: CliCommand = {
  name: "inspect",
  summary: "fetch, decode, parse and normalise one feed and print what Wirewatch sees",
  usage: "wirewatch inspect <url|file:path|path> [--json] [--name NAME]",
  valueFlags: ["name", "config"],
  booleanFlags: ["json"],
  async run(args, io) {
    const target = args.positionals[0];
    if (!target) {
      io.err(`usage: ${this.usage}`);
      return 2;
    }
    // `file:demo-feeds/x.xml` is read as in the config (relative, here to the current
    // folder), as are `file:///abs` and a bare path.
    const url = /^[a-z][a-z0-9+.-]*:/i.test(target)
      ? resolveFileUrl(target, process.cwd())
      : pathToFileURL(resolve(target)).href;
    if (url.startsWith("file:") && !existsSync(fileURLToPath(url))) {
      // Like an unreachable URL: a negative answer (1), not a usage error (2).
      io.err(`no such file: ${fileURLToPath(url)}`);
      return 1;
    }
    const fetcher = createFetcher({ userAgent: USER_AGENT });
    try {
      // The operator runs this command: their own URLs are trusted, as in the config file.
      const read = await createFeedSource({ fetcher }).read({
        url,
        etag: null,
        lastModified: null,
        trusted: true,
        sourceName: typeof args.flags.get("name") === "string" ? String(args.flags.get("name")) : null,
      });
      if (read.kind === "not_modified") {
        io.out("304 not modified");
        return 0;
      }
      const { feed, items } = read.feed;
      if (args.flags.has("json")) {
        io.out(
          JSON.stringify(
            { feed: { ...feed, identity: read.feed.identity, status: read.status }, items },
            null,
            2,
          ),
        );
        return 0;
      }
      io.out(
        `${feed.title || "(untitled feed)"}  [lang ${feed.lang ?? "unknown"}, ${items.length} items, keys by ${read.feed.identity}]`,
      );
      for (const item of items) {
        io.out(`- ${item.title || "(no title)"}`);
        io.out(`  key ${item.key}`);
        io.out(`  ${item.publishedAt ?? "no date"}  ${item.link ?? "no link"}`);
        if (item.image) io.out(`  image ${item.image}`);
        for (const e of item.enclosures ?? []) {
          io.out(
            `  enclosure ${e.url}${e.type ? ` ${e.type}` : ""}${e.length === null ? "" : ` ${e.length} bytes`}`,
          );
        }
      }
      return 0;
    } catch (error) {
      if (error instanceof FeedError) {
        io.err(`${error.code}: ${error.message}`);
        return 1;
      }
      throw error;
    } finally {
      await fetcher.close();
    }
  },
};
