import { readEnv } from "../../config/env.ts";
import { stringFlag } from "../args.ts";
import type { CliCommand } from "../command.ts";

export const discordCommand: CliCommand = {
  name: "discord",
  summary:
    "register the /wirewatch application commands with Discord (needs DISCORD_TOKEN, DISCORD_APPLICATION_ID)",
  usage:
    "wirewatch discord register [--guild <guild id>]\n" +
    "with --guild the commands appear in that server at once; without, globally (Discord may take up to an hour)",
  valueFlags: ["guild", "config"],
  async run(args, io) {
    if (args.positionals[0] !== "register") {
      io.err(`usage: ${this.usage}`);
      return 2;
    }
    const env = readEnv();
    if (!env.discordToken || !env.discordApplicationId) {
      io.err("set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see config/example.env)");
      return 2;
    }
    const guildId = stringFlag(args, "guild");
    if (guildId !== null && !/^\d{17,20}$/.test(guildId)) {
      io.err("--guild expects a Discord guild id (digits)");
      return 2;
    }
    try {
      // Loaded here, not at start-up: discord.js is ~45 MB every other command need not carry.
      const { registerDiscordCommands } = await import("../../chat/discord/register.ts");
      await registerDiscordCommands({
        token: env.discordToken,
        applicationId: env.discordApplicationId,
        guildId: guildId ?? undefined,
        apiUrl: env.discordApiUrl ?? undefined,
      });
    } catch (error) {
      io.err(`registration failed: ${(error as Error).message}`);
      return 1;
    }
    io.out(guildId === null ? "registered globally" : `registered in guild ${guildId}`);
    return 0;
  },
};
