/**
 * `/wirewatch` on Slack through Bolt. Socket Mode when an app token is given, otherwise
 * Bolt's HTTP receiver, whose request listener the shared HTTP server mounts at
 * `/slack/events` (Bolt verifies the signature and the 5-minute window before any
 * listener runs; a bad request gets 401 and reaches no handler). A validly signed request
 * seen before (a replay, or Slack's retry of one that acted) is acknowledged and does
 * nothing (replay.ts).
 *
 * Every command is acknowledged first, with nothing, then answered through the
 * response URL: privately for errors, lookups and refusals, in the channel for changes.
 * Admin rights are read from `users.info` on every change, never cached.
 *
 * One workspace (`botToken`) or many (`distribution`, oauth.ts): then Bolt authorizes each
 * request with its workspace's installation, and the install flow is served by `install`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  App,
  HTTPReceiver,
  isValidSlackRequest,
  LogLevel,
  type RespondFn,
  type SlashCommand,
  SocketModeReceiver,
  type webApi,
} from "@slack/bolt";
import { runCommand } from "../../core/commands/dispatch.ts";
import { parseCommandText } from "../../core/commands/parse-text.ts";
import { COMMAND_SPECS, COMMANDS } from "../../core/commands/registry.ts";
import { errorReply } from "../../core/commands/reply.ts";
import type { Actor, CommandContext } from "../../core/commands/types.ts";
import { ROOT } from "../../core/commands/usage.ts";
import { replyLocale } from "../../core/commands/user-text.ts";
import { t, toLocale } from "../../core/i18n/index.ts";
import type { Message } from "../../core/message.ts";
import type { Clock, Logger, RequestLedger } from "../../core/ports.ts";
import { type ActionActorSource, registerSlackActions } from "./actions.ts";
import { slackDirectChannels } from "./direct.ts";
import { installerOptions, listenForUninstalls, type SlackDistribution } from "./oauth.ts";
import { renderSlack } from "./render.ts";
import { firstTime, slackRequestKeys } from "./replay.ts";
import { createUserLocaleCache, type UserLocaleCache } from "./user-locale.ts";

export type SlackHttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface SlackCommandsDeps {
  /** SLACK_BOT_TOKEN: one workspace. Exactly one of `botToken` and `distribution` is given. */
  botToken?: string;
  /** Many workspaces, each with its own installation (oauth.ts); HTTP mode only. */
  distribution?: SlackDistribution;
  signingSecret: string;
  /** SLACK_APP_TOKEN: Socket Mode instead of HTTP. */
  appToken?: string;
  /** SLACK_API_URL */
  apiUrl?: string;
  /** `slack.admins` from the config: user ids allowed to change configuration besides workspace admins. */
  admins: string[];
  context: (actor: Actor) => CommandContext;
  logger: Logger;
  /** For the request-timestamp window; the system clock by default. */
  clock?: Clock;
  /** Requests already handled, shared by every instance (the store). */
  ledger: RequestLedger;
  /** Users' languages from `users.info`; a fresh cache (6 h TTL) by default. */
  userLocales?: UserLocaleCache;
}

export const SLACK_EVENTS_PATH = "/slack/events";
const WINDOW_SECONDS = 300;
/** Bolt's own default body limit. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Bolt refuses stale timestamps but not ones from the future; Slack's rule is a window
 * both ways, so a request dated more than 5 minutes ahead is refused before Bolt sees it.
 */
function fromTheFuture(req: IncomingMessage, nowMs: number): boolean {
  const ts = Number(req.headers["x-slack-request-timestamp"]);
  return Number.isFinite(ts) && ts - Math.floor(nowMs / 1000) > WINDOW_SECONDS;
}

/** The whole check the HTTP path applies: Bolt's signature and staleness check plus the future bound. */
export function slackRequestIsValid(input: {
  signingSecret: string;
  body: string;
  signature: string;
  timestamp: string;
  nowMs: number;
}): boolean {
  if (Number(input.timestamp) - Math.floor(input.nowMs / 1000) > WINDOW_SECONDS) return false;
  return isValidSlackRequest({
    signingSecret: input.signingSecret,
    body: input.body,
    headers: { "x-slack-signature": input.signature, "x-slack-request-timestamp": Number(input.timestamp) },
    nowMilliseconds: input.nowMs,
  });
}

