/**
 * The feed fetcher: conditional GET through undici with redirects followed by hand, so
 * each hop goes through the SSRF guard, the per-host Retry-After memory and a pinned
 * connection. One deadline covers the whole fetch (all hops, DNS and body); the header
 * timeout covers each hop's wait for the status line. Every rejection is a `FeedError`.
 */
import { Agent, request } from "undici";
import { FeedError } from "../../core/errors.ts";
import { readBody, tooLarge } from "./body.ts";
import { type HeaderBag, header, parseCacheHints } from "./cache-hints.ts";
import { readFileFeed } from "./file.ts";
import {
  defaultResolver,
  type GuardPolicy,
  pinnedLookup,
  type ResolvedAddress,
  resolveHost,
  vetUrl,
} from "./guard.ts";
import { createLimiter } from "./limiter.ts";
import { parseLinkHeader } from "./link-header.ts";
import { createRetryMemory } from "./retry-memory.ts";
import type { Fetcher, FetchOptions, FetchRequest, FetchResponse } from "./types.ts";
import { basicAuthorization, withoutUserinfo } from "./userinfo.ts";

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8";

/**
 * `createFetcher` with an explicit address policy; only tests pass anything but the default.
 * `testCa` replaces the trusted certificate authorities so tests can serve HTTPS on loopback.
 */
export function createGuardedFetcher(
  options: FetchOptions,
  policy: GuardPolicy,
  testCa?: string | Buffer,
): Fetcher {
  const now = options.now ?? Date.now;
  const limiter = createLimiter(options.perHostConcurrency, options.globalConcurrency);
  const retryMemory = createRetryMemory(now);
  const agents = new Set<Agent>();
  // Tearing an agent down takes a few ms; the fetch does not wait for it, close() does.
  const teardowns = new Set<Promise<void>>();
  let trusted: { agent: Agent; pins: Map<string, ResolvedAddress> } | null = null;
  let closed = false;

  async function fetchHttp(req: FetchRequest, first: URL): Promise<FetchResponse> {
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new FeedError("timeout", "the feed took too long to answer")),
      options.totalTimeoutMs,
    );
    // A trusted (config) feed's fetch reuses the shared agent's kept-alive connections: the
    // address policy does not apply to it, so a pooled socket vets nothing less. Any other
    // fetch gets its own agent, so its socket only ever reaches the address vetted for it.
    const shared = req.trusted ? trustedAgent() : null;
    const pins = shared?.pins ?? new Map<string, ResolvedAddress>();
    const agent = shared?.agent ?? newAgent(pins);
    if (shared === null) agents.add(agent);
    try {
      let url = first;
      for (let hop = 0; ; hop += 1) {
        vetUrl(url, req.trusted, policy);
        const waitSeconds = retryMemory.remaining(url.hostname);
        if (waitSeconds !== null) {
          throw new FeedError("http_status", "the server asked us to wait", {
            status: 429,
            retryAfterSeconds: waitSeconds,
          });
        }
        const address = await abortable(
          resolveHost(url.hostname, req.trusted, options.resolver ?? defaultResolver, policy),
          deadline.signal,
        );
        pins.set(url.hostname.replace(/^\[|\]$/g, "").toLowerCase(), address);

        const authorization = basicAuthorization(first, url);
        url = withoutUserinfo(url);
        const res = await request(url, {
          method: "GET",
          dispatcher: agent,
          signal: deadline.signal,
          headers: {
            ...requestHeaders(req, options.userAgent),
            ...(authorization === null ? {} : { authorization }),
          },
          headersTimeout: options.headersTimeoutMs,
          bodyTimeout: options.totalTimeoutMs,
        });
        const headers = res.headers as HeaderBag;
        const location = header(headers, "location");
        if (REDIRECTS.has(res.statusCode) && location !== null) {
          discard(res.body);
          if (hop >= options.maxRedirects) throw new FeedError("too_many_redirects", "too many redirects");
          url = parseUrl(location, url);
          continue;
        }
        const cache = parseCacheHints(headers, now());
        if (res.statusCode === 304) {
          discard(res.body);
          return { kind: "not_modified", status: 304, cache };
        }
        if (res.statusCode < 200 || res.statusCode > 299) {
          discard(res.body);
          const retryAfter =
            res.statusCode === 429 || res.statusCode === 503 ? cache.retryAfterSeconds : null;
          if (retryAfter !== null && retryAfter > 0) retryMemory.remember(url.hostname, retryAfter);
          throw new FeedError("http_status", `the server answered HTTP ${res.statusCode}`, {
            status: res.statusCode,
            ...(retryAfter === null ? {} : { retryAfterSeconds: retryAfter }),
          });
        }
        const length = Number(header(headers, "content-length") ?? Number.NaN);
        if (header(headers, "content-encoding") === null && length > options.maxBodyBytes) {
          discard(res.body);
          throw tooLarge(options.maxBodyBytes);
        }
        const body = await readBody(
          res.body,
          header(headers, "content-encoding"),
          options.maxBodyBytes,
          Number.isSafeInteger(length) && length >= 0 ? length : null,
        );
        return {
          kind: "ok",
          status: res.statusCode,
          finalUrl: url.href,
          contentType: header(headers, "content-type"),
          body,
          etag: header(headers, "etag"),
          lastModified: header(headers, "last-modified"),
          cache,
          links: parseLinkHeader(header(headers, "link")),
        };
      }
    } catch (error) {
      throw toFeedError(error, deadline.signal);
    } finally {
      clearTimeout(timer);
      if (shared === null) release(agent);
    }
  }

  function newAgent(pins: Map<string, ResolvedAddress>): Agent {
    return new Agent({
      connect: {
        lookup: pinnedLookup(pins),
        timeout: options.headersTimeoutMs,
        ...(testCa === undefined ? {} : { ca: testCa }),
      },
      headersTimeout: options.headersTimeoutMs,
      bodyTimeout: options.totalTimeoutMs,
    });
  }

  /** The agent of trusted fetches, created on first use; close() destroys it. */
  function trustedAgent(): { agent: Agent; pins: Map<string, ResolvedAddress> } {
    if (trusted === null) {
      const pins = new Map<string, ResolvedAddress>();
      trusted = { agent: newAgent(pins), pins };
      agents.add(trusted.agent);
    }
    return trusted;
  }

  function release(agent: Agent): void {
    agents.delete(agent);
    const teardown = agent.destroy().catch(() => {});
    teardowns.add(teardown);
    void teardown.finally(() => teardowns.delete(teardown));
  }

  return {
    async fetch(req) {
      if (closed) throw new FeedError("network", "the fetcher is closed");
      const url = parseUrl(req.url, undefined);
      if (url.protocol === "file:") {
        if (!req.trusted) throw new FeedError("blocked_address", "this address is not allowed");
        return readFileFeed(url, options.maxBodyBytes);
      }
      vetUrl(url, req.trusted, policy);
      return limiter.run(url.hostname, () => fetchHttp(req, url));
    },
    async close() {
      closed = true;
      await Promise.all([...[...agents].map((agent) => agent.destroy().catch(() => {})), ...teardowns]);
    },
  };
}

