/**
 * Turns one item's topic matches into alert drafts, one per destination (an item that
 * matches three topics for the same channel alerts once, naming the three). For instant
 * destinations the visibility rule of `core/digest/story-update.ts` decides between a
 * new alert, an update of an earlier alert of the same story (edit, plus a thread reply
 * in `thread` mode), and nothing when the very same item was already shown there. The
 * drafts carry every decision; the store writes them as they are.
 */
import { buildAlertMessage } from "../core/digest/alert.ts";
import { STORY_WINDOW_HOURS, type TermStats } from "../core/digest/story.ts";
import {
  decideStory,
  grownStory,
  type ItemReport,
  openStory,
  type StoryUpdates,
  storyEditMessage,
} from "../core/digest/story-update.ts";
import type { Item } from "../core/item.ts";
import type { Message } from "../core/message.ts";
import type { AlertDraft, Logger, StoryRecord } from "../core/ports.ts";
import { type AlertTemplate, resolveTemplate } from "../core/templates/template.ts";
import { addHours } from "../core/time.ts";
import type { Mention, NotifyTarget } from "../core/topic.ts";
import type { TopicMatch } from "../core/topic-matcher.ts";
import type { Counters } from "./counters.ts";
import type { OutboxStore } from "./deliver.ts";
import { signatureOf } from "./story-stats.ts";

/** What drafting reads: a destination's recent stories, and their lead alerts (still editable?). */
export interface StoryAlertStore extends Pick<OutboxStore, "getOutboxRow"> {
  recentStories(destination: string, since: string): Promise<StoryRecord[]>;
}

export interface StoryContext {
  store: StoryAlertStore;
  timezone: string;
  now: string;
  storyUpdates: StoryUpdates;
  /** Templates by name, for targets that name one. */
  templates: Readonly<Record<string, AlertTemplate>>;
  stats: TermStats;
  logger: Logger;
  counters: Counters;
  feedId: number;
  /** Per destination, the recent stories as this poll's drafts leave them (read once). */
  stories: Map<string, StoryRecord[]>;
}

interface Route {
  target: NotifyTarget;
  topics: TopicMatch[];
}

/** Stories opened by drafts of this poll have no outbox row yet. */
const UNSAVED = -1;

export async function buildStoryAlerts(
  ctx: StoryContext,
  item: Item,
  matches: TopicMatch[],
): Promise<AlertDraft[]> {
  const signature = signatureOf(item);
  const drafts: AlertDraft[] = [];
  for (const [destination, route] of routes(matches)) {
    const topicIds = route.topics.map((m) => m.topic.id);
    const base = { itemKey: item.key, topicIds, destination, storySignature: signature };
    if (route.target.digest !== null) {
      drafts.push({ ...base, mode: "digest", message: null, editOf: null });
      continue;
    }
    const report: ItemReport = {
      source: item.source,
      title: item.title,
      link: item.link,
      signature,
      topics: route.topics.map((m) => m.topic.name),
    };
    const stories = await storiesOf(ctx, destination);
    const decision = decideStory(report, stories, ctx.storyUpdates, ctx.stats);
    const own = alertMessage(
      item,
      route,
      route.target.timezone ?? ctx.timezone,
      mentionsOf(route),
      templateOf(ctx, route),
    );
    if (decision.kind === "same_item") {
      // Already visible in this channel: the story's alert shows this very link.
      ctx.counters.inc("alerts_same_item_skipped");
      ctx.logger.info(
        { feedId: ctx.feedId, destination, itemKey: item.key, outboxId: decision.story.outboxId },
        "alert skipped: the same item is already shown in this channel",
      );
      continue;
    }
    const lead = decision.kind === "update" ? await leadMessage(ctx.store, decision.story) : null;
    if (decision.kind === "update" && lead !== null) {
      const story = grownStory(decision.story, report);
      drafts.push({
        ...base,
        mode: "instant",
        message: storyEditMessage(lead, story),
        editOf: decision.story.outboxId,
        reply: ctx.storyUpdates === "thread" ? { ...own, mentions: [] } : null,
        story,
      });
      replaceStory(ctx, destination, { ...decision.story, ...story });
      ctx.counters.inc("alerts_story_updates");
      continue;
    }
    const story = openStory(report);
    drafts.push({ ...base, mode: "instant", message: own, editOf: null, reply: null, story });
    replaceStory(ctx, destination, {
      ...story,
      outboxId: UNSAVED,
      destination,
      signature,
      createdAt: ctx.now,
    });
    ctx.counters.inc("alerts_posted");
  }
  return drafts;
}

async function storiesOf(ctx: StoryContext, destination: string): Promise<StoryRecord[]> {
  const known = ctx.stories.get(destination);
  if (known !== undefined) return known;
  const since = addHours(ctx.now, -STORY_WINDOW_HOURS);
  const stories = await ctx.store.recentStories(destination, since);
  ctx.stories.set(destination, stories);
  return stories;
}

/** Newest first, as the store returns them; an updated story keeps its place. */
function replaceStory(ctx: StoryContext, destination: string, story: StoryRecord): void {
  const stories = ctx.stories.get(destination) ?? [];
  const at = story.outboxId === UNSAVED ? -1 : stories.findIndex((s) => s.outboxId === story.outboxId);
  if (at >= 0) stories[at] = story;
  else stories.unshift(story);
  ctx.stories.set(destination, stories);
}

/**
 * The lead alert's own message, or null when it cannot be edited any more (folded into a
 * catch-up digest, refused by the platform): the item is then a new alert.
 */
async function leadMessage(store: StoryAlertStore, story: StoryRecord): Promise<Message | null> {
  if (story.outboxId === UNSAVED) return null;
  const lead = await store.getOutboxRow(story.outboxId);
  if (lead === null || lead.state === "parked" || lead.kind !== "post") return null;
  return lead.message;
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

/** The first template one of the route's topics sets for its channel (a name unknown to the config: none). */
function templateOf(ctx: StoryContext, route: Route): AlertTemplate | null {
  for (const m of route.topics) {
    for (const t of m.topic.notify) {
      if (t.channel !== route.target.channel || t.digest !== null) continue;
      const template = resolveTemplate(t.template, ctx.templates);
      if (template !== null) return template;
    }
  }
  return null;
}

function alertMessage(
  item: Item,
  route: Route,
  timezone: string,
  mentions: Mention[],
  template: AlertTemplate | null,
): Message {
  const highlights = route.topics.flatMap((m) => m.highlights);
  const message = buildAlertMessage({
    item,
    topicNames: route.topics.map((m) => m.topic.name),
    highlights,
    timezone,
    mentions,
    locale: route.target.locale,
    template,
  });
  // Highlights past the shortened snippet cannot be shown. The buttons name the item once
  // the store has written it (store/alert-actions.ts) and the topics matched here.
  return {
    ...message,
    actions: { itemId: null, topicIds: route.topics.map((m) => m.topic.id) },
    entries: message.entries.map((e) => ({
      ...e,
      highlights: e.highlights.filter(
        (h) => h.end <= (h.field === "title" ? e.title.length : e.snippet.length),
      ),
    })),
  };
}