export function createSlackCommands(deps: SlackCommandsDeps): {
  http?: SlackHttpHandler;
  /** GET /slack/install and /slack/oauth_redirect, in distribution mode. */
  install?: SlackHttpHandler;
  start(): Promise<void>;
  stop(): Promise<void>;
} {
  const logger = boltLogger(deps.logger);
  // A user is waiting on users.info: a couple of quick retries, not the client's 30-minute default.
  const clientOptions = {
    slackApiUrl: withSlash(deps.apiUrl ?? "https://slack.com/api/"),
    logger,
    retryConfig: { retries: 2, maxTimeout: 2_000 },
    timeout: 5_000,
  };
  const distribution = deps.distribution;
  const receiver =
    deps.appToken === undefined
      ? new HTTPReceiver({
          signingSecret: deps.signingSecret,
          endpoints: [SLACK_EVENTS_PATH],
          logger,
          ...(distribution === undefined ? {} : installerOptions(distribution, clientOptions.slackApiUrl)),
        })
      : undefined;
  // Socket Mode's own client keeps its default retries: short ones would give up on
  // apps.connections.open within seconds when Slack asks for a reconnect during an outage,
  // and the socket library does not catch that failure (the process would exit).
  const socket =
    deps.appToken === undefined
      ? undefined
      : new SocketModeReceiver({
          appToken: deps.appToken,
          logger,
          installerOptions: { clientOptions: { slackApiUrl: clientOptions.slackApiUrl } },
        });
  const app = new App({
    ...(distribution === undefined ? { token: deps.botToken } : {}),
    receiver: receiver ?? socket,
    logger,
    clientOptions,
  });
  const clock = deps.clock ?? { now: () => new Date() };
  const actors = createActorResolver(deps.admins, deps.userLocales ?? createUserLocaleCache(), clock);
  if (distribution !== undefined) listenForUninstalls(app, distribution, deps.logger);

  app.command(ROOT, async ({ command, ack, respond, client, context }) => {
    await ack();
    const started = Date.now();
    try {
      const text = unescapeSlackText(command.text);
      // In distribution mode Bolt authorized the request with the installation of its
      // workspace: that is the installed team, no auth.test needed.
      const installed = distribution === undefined ? undefined : (context.teamId ?? null);
      const parsed = parseCommandText(text, COMMAND_SPECS);
      if (!parsed.ok) {
        // Told in the asker's language; the lookup is only paid for a command that failed to parse.
        const asker = await actors.resolve(command, client, false, installed);
        const locale = replyLocale(deps.context(asker), null);
        const again = parseCommandText(text, COMMAND_SPECS, locale);
        return await send(respond, errorReply(again.ok ? parsed.error : again.error, locale));
      }
      const spec = COMMAND_SPECS.find((s) => s.path === parsed.value.path);
      const actor = await actors.resolve(command, client, spec?.access === "manage", installed);
      const commandContext = { ...deps.context(actor), directChannels: slackDirectChannels(client) };
      const message = await runCommand(parsed.value, commandContext, COMMANDS);
      await send(respond, message);
      deps.logger.info(
        { command: parsed.value.path, platform: "slack", ms: Date.now() - started },
        "command",
      );
    } catch (error) {
      deps.logger.error({ err: error, platform: "slack" }, "command failed");
      const locale = toLocale(actors.cachedLocale(command.user_id)) ?? "en";
      await send(respond, errorReply(t(locale, "reply.failed"), locale)).catch(() => {});
    }
  });

  registerSlackActions(app, {
    context: deps.context,
    logger: deps.logger,
    resolve: actors.resolve,
    distributed: distribution !== undefined,
    cachedLocale: actors.cachedLocale,
  });

  return {
    ...(receiver === undefined || distribution === undefined
      ? {}
      : {
          install: async (req: IncomingMessage, res: ServerResponse) => receiver.requestListener(req, res),
        }),
    ...(receiver === undefined
      ? {}
      : {
          http: async (req: IncomingMessage, res: ServerResponse) => {
            const now = deps.clock?.now() ?? new Date();
            if (fromTheFuture(req, now.getTime())) {
              res.writeHead(401).end();
              return;
            }
            const body = await readBody(req);
            if (body === null) {
              res.writeHead(413).end();
              return;
            }
            // Bolt reads a body already read from `rawBody` instead of the spent stream.
            (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
            const text = body.toString("utf8");
            const signed = slackRequestIsValid({
              signingSecret: deps.signingSecret,
              body: text,
              signature: String(req.headers["x-slack-signature"] ?? ""),
              timestamp: String(req.headers["x-slack-request-timestamp"] ?? ""),
              nowMs: now.getTime(),
            });
            // Unsigned requests go on to Bolt, which refuses them; only signed ones are recorded.
            if (signed && !(await firstTime(deps.ledger, slackRequestKeys(req.headers, text), now))) {
              deps.logger.warn(
                {
                  platform: "slack",
                  event: "request_replayed",
                  retryNum: req.headers["x-slack-retry-num"] ?? null,
                },
                "slack: a request already handled came again; acknowledged without acting",
              );
              res.writeHead(200).end();
              return;
            }
            receiver.requestListener(req, res);
          },
        }),
    async start() {
      // In HTTP mode the shared server owns the port; only Socket Mode has a connection to open.
      if (receiver === undefined) await app.start();
    },
    async stop() {
      if (receiver === undefined) await app.stop();
    },
  };
}

/**
 * The manifest asks Slack to escape command text, so mentions arrive as ids
 * (`<@U…|name>`, `<!subteam^S…|@team>`), which is what `mention:` needs. The price is that
 * links arrive as `<https://x|x>` and `&`, `<`, `>` as entities: both are put back as the
 * user typed them, mentions are left for the parser.
 */
export function unescapeSlackText(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^|>]*)(?:\|([^>]*))?>/gu, (_m, url: string, label?: string) =>
      label !== undefined && label !== "" ? label : url,
    )
    .replace(/&lt;/gu, "<")
    .replace(/&gt;/gu, ">")
    .replace(/&amp;/gu, "&");
}

