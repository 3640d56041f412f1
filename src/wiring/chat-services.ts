/**
 * The HTTP server (health, Slack events, Discord interactions) and the chat command
 * transports, as services the run loop starts and stops. A platform's commands run only
 * when its credentials are set; the server always runs (the container health check).
 */
import { createDiscordCommands } from "../chat/discord/commands.ts";
import { createSlackCommands } from "../chat/slack/commands.ts";
import { destinationOf } from "../core/commands/scope.ts";
import type { Actor, CommandContext, DigestTrigger } from "../core/commands/types.ts";
import { channelLocale } from "../core/topic-locale.ts";
import { createFeedFinder } from "../feeds/discover.ts";
import type { App } from "../main.ts";
import { sendDigestNow } from "../pipeline/send-digests.ts";
import { createHttpServer } from "../server/index.ts";
import { digestTargets } from "./digest-targets.ts";

export interface Service {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A readiness check of the store gives up after this long (an unreachable database hangs). */
const STORE_CHECK_MS = 2_000;

export function commandContext(app: App): (actor: Actor) => CommandContext {
  const { config } = app;
  const digests: DigestTrigger = {
    async sendNow(destination, topicName) {
      const topics = (await app.topics()).filter(
        (t) =>
          (topicName === null || t.name === topicName) && t.notify.some((n) => n.channel === destination),
      );
      const target = digestTargets(topics, app.clock.now().toISOString()).find(
        (t) => t.destination === destination,
      );
      if (!target) return 0;
      const topicIds = topicName === null ? null : topics.map((t) => t.id);
      return sendDigestNow(app, { ...target, topicIds });
    },
  };
  const feedFinder = createFeedFinder({ fetcher: app.fetcher, source: app.pollDeps.source });
  return (actor) => ({
    store: app.store,
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
    digests,
    feedFinder,
    locale: channelLocale(config.topics, destinationOf(actor), config.locale),
    timezone: config.timezone,
  });
}

export function chatServices(app: App): Service[] {
  const { env } = app.config;
  const context = commandContext(app);
  const services: Service[] = [];
  const slack =
    env.slackBotToken && (env.slackAppToken || env.slackSigningSecret)
      ? createSlackCommands({
          botToken: env.slackBotToken,
          signingSecret: env.slackSigningSecret ?? "",
          appToken: env.slackAppToken ?? undefined,
          apiUrl: env.slackApiUrl ?? undefined,
          admins: app.config.slack.admins,
          context,
          logger: app.logger,
          ledger: app.store,
        })
      : null;
  const discord =
    env.discordToken && env.discordApplicationId
      ? createDiscordCommands({
          token: env.discordToken,
          applicationId: env.discordApplicationId,
          publicKey: env.discordPublicKey ?? undefined,
          apiUrl: env.discordApiUrl ?? undefined,
          context,
          logger: app.logger,
          ledger: app.store,
        })
      : null;
  if (env.slackBotToken && !slack) {
    app.logger.warn(
      {},
      "Slack commands are off: set SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)",
    );
  }
  if (env.discordToken && !discord)
    app.logger.warn({}, "Discord commands are off: set DISCORD_APPLICATION_ID");

  // Slack's start() resolves once it is connected (Socket Mode) or listening (HTTP mode).
  let slackStarted = false;
  const server = createHttpServer({
    port: env.port,
    slack: slack?.http,
    discord: discord?.http,
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
      const chat = {
        ...(slack ? { slack: slackStarted } : {}),
        ...(discord ? { discord: discord.connected() } : {}),
      };
      return { ok: store && Object.values(chat).every(Boolean), detail: { store, ...chat } };
    },
  });
  services.push({
    async start() {
      const port = await server.listen();
      app.logger.info({ port }, "http server listening (/healthz, /slack/events, /discord/interactions)");
    },
    stop: () => server.close(),
  });
  if (slack) {
    services.push({
      async start() {
        await slack.start();
        slackStarted = true;
      },
      async stop() {
        slackStarted = false;
        await slack.stop();
      },
    });
  }
  if (discord) services.push(discord);
  return services;
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
