import type { FeedRecord } from "../../core/ports.ts";
import { redactUrl } from "../../core/redact-url.ts";
import type { CliCommand } from "../command.ts";
import { FEEDS_ADD_USAGE, feedsAddCli } from "../feeds-add.ts";
import { configFromArgs } from "../load-config.ts";
import { withUseCases } from "../open-app.ts";

export const feedsCommand: CliCommand = {
  name: "feeds",
  summary: "each feed's state: last fetch, HTTP status, items, next poll, consecutive errors; feeds add URL",
  usage: `wirewatch feeds [--json] [--config FILE]\n       ${FEEDS_ADD_USAGE}`,
  valueFlags: ["config", "scope"],
  booleanFlags: ["json"],
  async run(args, io) {
    if (args.positionals[0] === "add") return feedsAddCli(args, io);
    if (args.positionals.length > 0 || args.flags.has("scope")) {
      io.err(`usage: ${this.usage}`);
      return 2;
    }
    const config = configFromArgs(args, io);
    if (config === null) return 2;
    return withUseCases(config, async (app) => {
      io.out(formatFeeds(await app.listFeeds(), args.flags.has("json")));
      return 0;
    });
  },
};

/** Output is pasted into tickets and chats: credentials in a feed URL are masked (the store keeps them). */
export function formatFeeds(stored: FeedRecord[], json: boolean): string {
  const feeds = stored.map((f) => ({ ...f, url: redactUrl(f.url) }));
  return json ? JSON.stringify(feeds, null, 2) : formatTable(feeds);
}

function formatTable(feeds: FeedRecord[]): string {
  const header = ["id", "name", "last fetch", "status", "items", "next poll", "errors", "url"];
  const rows = feeds.map((f) => [
    String(f.id),
    f.name ?? f.title ?? "",
    f.lastFetchAt?.slice(0, 19).replace("T", " ") ?? "never",
    f.disabled
      ? "disabled"
      : f.lastErrorCode
        ? `${f.lastStatus ?? ""} ${f.lastErrorCode}`.trim()
        : String(f.lastStatus ?? ""),
    String(f.itemCount),
    f.disabled ? "—" : f.nextPollAt.slice(0, 19).replace("T", " "),
    String(f.consecutiveErrors),
    f.url,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}
