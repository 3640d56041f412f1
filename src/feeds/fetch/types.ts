import type { CacheHints } from "../../core/ports.ts";
import type { Resolver } from "./guard.ts";
import type { HeaderLinks } from "./link-header.ts";

export interface FetchOptions {
  /** e.g. "Wirewatch/0.1 (+https://github.com/wirewatch/wirewatch)" */
  userAgent: string;
  /** Counted after decompression; a larger body is `too_large`, never truncated. */
  maxBodyBytes: number;
  headersTimeoutMs: number;
  /** The whole fetch: every hop, DNS and the body. */
  totalTimeoutMs: number;
  maxRedirects: number;
  perHostConcurrency: number;
  globalConcurrency: number;
  /** Injectable DNS; default `dns.lookup` with `all: true`. */
  resolver?: Resolver;
  /** Injectable clock (ms) for the Retry-After memory. */
  now?: () => number;
}

export interface FetchRequest {
  url: string;
  etag: string | null;
  lastModified: string | null;
  /** Operator config: `file:` and private addresses allowed. Chat: guarded. */
  trusted: boolean;
}

export type FetchResponse =
  | { kind: "not_modified"; status: 304; cache: CacheHints }
  | {
      kind: "ok";
      status: number;
      finalUrl: string;
      contentType: string | null;
      /**
       * The body as received (decompressed, not decoded): the parse worker decodes it
       * (charset.ts), so the main thread never holds a multi-megabyte decoded copy.
       */
      body: Uint8Array;
      etag: string | null;
      lastModified: string | null;
      cache: CacheHints;
      /** WebSub `Link: <…>; rel="hub"` / `rel="self"` response headers, as written. */
      links?: HeaderLinks;
    };

/** Rejects only with `FeedError`. */
export interface Fetcher {
  fetch(req: FetchRequest): Promise<FetchResponse>;
  close(): Promise<void>;
}
