/**
 * `/wirewatch` and `/wirewatch-admin` on Discord. Interactions arrive over the gateway
 * (discord.js) or, when DISCORD_PUBLIC_KEY is set, at the HTTP endpoint (interactions.ts);
 * both hand the same raw payload to one handler, which runs the core command.
 *
 * Every command is deferred first (privately when its reply will be private) and then
 * answered by editing that response. An error after a public deferral deletes the public
 * placeholder and answers privately instead: errors are never shown to the channel.
 *
 * Start-up never waits on the gateway: `start()` returns at once and the client logs in
 * in the background, retrying with backoff (5 s doubling to 5 min) while the gateway is
 * unreachable; `connected()` says whether it is (for `/readyz`), and `stop()` ends the
 * attempts and the client in every state.
 *
 * With `guilds`, the gateway also reports the bot leaving and joining guilds (guilds.ts);
 * it is then connected for that even when commands come over HTTP.
 */
import { Client, Events, GatewayIntentBits, REST, Routes } from "discord.js";
import { BUTTONS } from "../../core/commands/buttons.ts";
import { replyIsPrivate, runCommand } from "../../core/commands/dispatch.ts";
import { COMMANDS } from "../../core/commands/registry.ts";
import { errorReply } from "../../core/commands/reply.ts";
import type { Actor, Command, CommandContext, Invocation } from "../../core/commands/types.ts";
import { err } from "../../core/errors.ts";
import { t, toLocale } from "../../core/i18n/index.ts";
import type { Message } from "../../core/message.ts";
import type { Clock, Logger, RequestLedger } from "../../core/ports.ts";
import { buttonPress } from "./components.ts";
import { discordDirectChannels } from "./direct.ts";
import { type GuildWatcher, guildChange } from "./guilds.ts";
import {
  actorFromInteraction,
  CALLBACK,
  createInteractionsEndpoint,
  type DiscordHttpHandler,
  EPHEMERAL_FLAG,
  INTERACTION,
  type InteractionHandler,
  invocationFromData,
  type RawInteraction,
} from "./interactions.ts";
import { type DiscordPayload, renderDiscord } from "./render.ts";

export interface DiscordCommandsDeps {
  token: string;
  applicationId: string;
  /** DISCORD_PUBLIC_KEY: enables the HTTP interactions endpoint (and then the gateway is not used for commands). */
  publicKey?: string;
  /** DISCORD_API_URL */
  apiUrl?: string;
  context: (actor: Actor) => CommandContext;
  logger: Logger;
  clock?: Clock;
  /** Interactions already handled, shared by every instance (the store): a replay acts once. */
  ledger: RequestLedger;
  /** Told when the bot is removed from a guild or is (again) in one; needs the Guilds intent. */
  guilds?: GuildWatcher;
}

/** How a deferred interaction is finished; the gateway and the HTTP endpoint each implement it. */
export interface Responder {
  editOriginal(payload: DiscordPayload): Promise<void>;
  deleteOriginal(): Promise<void>;
  followUp(payload: DiscordPayload, ephemeral: boolean): Promise<void>;
}

export async function finish(
  message: Message,
  deferredPrivate: boolean,
  responder: Responder,
): Promise<void> {
  const payloads = renderDiscord(message);
  if (message.ephemeral && !deferredPrivate) {
    await responder.deleteOriginal();
    for (const p of payloads) await responder.followUp(p, true);
    return;
  }
  const [first, ...rest] = payloads;
  if (first !== undefined) await responder.editOriginal(first);
  for (const p of rest) await responder.followUp(p, deferredPrivate);
}

async function execute(
  deps: DiscordCommandsDeps,
  invocation: Invocation,
  raw: RawInteraction,
  rest: REST,
  commands: readonly Command[] = COMMANDS,
): Promise<Message> {
  const started = Date.now();
  try {
    const context = {
      ...deps.context(actorFromInteraction(raw)),
      directChannels: discordDirectChannels(rest),
    };
    const message = await runCommand(invocation, context, commands);
    deps.logger.info({ command: invocation.path, platform: "discord", ms: Date.now() - started }, "command");
    return message;
  } catch (error) {
    deps.logger.error({ err: error, platform: "discord", command: invocation.path }, "command failed");
    const locale = toLocale(raw.locale) ?? "en";
    return errorReply(t(locale, "reply.failed"), locale);
  }
}

function restResponder(rest: REST, applicationId: string, token: string): Responder {
  const original = Routes.webhookMessage(applicationId, token, "@original");
  return {
    async editOriginal(payload) {
      await rest.patch(original, { body: payload, auth: false });
    },
    async deleteOriginal() {
      await rest.delete(original, { auth: false });
    },
    async followUp(payload, ephemeral) {
      const body = { ...payload, ...(ephemeral ? { flags: EPHEMERAL_FLAG } : {}) };
      await rest.post(Routes.webhook(applicationId, token), { body, auth: false });
    },
  };
}

/** Waits between gateway login attempts: 5 s, doubling, at most 5 min. */
export function loginRetryMs(attempt: number): number {
  return Math.min(5 * 60_000, 5_000 * 2 ** Math.max(0, attempt - 1));
}

