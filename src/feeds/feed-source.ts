/**
 * The FeedSource port: fetch (conditional GET, decoding) → parse (worker, kill timeout)
 * → normalise. A 304 costs no parse. Every failure is a typed FeedError.
 */
import { AppError, FeedError } from "../core/errors.ts";
import type { NormalisedFeed } from "../core/item.ts";
import type { FeedReadResult, FeedRequest, FeedSource } from "../core/ports.ts";
import type { Fetcher } from "./fetch/index.ts";
import { normaliseFeed } from "./normalise/index.ts";
import { parseFeed } from "./parse/index.ts";

export interface FeedSourceDeps {
  fetcher: Fetcher;
  /** Kill timeout of one parse; default 10 s. */
  parseTimeoutMs?: number;
}

export function createFeedSource(deps: FeedSourceDeps): FeedSource {
  const parseOptions = deps.parseTimeoutMs === undefined ? {} : { timeoutMs: deps.parseTimeoutMs };
  return {
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
      const parsed = await parseFeed(response.text, parseOptions);
      let feed: NormalisedFeed;
      try {
        feed = normaliseFeed(parsed, {
          baseUrl: response.finalUrl,
          sourceName: request.sourceName,
          identity: request.identity,
          language: request.language ?? null,
        });
      } catch (cause) {
        // Normalising is pure and total; anything thrown here is a bug, still reported as a feed error.
        if (cause instanceof AppError) throw cause;
        throw new FeedError("malformed", "the feed could not be normalised", { cause });
      }
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
