/**
 * Discord's platform factory. It reads the configuration first and loads discord.js (~45 MB
 * of RSS) only when DISCORD_TOKEN is set: a process without Discord never pays for it
 * (issue 13.3's 256 MB budget). The sink is sink.ts, commands commands.ts.
 */
import type { ChatPlatform, PlatformDeps } from "../platform.ts";
import type { GuildWatcher } from "./guilds.ts";

/**
 * Discord: DISCORD_TOKEN posts alerts over REST. With DISCORD_APPLICATION_ID, commands
 * arrive over the gateway, or at `/discord/interactions` when DISCORD_PUBLIC_KEY is set;
 * the gateway also follows guilds, so a guild that removes the bot is noticed (`guilds`).
 */
/** null when DISCORD_TOKEN is not set. */
export async function createDiscordPlatform(
  deps: PlatformDeps & { guilds: GuildWatcher },
): Promise<ChatPlatform | null> {
  const { config, store, logger } = deps;
  const env = config.env;
  const token = env.discordToken;
  if (!token) return null;
  const [{ createDiscordSink }, { createDiscordCommands }] = await Promise.all([
    import("./sink.ts"),
    import("./commands.ts"),
  ]);
  const apiUrl = env.discordApiUrl ?? undefined;
  return {
    platform: "discord",
    sink: createDiscordSink({ token, apiUrl, logger }),
    commands(context) {
      if (!env.discordApplicationId) {
        logger.warn({}, "Discord commands are off: set DISCORD_APPLICATION_ID");
        return null;
      }
      const discord = createDiscordCommands({
        token,
        applicationId: env.discordApplicationId,
        publicKey: env.discordPublicKey ?? undefined,
        apiUrl,
        context,
        logger,
        ledger: store,
        guilds: deps.guilds,
      });
      return {
        http: discord.http ? { discord: discord.http } : {},
        start: () => discord.start(),
        stop: () => discord.stop(),
        connected: () => discord.connected(),
      };
    },
  };
}
