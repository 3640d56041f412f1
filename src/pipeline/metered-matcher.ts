/**
 * A TopicMatcher that reports each item's matches and matching time to the metrics port,
 * so poll-feed stays unaware of metrics. Only items new to a feed reach the matcher.
 */
import type { Metrics } from "../core/metrics.ts";
import type { TopicMatcher } from "../core/topic-matcher.ts";

export function meteredMatcher(matcher: TopicMatcher, metrics: Metrics): TopicMatcher {
  return {
    get size() {
      return matcher.size;
    },
    match(item) {
      const started = performance.now();
      const matches = matcher.match(item);
      metrics.matched({
        topicIds: matches.map((m) => m.topic.id),
        seconds: (performance.now() - started) / 1000,
      });
      return matches;
    },
  };
}
