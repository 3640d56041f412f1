import type { Locale } from "../i18n/index.ts";
import type { DigestSchedule, Mention, Topic } from "../topic.ts";

export interface DigestTarget {
  destination: string;
  /** The topics sent together (one digest per destination and schedule); chat topics show by name. */
  topics: { id: string; name: string }[];
  schedule: DigestSchedule;
  mentions: Mention[];
  /** When the target first appeared: its first window ends at the first fire after this. */
  createdAt: string;
  /** The channel's language (`notify[].locale`, else `locale:`); English when absent. */
  locale?: Locale;
}

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
        existing.topics.push({ id: topic.id, name: topic.name });
        existing.mentions.push(
          ...target.mentions.filter((m) => !existing.mentions.some((e) => e.id === m.id)),
        );
      } else {
        byKey.set(key, {
          destination: target.channel,
          topics: [{ id: topic.id, name: topic.name }],
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
