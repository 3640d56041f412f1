import type { StoredTopic } from "../ports.ts";
import type { Topic } from "../topic.ts";
import { destinationOf, scopeKey } from "./scope.ts";
import type { CommandContext } from "./types.ts";

export type ChannelTopic = (StoredTopic | (Topic & { lastMatchAt: string | null })) & {
  origin: "chat" | "config";
};

/**
 * The topics that deliver to this channel: the ones added here from chat (same scope,
 * so another workspace's rows never leak) and the config seeds that notify it. Seeds get
 * their last match from the store too (kept per topic id, `config:<name>` for them).
 */
export async function channelTopics(ctx: CommandContext): Promise<ChannelTopic[]> {
  const destination = destinationOf(ctx.actor);
  const scope = scopeKey(ctx.actor);
  const stored = (await ctx.store.listTopics({ channel: destination })).filter(
    (t) => t.origin === "chat" && t.scope === scope,
  );
  const seeds = ctx.seeds.topics.filter((t) => t.notify.some((n) => n.channel === destination));
  const last =
    seeds.length === 0 ? new Map<string, string>() : await ctx.store.topicLastMatches(seeds.map((t) => t.id));
  return [...seeds.map((t) => ({ ...t, lastMatchAt: last.get(t.id) ?? null })), ...stored];
}
