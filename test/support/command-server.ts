/**
 * The real Slack and Discord command transports (Bolt's HTTP receiver, the Discord
 * interactions endpoint) behind Wirewatch's own HTTP server on loopback, wired to a command
 * world and the loopback API fakes: what the signed-request suites (buttons, personal
 * alerts, replays) drive.
 */
import type { KeyObject } from "node:crypto";
import { createDiscordCommands } from "../../src/chat/discord/commands.ts";
import { createSlackCommands } from "../../src/chat/slack/commands.ts";
import type { Logger } from "../../src/core/ports.ts";
import { createHttpServer } from "../../src/server/index.ts";
import type { CommandWorld } from "../fakes/context-commands.ts";

export interface CommandServer {
  /** `http://127.0.0.1:<port>`: Slack posts to `/slack/events`, Discord to its endpoint. */
  base: string;
  close(): Promise<void>;
}

export async function startCommandServer(options: {
  world: CommandWorld;
  logger: Logger;
  slackApiUrl: string;
  slackSigningSecret: string;
  discordApiUrl: string;
  discordApplicationId: string;
  discordPublicKey: KeyObject;
}): Promise<CommandServer> {
  const { world, logger } = options;
  const slack = createSlackCommands({
    botToken: "xoxb-test",
    signingSecret: options.slackSigningSecret,
    apiUrl: options.slackApiUrl,
    admins: [],
    context: world.context,
    logger,
    ledger: world.store,
  });
  const discord = createDiscordCommands({
    token: "bot-token",
    applicationId: options.discordApplicationId,
    publicKey: rawPublicKeyHex(options.discordPublicKey),
    apiUrl: options.discordApiUrl,
    context: world.context,
    logger,
    ledger: world.store,
  });
  const server = createHttpServer({
    port: 0,
    host: "127.0.0.1",
    slack: slack.http,
    discord: discord.http,
    health: async () => ({ ok: true, detail: {} }),
  });
  const base = `http://127.0.0.1:${await server.listen()}`;
  return { base, close: () => server.close() };
}

/** An Ed25519 public key as Discord shows it: the 32 raw bytes in hex (the SPKI DER minus its 12-byte header). */
export function rawPublicKeyHex(key: KeyObject): string {
  return key.export({ format: "der", type: "spki" }).subarray(12).toString("hex");
}
