/**
 * Document → ParsedFeed. Everything that reads the whole document runs in a worker thread
 * with a kill timeout (see parse-worker.js for why): charset decoding of a fetched body, the
 * pre-flight (preflight.ts) and rss-parser's `parseString`. A fetched body's bytes move to
 * the worker without a copy, so the main thread never holds a decoded multi-megabyte text
 * nor spends its event loop on one (issue 13, T-2 and T-3). JSON Feed is mapped here.
 * Rejects only with FeedError "malformed", "not_a_feed" (and its named kinds), "too_complex"
 * or "parse_timeout".
 */
import { availableParallelism } from "node:os";
import { FeedError, type FeedErrorCode } from "../../core/errors.ts";
import { parseJsonFeed } from "./json-feed.ts";
import { mapRssParserFeed } from "./map-rss-parser.ts";
import type { DocumentInput } from "./prepare-document.ts";
import { createParsePool, type ParsePool, type WorkerReply } from "./worker-pool.ts";

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
 * Starts a parse worker now rather than on the first fetch, and waits until it has parsed a
 * tiny document: a worker's start (its thread, its modules) is a fixed cost of a polling
 * process, like opening the store, and the first cycle's fetches then wait for nothing.
 */
export async function startParser(): Promise<void> {
  await parseFeed('<rss version="2.0"><channel><title>start</title></channel></rss>');
}

/** The parse pool's workers (live, ever started), or null before the first parse. */
export function parserStats(): { workers: number; spawned: number } | null {
  if (sharedPool === null) return null;
  const { workers, spawned } = sharedPool.stats();
  return { workers, spawned };
}

/** Stops the parse workers (at shutdown; idle workers never hold the process open anyway). */
export async function closeParser(): Promise<void> {
  const current = sharedPool;
  sharedPool = null;
  await current?.close();
}

/** A document already decoded to text. */
export function parseFeed(text: string, options?: Partial<ParseOptions>): Promise<ParsedFeed> {
  return parseDocument({ text }, false, options);
}

/**
 * A body as fetched: decoded in the worker by its bytes, `contentType`'s charset and its XML
 * declaration (fetch/charset.ts). With `handOver` the bytes move to the worker: the caller
 * must not read them afterwards (they are emptied).
 */
export function parseFeedBody(
  body: { bytes: Uint8Array; contentType: string | null; handOver?: boolean },
  options?: Partial<ParseOptions>,
): Promise<ParsedFeed> {
  return parseDocument({ bytes: body.bytes, contentType: body.contentType }, body.handOver ?? false, options);
}

async function parseDocument(
  document: DocumentInput,
  handOver: boolean,
  options?: Partial<ParseOptions>,
): Promise<ParsedFeed> {
  const { timeoutMs } = { ...DEFAULT_OPTIONS, ...options };
  const reply = await pool().runDocument(document, timeoutMs, handOver);
  if (!reply.ok) throw refusal(reply);
  if ("json" in reply) return parseJsonFeed(reply.json);
  return mapRssParserFeed(reply.feed);
}

/** Codes the worker's pre-flight may refuse a document with (preflight.ts, doctype.ts). */
const PREFLIGHT_CODES = new Set<FeedErrorCode>([
  "malformed",
  "not_a_feed",
  "not_a_feed_html",
  "not_a_feed_opml",
  "not_a_feed_kml",
  "not_a_feed_opensearch",
  "not_a_feed_entry",
]);

function refusal(reply: Extract<WorkerReply, { ok: false }>): FeedError {
  const code = reply.code as FeedErrorCode | undefined;
  // The pre-flight's own refusal, its message as it wrote it.
  if (code !== undefined && PREFLIGHT_CODES.has(code)) return new FeedError(code, reply.message);
  const notFeed = /not recognized as RSS|default RSS version/i.test(reply.message);
  return new FeedError(notFeed ? "not_a_feed" : "malformed", `feed could not be parsed: ${reply.message}`);
}