/** Drops a body we will not read; its abort error has nowhere useful to go. */
function discard(body: { on(event: "error", listener: () => void): unknown; destroy(): unknown }): void {
  body.on("error", () => {});
  body.destroy();
}

function requestHeaders(req: FetchRequest, userAgent: string): Record<string, string> {
  const headers: Record<string, string> = {
    "user-agent": userAgent,
    accept: ACCEPT,
    "accept-encoding": "gzip, deflate, br",
  };
  if (req.etag !== null) headers["if-none-match"] = req.etag;
  if (req.lastModified !== null) headers["if-modified-since"] = req.lastModified;
  return headers;
}

function parseUrl(text: string, base: URL | undefined): URL {
  try {
    return new URL(text, base);
  } catch (cause) {
    throw new FeedError("bad_url", "the feed URL is not valid", { cause });
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CONNECT_TIMEOUT"]);

/** Connection details stay in `cause` for the logs; the message is safe to show. */
function toFeedError(error: unknown, signal: AbortSignal): FeedError {
  if (error instanceof FeedError) return error;
  if (signal.aborted && signal.reason instanceof FeedError) return signal.reason;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && TIMEOUT_CODES.has(code)) {
    return new FeedError("timeout", "the feed took too long to answer", { cause: error });
  }
  return new FeedError("network", "could not connect to the feed's server", { cause: error });
}