async function send(respond: RespondFn, message: Message): Promise<void> {
  for (const payload of renderSlack(message)) {
    await respond({
      response_type: message.ephemeral ? "ephemeral" : "in_channel",
      text: payload.text,
      blocks: payload.blocks,
      unfurl_links: payload.unfurl_links,
      unfurl_media: payload.unfurl_media,
    } as Parameters<RespondFn>[0]);
  }
}

/**
 * Who is asking. Changes need `users.info` (admin, owner or primary owner, of this
 * workspace) or a listed id; the installed workspace comes from `auth.test` (one
 * workspace) or from the installation Bolt authorized the request with (distribution), so
 * a user whose request names another team cannot act on this one.
 */
function createActorResolver(admins: readonly string[], locales: UserLocaleCache, clock: Clock) {
  let installedTeam: Promise<string | null> | null = null;
  const userInfo = (client: webApi.WebClient, user: string) =>
    client.users.info({ user, include_locale: true }).catch(() => null);
  return {
    cachedLocale: (userId: string) => locales.get(userId, clock.now().getTime()) ?? null,
    async resolve(
      command: SlashCommand | ActionActorSource,
      client: webApi.WebClient,
      needsRights: boolean,
      installed?: string | null,
    ): Promise<Actor> {
      let team: string | null;
      if (installed !== undefined) team = installed;
      else {
        installedTeam ??= client.auth.test().then(
          (r) => (typeof r.team_id === "string" ? r.team_id : null),
          () => null,
        );
        team = await installedTeam;
        if (team === null) installedTeam = null;
      }
      const isDirect =
        command.channel_id === "" ||
        command.channel_id.startsWith("D") ||
        command.channel_name === "directmessage";
      let canManage = false;
      const now = clock.now().getTime();
      let locale = locales.get(command.user_id, now);
      if (needsRights) {
        canManage = admins.includes(command.user_id);
        if (!canManage) {
          const info = await userInfo(client, command.user_id);
          const user = info?.user;
          locale = user?.locale ?? null;
          locales.set(command.user_id, locale, now);
          canManage =
            user !== undefined &&
            (user.team_id === undefined || user.team_id === command.team_id) &&
            (user.is_admin === true || user.is_owner === true || user.is_primary_owner === true);
        }
      }
      if (locale === undefined) {
        locale = (await userInfo(client, command.user_id))?.user?.locale ?? null;
        locales.set(command.user_id, locale, now);
      }
      return {
        platform: "slack",
        workspace: command.team_id || null,
        channelWorkspace: team,
        channel: command.channel_id,
        isDirect,
        userId: command.user_id,
        canManage,
        ...(locale === null ? {} : { locale }),
      };
    },
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/** Bolt's logger interface over ours; Bolt's own chatter goes to debug. */
function boltLogger(logger: Logger) {
  let level = LogLevel.INFO;
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === "string" ? m : JSON.stringify(m))).join(" ");
  return {
    debug: (...msg: unknown[]) => logger.debug({ source: "bolt" }, text(msg)),
    info: (...msg: unknown[]) => logger.debug({ source: "bolt" }, text(msg)),
    warn: (...msg: unknown[]) => logger.warn({ source: "bolt" }, text(msg)),
    error: (...msg: unknown[]) => logger.error({ source: "bolt" }, text(msg)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
