/**
 * Which language a channel reads. The config file says it per notify target
 * (`notify[].locale`, defaulting to the top-level `locale:`); a channel that several
 * config topics notify takes the first one's. Topics added from chat have no locale of
 * their own (the store keeps none): they take their channel's, else the top-level one.
 */
import type { Locale } from "./i18n/index.ts";
import type { Topic } from "./topic.ts";

export function channelLocale(configTopics: readonly Topic[], channel: string, fallback: Locale): Locale {
  for (const topic of configTopics) {
    for (const target of topic.notify) {
      if (target.channel === channel && target.locale !== undefined) return target.locale;
    }
  }
  return fallback;
}

/** Chat topics with their channel's locale filled in; targets that have one keep it. */
export function withChannelLocales<T extends Topic>(
  topics: readonly T[],
  configTopics: readonly Topic[],
  fallback: Locale,
): T[] {
  return topics.map((topic) => ({
    ...topic,
    notify: topic.notify.map((n) =>
      n.locale !== undefined ? n : { ...n, locale: channelLocale(configTopics, n.channel, fallback) },
    ),
  }));
}
