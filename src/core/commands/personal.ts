/**
 * Personal alerts (`watch … dm:true`): a topic whose alerts go to the asking user's DM
 * with the bot. The topic belongs to that user (`owner`): only they see it in `topics`
 * and only they can remove it (`unwatch <name> dm:true`); their lists are read by owner,
 * so nobody else's request can reach it. Same rule language and feeds as a channel's.
 */
import type { StoredTopic } from "../ports.ts";
import { scopeKey } from "./scope.ts";
import type { CommandArgs, CommandContext } from "./types.ts";
import { userError } from "./user-text.ts";

/** The asking user's personal topics in this workspace or guild. */
export async function personalTopics(ctx: CommandContext): Promise<StoredTopic[]> {
  const scope = scopeKey(ctx.actor);
  return (await ctx.store.listTopics({ owner: ctx.actor.userId })).filter(
    (t) => t.origin === "chat" && t.scope === scope,
  );
}

/** `dm:` as given: true, false (or absent), anything else refused. */
export function wantsDm(args: CommandArgs): boolean {
  const value = args.dm?.trim().toLowerCase();
  if (value === undefined || value === "false") return false;
  if (value === "true") return true;
  throw userError("personal.badDm", {}, "bad_value");
}

/** Where a new personal topic goes, after the checks a channel's topic gets. */
export async function personalDestination(ctx: CommandContext, name: string): Promise<string> {
  if (ctx.directChannels === undefined) throw userError("personal.unavailable", {}, "dm_unavailable");
  const own = await personalTopics(ctx);
  if (own.some((t) => t.name === name)) throw userError("personal.exists", { name }, "topic_exists");
  if (own.length >= ctx.quotas.topicsPerChannel)
    throw userError(
      "personal.quota",
      { count: own.length, limit: ctx.quotas.topicsPerChannel },
      "quota_topics",
    );
  const channel = await ctx.directChannels.open(ctx.actor.userId);
  return `${ctx.actor.platform}:${channel}`;
}
