/**
 * Personal alerts on Discord: `POST /users/@me/channels` with the user as recipient opens
 * (or returns) the bot's DM channel with them; its id is where their personal alerts go.
 */
import { type REST, Routes } from "discord.js";
import type { DirectChannels } from "../../core/commands/types.ts";

export function discordDirectChannels(rest: REST): DirectChannels {
  return {
    async open(userId) {
      if (!/^\d{1,20}$/u.test(userId)) throw new Error("not a Discord user id");
      const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as {
        id?: unknown;
      };
      if (typeof channel.id !== "string") throw new Error("Discord answered without a DM channel id");
      return channel.id;
    },
  };
}
