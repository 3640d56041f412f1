/**
 * The guarded feed fetcher: conditional GET, decompression, size cap, timeouts, redirects,
 * Retry-After, concurrency limits and, for untrusted URLs, the SSRF guard. Bodies come back
 * as bytes; `decodeBody` (charset detection) runs where they are parsed, in the parse worker.
 */

import { createGuardedFetcher } from "./fetcher.ts";
import { defaultGuardPolicy } from "./guard.ts";
import type { Fetcher, FetchOptions } from "./types.ts";

export { decodeBody } from "./charset.ts";
export type { ResolvedAddress, Resolver } from "./guard.ts";
export type { Fetcher, FetchOptions, FetchRequest, FetchResponse } from "./types.ts";

export const DEFAULT_FETCH_OPTIONS: FetchOptions = {
  userAgent: "Wirewatch/0.1 (+https://github.com/wirewatch/wirewatch)",
  maxBodyBytes: 5 * 1024 * 1024,
  headersTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxRedirects: 5,
  perHostConcurrency: 2,
  globalConcurrency: 16,
};

export function createFetcher(options?: Partial<FetchOptions>): Fetcher {
  // An option passed as `undefined` (an unset config value) keeps its default.
  const given = Object.fromEntries(Object.entries(options ?? {}).filter(([, value]) => value !== undefined));
  return createGuardedFetcher({ ...DEFAULT_FETCH_OPTIONS, ...given }, defaultGuardPolicy);
}
