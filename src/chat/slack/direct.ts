/**
 * Personal alerts on Slack: the bot's DM with a user is opened with `conversations.open`
 * (scope `im:write`); its channel id (`D…`) is where that user's personal alerts go.
 */
import type { webApi } from "@slack/bolt";
import type { DirectChannels } from "../../core/commands/types.ts";

export function slackDirectChannels(client: webApi.WebClient): DirectChannels {
  return {
    async open(userId) {
      const opened = await client.conversations.open({ users: userId });
      const id = opened.channel?.id;
      if (typeof id !== "string") throw new Error("conversations.open answered without a channel id");
      return id;
    },
  };
}
