/**
 * The HTTP server (health, Slack events, Discord interactions) and the chat command
 * transports, as services the run loop starts and stops. Each platform of the App's list
 * brings its own transport (null when its credentials for commands are incomplete); the
 * server always runs (the container health check).
 */
import type { HttpRoutes, PlatformCommands } from "../chat/platform.ts";
import { destinationOf } from "../core/commands/scope.ts";
import type { Actor, CommandContext } from "../core/commands/types.ts";
import { channelLocale } from "../core/topic-locale.ts";
import type { App } from "../main.ts";
import { createHttpServer } from "../server/index.ts";

export interface Service {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A readiness check of the store gives up after this long (an unreachable database hangs). */
const STORE_CHECK_MS = 2_000;

export function commandContext(app: App): (actor: Actor) => CommandContext {
  const { config } = app;
  return (actor) => ({
    store: app.store,
    feeds: app.store,
    feedSource: app.pollDeps.source,
    clock: app.clock,
    actor,
    seeds: { topics: config.topics, feeds: config.feeds.map((f) => ({ url: f.url, name: f.name })) },
    quotas: {
      feedsPerWorkspace: config.quotas.feedsPerWorkspace,
      topicsPerChannel: config.quotas.topicsPerChannel,
      feedAdditionsPerUserPerHour: config.quotas.feedAddsPerUserPerHour,
    },
    aliases: config.aliases,
    feedEverySeconds: config.poll.everySeconds,
    templates: Object.keys(config.templates),
    digests: app.digests,
    feedFinder: app.feedFinder,
    locale: channelLocale(config.topics, destinationOf(actor), config.locale),
    timezone: config.timezone,
  });
}

export function chatServices(app: App): Service[] {
  const context = commandContext(app);
  const transports: { platform: string; commands: PlatformCommands }[] = [];
  for (const platform of app.platforms) {
    const commands = platform.commands?.(context) ?? null;
    if (commands !== null) transports.push({ platform: platform.platform, commands });
  }
  const routes: HttpRoutes = Object.assign({}, ...transports.map((t) => t.commands.http));
  const server = createHttpServer({
    port: app.config.env.port,
    ...routes,
    metrics: () => app.metrics.scrape(),
    ...(app.websub ? { websub: app.websub.callback.handle } : {}),
    health: async () => {
      const feeds = await app.store.listFeeds();
      return {
        ok: true,
        detail: { feeds: feeds.length, failing: feeds.filter((f) => f.consecutiveErrors > 0).length },
      };
    },
    ready: async () => {
      const store = await storeAnswers(app);
      const chat = Object.fromEntries(transports.map((t) => [t.platform, t.commands.connected()]));
      return { ok: store && Object.values(chat).every(Boolean), detail: { store, ...chat } };
    },
  });
  return [
    {
      async start() {
        const port = await server.listen();
        app.logger.info({ port }, "http server listening (/healthz, /slack/events, /discord/interactions)");
      },
      stop: () => server.close(),
    },
    ...transports.map((t) => t.commands),
  ];
}

async function storeAnswers(app: App): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), STORE_CHECK_MS);
  });
  const check = app.store.parkedDestinations().then(
    () => true,
    () => false,
  );
  return Promise.race([check, timeout]).finally(() => clearTimeout(timer));
}
