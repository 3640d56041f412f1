/**
 * The one HTTP server on PORT: `/healthz` for the container's health check (the process
 * answers), `/readyz` for readiness (the store answers, the chat connections are up),
 * `/metrics` for Prometheus (text format, GET only), Slack's
 * events and commands at `/slack/events` (Bolt's default path, Bolt verifies), in Slack
 * distribution mode the install page `/slack/install` and `/slack/oauth_redirect` (GET), Discord
 * interactions at `/discord/interactions` (verified in chat/discord/interactions.ts), WebSub
 * hub callbacks at `/websub/<token>` when a public URL is configured (websub/callback.ts).
 * Each platform route exists only when that platform runs in HTTP mode.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpServerDeps {
  port: number;
  /** Interface to bind; all interfaces when absent (a container publishes the port). */
  host?: string;
  slack?: HttpHandler;
  /** Slack distribution: the install page and the OAuth redirect (Bolt's installer). */
  slackInstall?: HttpHandler;
  discord?: HttpHandler;
  health: () => Promise<{ ok: boolean; detail: object }>;
  /** `/readyz`: 200 when ready, 503 with the reasons when not; absent → 404. */
  ready?: () => Promise<{ ok: boolean; detail: object }>;
  /** `/metrics`: the Prometheus text format; absent → 404. */
  metrics?: () => Promise<{ contentType: string; body: string }>;
  /** WebSub callbacks under `/websub/<token>` (GET verification, POST content); absent → 404. */
  websub?: HttpHandler;
}

export const ROUTES = {
  health: "/healthz",
  ready: "/readyz",
  metrics: "/metrics",
  slack: "/slack/events",
  slackInstall: "/slack/install",
  slackRedirect: "/slack/oauth_redirect",
  discord: "/discord/interactions",
  websubPrefix: "/websub/",
} as const;

/** How long requests in flight at shutdown may take before their sockets are closed. */
const CLOSE_GRACE_MS = 2_000;

export function createHttpServer(deps: HttpServerDeps): {
  listen(): Promise<number>;
  close(): Promise<void>;
} {
  const server = createServer((req, res) => {
    route(deps, req, res).catch(() => {
      if (!res.headersSent) json(res, 500, { error: "internal error" });
      else res.destroy();
    });
  });
  // Slow clients may not hold sockets open forever; platforms answer well within this.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  return {
    listen: () =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(deps.port, deps.host, () => {
          server.off("error", reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: () =>
      new Promise((resolve, reject) => {
        if (!server.listening) return resolve();
        // A keep-alive socket that turns idle just after this is not closed by
        // closeIdleConnections: in-flight requests get a grace period, then every socket goes.
        const cutOff = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
        server.close((error) => {
          clearTimeout(cutOff);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

async function route(deps: HttpServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? "/").split("?")[0];
  if (path === ROUTES.health && (req.method === "GET" || req.method === "HEAD")) {
    const health = await deps
      .health()
      .catch((error: unknown) => ({ ok: false, detail: { error: String(error) } }));
    return json(res, health.ok ? 200 : 503, { ok: health.ok, ...health.detail });
  }
  if (path === ROUTES.ready && deps.ready !== undefined && (req.method === "GET" || req.method === "HEAD")) {
    const ready = await deps
      .ready()
      .catch((error: unknown) => ({ ok: false, detail: { error: String(error) } }));
    return json(res, ready.ok ? 200 : 503, { ok: ready.ok, ...ready.detail });
  }
  if (path === ROUTES.metrics && deps.metrics !== undefined && req.method === "GET") {
    const { contentType, body } = await deps.metrics();
    res.writeHead(200, { "content-type": contentType, "content-length": Buffer.byteLength(body) });
    return void res.end(body);
  }
  if (deps.websub !== undefined && path?.startsWith(ROUTES.websubPrefix)) {
    if (req.method === "GET" || req.method === "POST") return deps.websub(req, res);
    res.setHeader("allow", "GET, POST");
    return json(res, 405, { error: "method not allowed" });
  }
  if (deps.slackInstall !== undefined && (path === ROUTES.slackInstall || path === ROUTES.slackRedirect)) {
    if (req.method === "GET") return deps.slackInstall(req, res);
    res.setHeader("allow", "GET");
    return json(res, 405, { error: "method not allowed" });
  }
  const handler = path === ROUTES.slack ? deps.slack : path === ROUTES.discord ? deps.discord : undefined;
  if (handler === undefined) return json(res, 404, { error: "not found" });
  if (req.method !== "POST") {
    res.setHeader("allow", "POST");
    return json(res, 405, { error: "method not allowed" });
  }
  await handler(req, res);
}

function json(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}
