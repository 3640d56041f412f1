/**
 * Turns one item's topic matches into alert drafts, one per destination (an item that
 * matches three topics for the same channel alerts once, naming the three). Instant
 * alerts of a story already alerted in that channel become edits of that message.
 */
import { addSourceToAlert, addTopicsToAlert, buildAlertMessage } from "../core/digest/alert.ts";
import {
  createTermStats,
  isStorySignature,
  STORY_WINDOW_HOURS,
  type StorySignature,
  sameStory,
  storySignature,
} from "../core/digest/story.ts";
import type { Item } from "../core/item.ts";
import type { Message } from "../core/message.ts";
import type { AlertDraft, Store, StoryRecord } from "../core/ports.ts";
import type { Mention, NotifyTarget } from "../core/topic.ts";
import type { TopicMatch } from "./topic-matcher.ts";

interface StoryContext {
  store: Store;
  timezone: string;
  now: Date;
  /** Drafts already made in this poll, per destination (their stories are not stored yet). */
  pending: Map<string, AlertDraft[]>;
}

interface Route {
  target: NotifyTarget;
  topics: TopicMatch[];
}

export async function buildStoryAlerts(
  ctx: StoryContext,
  item: Item,
  matches: TopicMatch[],
): Promise<AlertDraft[]> {
  const signature = storySignature(item);
  const drafts: AlertDraft[] = [];
  for (const [destination, route] of routes(matches)) {
    const topicIds = route.topics.map((m) => m.topic.id);
    const base = { itemKey: item.key, topicId: topicIds.join(","), destination, storySignature: signature };
    if (route.target.digest !== null) {
      drafts.push({ ...base, mode: "digest", message: null, editOf: null });
      continue;
    }
    const sameInThisPoll = ctx.pending
      .get(destination)
      // Interim (the lead's rewrite replaces this): the built-in prior, no document frequencies.
      ?.some((d) => d.storySignature && sameStory(d.storySignature, signature, createTermStats()));
    const earlier = sameInThisPoll ? null : await findStory(ctx, destination, signature);
    const message = earlier
      ? await editedMessage(ctx.store, earlier, item, route)
      : alertMessage(item, route, ctx.timezone, mentionsOf(route));
    if (message === null) continue;
    const draft: AlertDraft = { ...base, mode: "instant", message, editOf: earlier?.outboxId ?? null };
    drafts.push(draft);
    ctx.pending.set(destination, [...(ctx.pending.get(destination) ?? []), draft]);
  }
  return drafts;
}

/** Groups matches by destination; a digest target wins over an instant one only if all are digests. */
function routes(matches: TopicMatch[]): Map<string, Route> {
  const out = new Map<string, Route>();
  for (const match of matches) {
    for (const target of match.topic.notify) {
      const route = out.get(target.channel);
      if (!route) out.set(target.channel, { target, topics: [match] });
      else {
        route.topics.push(match);
        if (target.digest === null) route.target = target;
      }
    }
  }
  return out;
}

function mentionsOf(route: Route): Mention[] {
  const seen = new Map<string, Mention>();
  for (const m of route.topics) {
    for (const t of m.topic.notify) {
      if (t.channel !== route.target.channel) continue;
      for (const mention of t.mentions) seen.set(`${mention.kind}:${mention.id}`, mention);
    }
  }
  return [...seen.values()];
}

function alertMessage(item: Item, route: Route, timezone: string, mentions: Mention[]): Message {
  const highlights = route.topics.flatMap((m) => m.highlights);
  const message = buildAlertMessage({
    item,
    topicNames: route.topics.map((m) => m.topic.name),
    highlights,
    timezone,
    mentions,
  });
  // Highlights past the shortened snippet cannot be shown.
  return {
    ...message,
    entries: message.entries.map((e) => ({
      ...e,
      highlights: e.highlights.filter(
        (h) => h.end <= (h.field === "title" ? e.title.length : e.snippet.length),
      ),
    })),
  };
}

async function findStory(
  ctx: StoryContext,
  destination: string,
  signature: StorySignature,
): Promise<StoryRecord | null> {
  const since = new Date(ctx.now.getTime() - STORY_WINDOW_HOURS * 3600_000).toISOString();
  const stories = await ctx.store.recentStories(destination, since);
  // Interim: frequencies over this destination's recent stories (few: mostly the prior).
  const valid = stories.flatMap((s) =>
    isStorySignature(s.signature) ? [{ story: s, sig: s.signature }] : [],
  );
  const stats = createTermStats(valid.map((v) => v.sig));
  return valid.find((v) => sameStory(v.sig, signature, stats))?.story ?? null;
}

/**
 * The original message with every known source of the story, plus this item's, naming
 * every topic the story's copies matched for this destination.
 */
async function editedMessage(
  store: Store,
  story: StoryRecord,
  item: Item,
  route: Route,
): Promise<Message | null> {
  const original = await store.getOutboxRow(story.outboxId);
  if (!original) return null;
  const first = original.message.entries[0]?.source;
  // The same outlet reporting its own story again (an update) alerts nobody.
  if (item.source === first || story.sources.includes(item.source)) return null;
  let message = original.message;
  for (const source of story.sources) {
    if (source !== original.message.entries[0]?.source)
      message = addSourceToAlert(message, { source, link: null });
  }
  message = addSourceToAlert(message, { source: item.source, link: item.link });
  return addTopicsToAlert(message, [...story.topics, ...route.topics.map((m) => m.topic.name)]);
}
