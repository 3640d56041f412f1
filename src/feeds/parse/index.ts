/**
 * Text → ParsedFeed. XML goes through rss-parser's `parseString` in a worker thread with
 * a kill timeout (see parse-worker.js for why); JSON Feed is mapped here. Rejects only
 * with FeedError "malformed", "not_a_feed" or "parse_timeout".
 */
import { availableParallelism } from "node:os";
import { FeedError } from "../../core/errors.ts";
import { parseJsonFeed } from "./json-feed.ts";
import { mapRssParserFeed } from "./map-rss-parser.ts";
import { preflight } from "./preflight.ts";
import { createParsePool, type ParsePool } from "./worker-pool.ts";

export type { FeedFormat, ParsedEntry, ParsedFeed, TextKind } from "./types.ts";

import type { ParsedFeed } from "./types.ts";

export interface ParseOptions {
  timeoutMs: number;
}

const DEFAULT_OPTIONS: ParseOptions = { timeoutMs: 10_000 };

let sharedPool: ParsePool | null = null;

function pool(): ParsePool {
  sharedPool ??= createParsePool(Math.max(1, Math.min(2, availableParallelism() - 1)));
  return sharedPool;
}

/** Stops the parse workers (at shutdown; idle workers never hold the process open anyway). */
export async function closeParser(): Promise<void> {
  const current = sharedPool;
  sharedPool = null;
  await current?.close();
}

export async function parseFeed(text: string, options?: Partial<ParseOptions>): Promise<ParsedFeed> {
  const { timeoutMs } = { ...DEFAULT_OPTIONS, ...options };
  const checked = preflight(text);
  if (checked.kind === "json") return parseJsonFeed(checked.text);
  const reply = await pool().run(checked.text, timeoutMs);
  if (!reply.ok) {
    const notFeed = /not recognized as RSS|default RSS version/i.test(reply.message);
    throw new FeedError(notFeed ? "not_a_feed" : "malformed", `feed could not be parsed: ${reply.message}`);
  }
  return mapRssParserFeed(reply.feed);
}
