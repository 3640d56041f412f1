import type { StoredTopic } from "../ports.ts";
import type { Topic } from "../topic.ts";
import { destinationOf, scopeKey } from "./scope.ts";
import type { CommandContext } from "./types.ts";

export type ChannelTopic = (StoredTopic | (Topic & { lastMatchAt?: undefined })) & {
  origin: "chat" | "config";
};

/**
 * The topics that deliver to this channel: the ones added here from chat (same scope,
 * so another workspace's rows never leak) and the config seeds that notify it.
 */
export async function channelTopics(ctx: CommandContext): Promise<ChannelTopic[]> {
  const destination = destinationOf(ctx.actor);
  const scope = scopeKey(ctx.actor);
  const stored = (await ctx.store.listTopics({ channel: destination })).filter(
    (t) => t.origin === "chat" && t.scope === scope,
  );
  const seeds = ctx.seeds.topics.filter((t) => t.notify.some((n) => n.channel === destination));
  return [...seeds, ...stored];
}
