import type { Topic } from "../core/topic.ts";
import type { DigestTarget } from "../pipeline/send-digests.ts";

/**
 * One digest per destination and schedule: topics that share a channel and a cron are
 * sent together, so a channel gets one digest, not one per topic.
 */
export function digestTargets(topics: Topic[], createdAt: string): DigestTarget[] {
  const byKey = new Map<string, DigestTarget>();
  for (const topic of topics) {
    if (topic.paused) continue;
    for (const target of topic.notify) {
      if (target.digest === null) continue;
      const key = `${target.channel}|${target.digest.cron}|${target.digest.timezone}`;
      const existing = byKey.get(key);
      if (existing) {
        existing.topicNames.push(topic.name);
        existing.topicNamesById = { ...existing.topicNamesById, [topic.id]: topic.name };
        existing.mentions.push(
          ...target.mentions.filter((m) => !existing.mentions.some((e) => e.id === m.id)),
        );
      } else {
        byKey.set(key, {
          destination: target.channel,
          topicNames: [topic.name],
          topicNamesById: { [topic.id]: topic.name },
          schedule: target.digest,
          mentions: [...target.mentions],
          createdAt,
          ...(target.locale === undefined ? {} : { locale: target.locale }),
        });
      }
    }
  }
  return [...byKey.values()];
}
