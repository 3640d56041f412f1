/**
 * Matches items against every active topic at once through the rule index, so the cost
 * grows with the number of matches, not the number of topics. Highlights come from the
 * engine's explanation of each matching topic, computed only for matches.
 */
import type { Item } from "./item.ts";
import type { Highlight } from "./message.ts";
import {
  type Aliases,
  createRuleIndex,
  explainRule,
  type MatchInput,
  type PreparedItem,
  parseRule,
  prepareItem,
  type Rule,
  type RuleIndex,
} from "./rules/index.ts";
import type { Topic } from "./topic.ts";

export interface TopicMatch {
  topic: Topic;
  highlights: Highlight[];
}

export interface TopicMatcher {
  match(item: Item): TopicMatch[];
  readonly size: number;
}

export function toMatchInput(item: Item): MatchInput {
  return {
    title: item.title,
    summary: item.summary,
    content: item.content,
    source: item.source,
    author: item.author,
    categories: item.categories,
    lang: item.lang,
    link: item.link,
  };
}

/** Topics whose rule does not parse are skipped and reported through `onInvalid`. */
export function createTopicMatcher(
  topics: Topic[],
  aliases: Aliases,
  onInvalid: (topic: Topic, message: string) => void = () => {},
): TopicMatcher {
  const index: RuleIndex = createRuleIndex();
  const byId = new Map<string, { topic: Topic; rule: Rule }>();
  for (const topic of topics) {
    if (topic.paused) continue;
    const parsed = parseRule(topic.rule, { aliases });
    if (!parsed.ok) {
      onInvalid(topic, parsed.error.message);
      continue;
    }
    byId.set(topic.id, { topic, rule: parsed.value });
    index.add(topic.id, parsed.value);
  }
  // The ids of an item's matches, kept from item to item (they are read at once): see matchInto.
  const ids: string[] = [];
  return {
    size: byId.size,
    match(item) {
      const prepared: PreparedItem = prepareItem(toMatchInput(item));
      const out: TopicMatch[] = [];
      const n = index.matchInto(prepared, ids);
      for (let k = 0; k < n; k++) {
        const entry = byId.get(ids[k] ?? "");
        if (!entry) continue;
        out.push({ topic: entry.topic, highlights: highlightsOf(entry.rule, prepared) });
      }
      return out;
    },
  };
}

function highlightsOf(rule: Rule, prepared: PreparedItem): Highlight[] {
  const highlights: Highlight[] = [];
  for (const term of explainRule(rule, prepared).terms) {
    if (term.field === "title") highlights.push({ field: "title", start: term.start, end: term.end });
    else if (term.field === "summary")
      highlights.push({ field: "snippet", start: term.start, end: term.end });
  }
  return highlights;
}
