/**
 * The FeedSource port: fetch (conditional GET) → decode and parse (worker, kill timeout)
 * → normalise. A 304 costs no parse. Every failure is a typed FeedError.
 *
 * With a clock, items whose date is missing or unreadable are dated by this fetch (their
 * first-seen time); unreadable dates are logged once per feed URL (`code: "bad_date"`), and
 * counted on every fetch in `NormalisedFeed.unreadableDates`.
 */
import { AppError, FeedError } from "../core/errors.ts";
import type { NormalisedFeed } from "../core/item.ts";
import type { Metrics } from "../core/metrics.ts";
import type { Clock, FeedReadResult, FeedRequest, FeedSource, Logger } from "../core/ports.ts";
import type { Fetcher } from "./fetch/index.ts";
import type { HeaderLinks } from "./fetch/link-header.ts";
import { normaliseFeed } from "./normalise/index.ts";
import { parseFeedBody } from "./parse/index.ts";

const NO_HINTS = { maxAgeSeconds: null, expires: null, retryAfterSeconds: null };

export interface FeedSourceDeps {
  fetcher: Fetcher;
  /** Kill timeout of one parse; default 10 s. */
  parseTimeoutMs?: number;
  /** Dates items that have none readable; without it their dates stay null. */
  clock?: Clock;
  logger?: Logger;
  /** Body size and parse time of each fetch that is parsed (`/metrics`). */
  metrics?: Metrics;
}

export function createFeedSource(deps: FeedSourceDeps): FeedSource {
  const parseOptions = deps.parseTimeoutMs === undefined ? {} : { timeoutMs: deps.parseTimeoutMs };
  // Feed URLs already told about: a feed with bad dates says so once per process, not per poll.
  const toldBadDates = new Set<string>();
  /** `handOver`: the body's memory moves to the parse worker (a fetched body nobody else reads). */
  const readDocument = async (
    request: FeedRequest,
    body: { bytes: Uint8Array; contentType: string | null; handOver: boolean },
    finalUrl: string,
  ): Promise<NormalisedFeed> => {
    const seenAt = deps.clock?.now().toISOString();
    const parseStarted = performance.now();
    // Counted before the parse: handed over, the bytes are gone from here once it starts.
    const bytes = body.bytes.byteLength;
    const parsed = await parseFeedBody(body, parseOptions);
    deps.metrics?.parsed({
      bytes,
      seconds: (performance.now() - parseStarted) / 1000,
    });
    let feed: NormalisedFeed;
    try {
      feed = normaliseFeed(parsed, {
        baseUrl: finalUrl,
        sourceName: request.sourceName,
        ...(seenAt === undefined ? {} : { seenAt }),
        language: request.language ?? null,
      });
    } catch (cause) {
      // Normalising is pure and total; anything thrown here is a bug, still reported as a feed error.
      if (cause instanceof AppError) throw cause;
      throw new FeedError("malformed", "the feed could not be normalised", { cause });
    }
    if (feed.unreadableDates !== undefined && !toldBadDates.has(request.url)) {
      toldBadDates.add(request.url);
      deps.logger?.warn(
        { feedUrl: request.url, code: "bad_date", ...feed.unreadableDates },
        "feed dates not understood: those items are dated when first seen",
      );
    }
    return feed;
  };
  return {
    async readPushed(request: FeedRequest, bytes: Uint8Array, contentType: string | null) {
      // A hub's delivery is decoded like a fetched body (BOM, HTTP charset, XML declaration);
      // the caller keeps its bytes, so they are copied to the worker.
      const feed = await readDocument(request, { bytes, contentType, handOver: false }, request.url);
      return { kind: "ok", status: 200, etag: null, lastModified: null, cache: NO_HINTS, feed };
    },
    async read(request: FeedRequest): Promise<FeedReadResult> {
      const response = await deps.fetcher.fetch({
        url: request.url,
        etag: request.etag,
        lastModified: request.lastModified,
        trusted: request.trusted,
      });
      if (response.kind === "not_modified") {
        return { kind: "not_modified", status: 304, cache: response.cache };
      }
      const feed = withHeaderHub(
        await readDocument(
          request,
          { bytes: response.body, contentType: response.contentType, handOver: true },
          response.finalUrl,
        ),
        response.links,
        response.finalUrl,
      );
      return {
        kind: "ok",
        status: response.status,
        etag: response.etag,
        lastModified: response.lastModified,
        cache: response.cache,
        feed,
      };
    },
  };
}

/**
 * WebSub discovery: a hub in the HTTP `Link` header wins over the document's (it is what the
 * publisher's server says for every format), its `self` with it; URLs resolved, http(s) only.
 */
function withHeaderHub(
  feed: NormalisedFeed,
  links: HeaderLinks | undefined,
  finalUrl: string,
): NormalisedFeed {
  const hub = absolute(links?.hub ?? null, finalUrl);
  if (hub === null) return feed;
  const self = absolute(links?.self ?? null, finalUrl) ?? feed.feed.self ?? null;
  return { ...feed, feed: { ...feed.feed, hub, ...(self === null ? {} : { self }) } };
}

function absolute(raw: string | null, base: string): string | null {
  if (raw === null) return null;
  try {
    const url = new URL(raw, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}
