/**
 * Text → ParsedFeed. XML goes through rss-parser's `parseString` in a worker thread with
 * a kill timeout (see parse-worker.js for why); JSON Feed is mapped here. Rejects only
 * with FeedError "malformed", "not_a_feed" or "parse_timeout".
 */
import { availableParallelism } from "node:os";
import { FeedError } from "../../core/errors.ts";
import { createGate } from "./gate.ts";
import { parseJsonFeed } from "./json-feed.ts";
import { mapRssParserFeed } from "./map-rss-parser.ts";
import { preflight } from "./preflight.ts";
import { createParsePool, type ParsePool, SMALL_CHARS } from "./worker-pool.ts";

export type { FeedFormat, ParsedEntry, ParsedFeed, TextKind } from "./types.ts";

import type { ParsedFeed } from "./types.ts";

export interface ParseOptions {
  timeoutMs: number;
}

const DEFAULT_OPTIONS: ParseOptions = { timeoutMs: 10_000 };

let sharedPool: ParsePool | null = null;
/** Parse workers for big documents: one on a 2-CPU host, two from four CPUs. */
const WORKERS = Math.max(1, Math.min(2, availableParallelism() - 1));

function pool(): ParsePool {
  sharedPool ??= createParsePool(WORKERS);
  return sharedPool;
}

/**
 * Documents over SMALL_CHARS are pre-flighted and handed to a worker as many at a time as
 * there are workers for them; the rest wait as the text they arrived as. Without this gate a
 * poll of 16 hostile 4 MB bodies pre-flighted them all at once and queued every repaired copy
 * for the one worker: ~8-16 MB each on the main thread (issue 13.3's RSS budget).
 */
const bigDocuments = createGate(WORKERS);

/** Stops the parse workers (at shutdown; idle workers never hold the process open anyway). */
export async function closeParser(): Promise<void> {
  const current = sharedPool;
  sharedPool = null;
  await current?.close();
}

export async function parseFeed(text: string, options?: Partial<ParseOptions>): Promise<ParsedFeed> {
  if (text.length <= SMALL_CHARS) return parseChecked(text, options);
  const release = await bigDocuments.enter();
  try {
    return await parseChecked(text, options);
  } finally {
    release();
  }
}

async function parseChecked(text: string, options?: Partial<ParseOptions>): Promise<ParsedFeed> {
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