export function createDiscordCommands(deps: DiscordCommandsDeps): {
  http?: DiscordHttpHandler;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** True when commands can arrive: the gateway session is ready, or the HTTP endpoint is used. */
  connected(): boolean;
} {
  const api = deps.apiUrl ?? "https://discord.com/api";
  const rest = new REST({ api, version: "10" }).setToken(deps.token);
  const clock = deps.clock ?? { now: () => new Date() };
  let client: Client | null = null;
  /** Aborted by stop(): ends the login attempts and their waits. */
  let stopping = new AbortController();

  /** One raw interaction, from either transport: the first response, then the work. */
  const handle: InteractionHandler = (raw) => {
    if (raw.type === INTERACTION.component) return handleButton(raw);
    const locale = toLocale(raw.locale) ?? "en";
    const parsed =
      raw.type === INTERACTION.command && raw.data !== undefined
        ? invocationFromData(raw.data, locale)
        : err(t(locale, "reply.onlyCommands"));
    if (!parsed.ok) {
      const [payload] = renderDiscord(errorReply(parsed.error, locale));
      return { response: { type: CALLBACK.message, data: { ...payload, flags: EPHEMERAL_FLAG } } };
    }
    const isPrivate = replyIsPrivate(parsed.value.path, COMMANDS, parsed.value.args);
    return {
      response: { type: CALLBACK.deferred, data: { flags: isPrivate ? EPHEMERAL_FLAG : 0 } },
      after: async () => {
        const message = await execute(deps, parsed.value, raw, rest);
        await finish(
          message,
          isPrivate,
          restResponder(rest, raw.application_id ?? deps.applicationId, raw.token),
        );
      },
    };
  };

  /** An alert's button (components.ts): deferred as a new message, then run like a command. */
  const handleButton: InteractionHandler = (raw) => {
    const press = buttonPress(raw);
    if (!press.ok) {
      const locale = toLocale(raw.locale) ?? "en";
      const [payload] = renderDiscord(errorReply(t(locale, press.error), locale));
      return { response: { type: CALLBACK.message, data: { ...payload, flags: EPHEMERAL_FLAG } } };
    }
    const { invocation, isPrivate } = press.value;
    return {
      response: { type: CALLBACK.deferred, data: { flags: isPrivate ? EPHEMERAL_FLAG : 0 } },
      after: async () => {
        const message = await execute(deps, invocation, raw, rest, BUTTONS);
        await finish(
          message,
          isPrivate,
          restResponder(rest, raw.application_id ?? deps.applicationId, raw.token),
        );
      },
    };
  };

  /**
   * Over the gateway, the raw INTERACTION_CREATE payload goes through the same handler as
   * the HTTP endpoint, its first response POSTed to the callback route. (discord.js's own
   * interaction objects would lose the channel's guild, which the command checks, since
   * this client caches no channels, and ignore the payloads' `allowed_mentions`.)
   */
  const onGatewayPacket = async (packet: { t?: string | null; d?: unknown }): Promise<void> => {
    const change = deps.guilds === undefined ? null : guildChange(packet);
    if (change !== null) {
      deps.logger.debug(
        { platform: "discord", guild: change.guildId, change: change.kind },
        "discord: guild",
      );
      if (change.kind === "removed") await deps.guilds?.removed(change.guildId);
      else await deps.guilds?.present(change.guildId);
      return;
    }
    if (packet.t !== "INTERACTION_CREATE" || http !== undefined) return;
    const raw = packet.d as RawInteraction;
    if (raw.type === INTERACTION.ping) return;
    const { response, after } = handle(raw);
    await rest.post(Routes.interactionCallback(raw.id, raw.token), { body: response, auth: false });
    await after?.();
  };

  const http =
    deps.publicKey === undefined
      ? undefined
      : createInteractionsEndpoint({
          publicKey: deps.publicKey,
          clock,
          logger: deps.logger,
          ledger: deps.ledger,
          handle,
        });

  /** Logs in until it works or stop() is called; a login that hangs is ended by stop(). */
  async function connect(signal: AbortSignal): Promise<void> {
    for (let attempt = 1; !signal.aborted; attempt++) {
      const intents = deps.guilds === undefined ? [] : [GatewayIntentBits.Guilds];
      const next = new Client({ intents, rest: { api }, allowedMentions: { parse: [] } });
      next.on(Events.Raw, (packet: { t?: string | null; d?: unknown }) => {
        onGatewayPacket(packet).catch((error: unknown) =>
          deps.logger.error({ err: error, platform: "discord" }, "interaction failed"),
        );
      });
      client = next;
      try {
        await next.login(deps.token);
        if (!signal.aborted) deps.logger.info({ platform: "discord", attempt }, "discord: gateway connected");
        return;
      } catch (error) {
        if (signal.aborted) return;
        const ms = loginRetryMs(attempt);
        deps.logger.warn(
          { platform: "discord", attempt, ms, error: error instanceof Error ? error.message : String(error) },
          "discord: gateway login failed; retrying in the background",
        );
        await next.destroy().catch(() => undefined);
        await abortableDelay(ms, signal);
      }
    }
  }

  return {
    ...(http === undefined ? {} : { http }),
    async start() {
      // With an interactions endpoint configured, Discord sends commands there and not over
      // the gateway, which is then only needed to follow guilds.
      if (http !== undefined && deps.guilds === undefined) return;
      stopping = new AbortController();
      connect(stopping.signal).catch((error: unknown) =>
        deps.logger.error({ err: error, platform: "discord" }, "discord: gateway login loop failed"),
      );
    },
    connected: () => http !== undefined || (client?.isReady() ?? false),
    async stop() {
      stopping.abort();
      await client?.destroy();
      client = null;
      // REST keeps sweeper timers; without this a stopped adapter holds the process open.
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    },
  };
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}
