/**
 * Mute 24 h in the poll: a topic muted in a destination notifies that destination no more
 * until the mute ends (core/mutes.ts). The item is still stored and still alerts the
 * topic's other destinations. Every skip is logged and counted.
 */
import { muteIndex, type TopicMute } from "../core/mutes.ts";
import type { Logger } from "../core/ports.ts";
import type { TopicMatch } from "../core/topic-matcher.ts";
import type { Counters } from "./counters.ts";

export function withoutMuted(
  matches: TopicMatch[],
  mutes: readonly TopicMute[],
  log: { logger: Logger; counters: Counters; feedId: number; itemKey: string },
): TopicMatch[] {
  if (mutes.length === 0) return matches;
  const muted = muteIndex(mutes);
  const out: TopicMatch[] = [];
  for (const match of matches) {
    const notify = match.topic.notify.filter((target) => {
      const mute = muted(target.channel, match.topic.id);
      if (mute === null) return true;
      log.counters.inc("alerts_muted_skipped");
      log.logger.info(
        {
          feedId: log.feedId,
          topicId: match.topic.id,
          destination: target.channel,
          itemKey: log.itemKey,
          mutedUntil: mute.until,
        },
        "alert skipped: the topic is muted in this channel",
      );
      return false;
    });
    if (notify.length > 0) out.push({ ...match, topic: { ...match.topic, notify } });
  }
  return out;
}
