/**
 * A scripted feed server on loopback for tests: each path answers with a scripted response
 * (status, headers, body, compression, delays, redirects, slow drip, oversize) and every
 * request is logged so tests can assert on what the fetcher actually sent.
 *
 *   const server = await startFeedServer();
 *   server.route("/feed.xml", conditionalRoute({ body: rss, etag: '"v1"' }));
 *   await fetcher.fetch({ url: server.url("/feed.xml"), … });
 *   server.requestsTo("/feed.xml")[1]?.headers["if-none-match"]; // '"v1"'
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";

export interface RouteResponse {
  /** Default 200, or 302 with `redirect`. */
  status?: number;
  /** Header names are case-insensitive here: `Content-type` replaces the default content type. */
  headers?: Record<string, string | string[]>;
  /** Default `application/rss+xml`; null sends no Content-Type at all. */
  contentType?: string | null;
  body?: string | Uint8Array;
  /** Compress the payload and set `Content-Encoding`. `deflate-raw` sends raw deflate as `deflate`. */
  compress?: "gzip" | "deflate" | "deflate-raw" | "br";
  /** Wait before sending the status line (header timeout tests). */
  delayMs?: number;
  /** Send the payload in chunks with a pause between them (slow drip). */
  drip?: { chunkBytes: number; intervalMs: number };
  /** Append this many filler bytes (`x`) to the body (oversize, compression bombs). */
  fillBytes?: number;
  /** Send no Content-Length (chunked), so the client must count as it reads. */
  chunked?: boolean;
  /** `Location` header; status defaults to 302. */
  redirect?: string;
  /** Drop the connection without answering. */
  hangUp?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** The path and query as requested (`/feed.xml?token=…`). */
  target: string;
  headers: IncomingHttpHeaders;
  /** Date.now() when the request arrived. */
  at: number;
}

/** A fixed response, a sequence (the last one repeats), or a function of the request. */
export type RouteHandler =
  | RouteResponse
  | RouteResponse[]
  | ((request: RecordedRequest, index: number) => RouteResponse);

export interface FeedServer {
  readonly host: string;
  readonly port: number;
  /** `http://127.0.0.1:1234` (IPv6 hosts in brackets). */
  readonly origin: string;
  url(path: string): string;
  route(path: string, handler: RouteHandler): void;
  readonly requests: RecordedRequest[];
  requestsTo(path: string): RecordedRequest[];
  /** TCP connections accepted so far (canary tests assert this stays 0). */
  readonly connections: number;
  /** The most requests that were being answered at the same time (concurrency limit tests). */
  readonly peakInFlight: number;
  close(): Promise<void>;
}

export async function startFeedServer(
  options: { host?: string; port?: number; routes?: Record<string, RouteHandler> } = {},
): Promise<FeedServer> {
  const host = options.host ?? "127.0.0.1";
  const routes = new Map<string, RouteHandler>(Object.entries(options.routes ?? {}));
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let connections = 0;
  let inFlight = 0;
  let peakInFlight = 0;

  const later = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path,
      target: req.url ?? "/",
      headers: req.headers,
      at: Date.now(),
    };
    requests.push(recorded);
    inFlight += 1;
    peakInFlight = Math.max(peakInFlight, inFlight);
    res.on("close", () => {
      inFlight -= 1;
    });
    const index = requests.filter((r) => r.path === path).length - 1;
    const handler = routes.get(path);
    const response =
      handler === undefined ? { status: 404, body: "not found" } : pick(handler, recorded, index);
    respond(res, response, later).catch(() => res.destroy());
  });
  server.on("connection", (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  return {
    host,
    port,
    origin,
    url: (path) => `${origin}${path}`,
    route: (path, handler) => {
      routes.set(path, handler);
    },
    requests,
    requestsTo: (path) => requests.filter((r) => r.path === path),
    get connections() {
      return connections;
    },
    get peakInFlight() {
      return peakInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** 200 with validators, then 304 whenever the request carries a matching validator. */
export function conditionalRoute(options: {
  body: string | Uint8Array;
  etag?: string;
  lastModified?: string;
  headers?: Record<string, string>;
}): RouteHandler {
  return (request) => {
    const validators: Record<string, string> = {};
    if (options.etag !== undefined) validators.etag = options.etag;
    if (options.lastModified !== undefined) validators["last-modified"] = options.lastModified;
    const etagMatches = options.etag !== undefined && request.headers["if-none-match"] === options.etag;
    const dateMatches =
      options.lastModified !== undefined && request.headers["if-modified-since"] === options.lastModified;
    if (etagMatches || dateMatches) return { status: 304, headers: validators };
    return { status: 200, headers: { ...options.headers, ...validators }, body: options.body };
  };
}

function pick(handler: RouteHandler, request: RecordedRequest, index: number): RouteResponse {
  if (typeof handler === "function") return handler(request, index);
  if (Array.isArray(handler)) return handler[Math.min(index, handler.length - 1)] ?? { status: 500 };
  return handler;
}

async function respond(
  res: ServerResponse,
  response: RouteResponse,
  later: (ms: number) => Promise<void>,
): Promise<void> {
  if (response.delayMs !== undefined) await later(response.delayMs);
  if (response.hangUp === true) {
    res.socket?.destroy();
    return;
  }
  let payload: Buffer = toBuffer(response.body ?? "");
  if (response.fillBytes !== undefined)
    payload = Buffer.concat([payload, Buffer.alloc(response.fillBytes, "x")]);
  const headers: Record<string, string | string[]> = {};
  const contentType = response.contentType === undefined ? "application/rss+xml" : response.contentType;
  if (contentType !== null) headers["content-type"] = contentType;
  for (const [name, value] of Object.entries(response.headers ?? {})) headers[name.toLowerCase()] = value;
  if (response.compress !== undefined) {
    payload = compress(payload, response.compress);
    headers["content-encoding"] = response.compress === "deflate-raw" ? "deflate" : response.compress;
  }
  if (response.redirect !== undefined) headers.location = response.redirect;
  if (response.chunked !== true) headers["content-length"] = String(payload.byteLength);
  const status = response.status ?? (response.redirect !== undefined ? 302 : 200);
  res.writeHead(status, headers);
  if (response.drip === undefined || status === 304) {
    res.end(status === 304 ? undefined : payload);
    return;
  }
  const { chunkBytes, intervalMs } = response.drip;
  for (let offset = 0; offset < payload.byteLength; offset += chunkBytes) {
    if (res.destroyed) return;
    res.write(payload.subarray(offset, offset + chunkBytes));
    await later(intervalMs);
  }
  res.end();
}

function toBuffer(body: string | Uint8Array): Buffer {
  return typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);
}

function compress(payload: Buffer, kind: NonNullable<RouteResponse["compress"]>): Buffer {
  switch (kind) {
    case "gzip":
      return gzipSync(payload);
    case "deflate":
      return deflateSync(payload);
    case "deflate-raw":
      return deflateRawSync(payload);
    case "br":
      return brotliCompressSync(payload);
  }
}
