/**
 * What a channel sees when a new item matches there and an earlier alert may already
 * tell its story. Pure: the pipeline gives the channel's recent stories, newest first.
 *
 * The visibility rule, in order:
 * - The same link as a report already shown in a story is the same item (a republished
 *   "UPDATE 1-" copy, a second feed of one outlet): nothing new to show, unless it matched
 *   a topic the story does not name yet, which then gets its own alert.
 * - With `storyUpdates: post`, every other item is a new message.
 * - A report of the same event from ANOTHER outlet updates the earlier alert: an edit that
 *   shows this report's own headline and link (and, in `thread` mode, a thread reply with
 *   the item's own alert, so the update notifies).
 * - A second report from the SAME outlet (another link) is news of its own: a new alert.
 * - A topic the story's alert does not name yet is that topic's news: a new alert, never
 *   only an edit (an edit notifies nobody).
 * - Anything else is a new alert and opens a story of its own.
 */
import type { Message } from "../message.ts";
import type { StoryRecord, StoryReport, StoryState } from "../ports.ts";
import { addTopicsToAlert } from "./alert.ts";
import { isStorySignature, sameStory, type TermStats } from "./story.ts";

export type StoryUpdates = "thread" | "edit" | "post";
export const STORY_UPDATES: readonly StoryUpdates[] = ["thread", "edit", "post"];

/** The new item as a report for one destination, with the topics it matched there. */
export interface ItemReport extends StoryReport {
  signature: unknown;
  topics: string[];
}

export type StoryDecision =
  | { kind: "post"; reason: "new_story" | "new_topic" | "same_outlet" | "posts_only" }
  | { kind: "update"; story: StoryRecord }
  | { kind: "same_item"; story: StoryRecord };

export function decideStory(
  item: ItemReport,
  stories: readonly StoryRecord[],
  mode: StoryUpdates,
  stats: TermStats,
): StoryDecision {
  if (item.link !== null) {
    const shown = stories.find((s) => s.reports.some((r) => r.link === item.link));
    if (shown !== undefined) {
      return namesAll(shown, item)
        ? { kind: "same_item", story: shown }
        : { kind: "post", reason: "new_topic" };
    }
  }
  if (mode === "post" || !isStorySignature(item.signature)) return { kind: "post", reason: "posts_only" };
  const signature = item.signature;
  const story = stories.find(
    (s) => isStorySignature(s.signature) && sameStory(s.signature, signature, stats),
  );
  if (story === undefined) return { kind: "post", reason: "new_story" };
  if (story.sources.includes(item.source)) return { kind: "post", reason: "same_outlet" };
  if (!namesAll(story, item)) return { kind: "post", reason: "new_topic" };
  return { kind: "update", story };
}

function namesAll(story: StoryRecord, item: ItemReport): boolean {
  return item.topics.every((t) => story.topics.includes(t));
}

/** The story record of a new alert: this item is its lead. */
export function openStory(item: ItemReport): StoryState {
  return { sources: [item.source], topics: [...new Set(item.topics)], reports: [report(item)] };
}

/** The story record once `item` joined it. */
export function grownStory(story: StoryState, item: ItemReport): StoryState {
  return {
    sources: story.sources.includes(item.source) ? story.sources : [...story.sources, item.source],
    topics: [...new Set([...story.topics, ...item.topics])],
    reports: [...story.reports, report(item)],
  };
}

function report(item: ItemReport): StoryReport {
  return { source: item.source, title: item.title, link: item.link };
}

/**
 * The lead alert as it reads once the story has grown: every other outlet's report with
 * its own headline and link under "also reported by", and every topic the story matched.
 * Built from the lead's own message and the story record, never from an earlier edit.
 */
export function storyEditMessage(lead: Message, story: StoryState): Message {
  const [first, ...rest] = lead.entries;
  if (first === undefined) return lead;
  const listed = new Set<string>();
  const also: { source: string; link: string | null; title: string | null }[] = [];
  for (const r of story.reports) {
    if (r.source === first.source && (r.link === first.link || r.title === first.title)) continue;
    listed.add(r.source);
    also.push({ source: r.source, link: r.link, title: r.title });
  }
  // Records written before reports were kept name their outlets only.
  for (const source of story.sources) {
    if (source !== first.source && !listed.has(source)) also.push({ source, link: null, title: null });
  }
  const grown: Message = { ...lead, entries: [{ ...first, alsoReportedBy: also }, ...rest] };
  return addTopicsToAlert(grown, story.topics);
}
