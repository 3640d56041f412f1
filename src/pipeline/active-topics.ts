/**
 * The topics in force (the config file's, then the ones made in chat) and the matcher
 * built from them. The matcher is rebuilt only when a topic's id, rule, pause or
 * destinations changed since the last refresh: building the rule index is the expensive
 * part of a poll cycle, and most cycles change no topic.
 */
import type { TopicStore } from "../core/commands/store.ts";
import type { Locale } from "../core/i18n/index.ts";
import type { Logger } from "../core/ports.ts";
import type { Aliases } from "../core/rules/index.ts";
import type { Topic } from "../core/topic.ts";
import { withChannelLocales } from "../core/topic-locale.ts";
import { createTopicMatcher, type TopicMatcher } from "../core/topic-matcher.ts";

export interface ActiveTopics {
  /** Topics from the file and from chat, as the matcher sees them after the next refresh. */
  list(): Promise<Topic[]>;
  /** Rebuilds the matcher when the topics changed; called before each poll cycle. */
  refresh(): Promise<void>;
  /** The matcher of the last refresh (empty before the first). */
  matcher(): TopicMatcher;
}

export function createActiveTopics(deps: {
  store: Pick<TopicStore, "listTopics">;
  configTopics: readonly Topic[];
  aliases: Aliases;
  logger: Logger;
  /** The deployment's `locale:`: chat topics speak their channel's language, else this. */
  locale?: Locale;
}): ActiveTopics {
  let matcher: TopicMatcher = createTopicMatcher([], deps.aliases);
  let fingerprint = "";
  // Chat topics speak their channel's language (core/topic-locale.ts).
  const list = async (): Promise<Topic[]> => [
    ...deps.configTopics,
    ...withChannelLocales(await deps.store.listTopics(), deps.configTopics, deps.locale ?? "en"),
  ];
  return {
    list,
    async refresh() {
      const all = await list();
      const next = JSON.stringify(all.map((t) => [t.id, t.rule, t.paused, t.notify]));
      if (next === fingerprint) return;
      fingerprint = next;
      matcher = createTopicMatcher(all, deps.aliases, (topic, message) =>
        deps.logger.warn({ topicId: topic.id, message }, "topic skipped: its rule does not parse"),
      );
    },
    matcher: () => matcher,
  };
}
