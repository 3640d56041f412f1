/**
 * Slack users' languages, for the replies only they see. Slack does not send a locale
 * with a slash command; `users.info` gives it with `include_locale` (`fr-FR`). It is
 * cached per user for `ttlMs` (a language rarely changes, and a command should not wait
 * on the Web API each time); a failed lookup is cached too, as "unknown", so an outage
 * costs one call per user per TTL. Rights are never read from here (they are re-read on
 * every change, see commands.ts).
 */
export interface UserLocaleCache {
  /** The cached locale (null: known to be unknown), or undefined when absent or expired. */
  get(userId: string, nowMs: number): string | null | undefined;
  set(userId: string, locale: string | null, nowMs: number): void;
}

export const USER_LOCALE_TTL_MS = 6 * 3600_000;
/** Bounded: one entry per user who ran a command; the oldest go first. */
const MAX_USERS = 10_000;

export function createUserLocaleCache(ttlMs: number = USER_LOCALE_TTL_MS): UserLocaleCache {
  const entries = new Map<string, { locale: string | null; until: number }>();
  return {
    get(userId, nowMs) {
      const entry = entries.get(userId);
      if (entry === undefined) return undefined;
      if (entry.until <= nowMs) {
        entries.delete(userId);
        return undefined;
      }
      return entry.locale;
    },
    set(userId, locale, nowMs) {
      entries.delete(userId);
      entries.set(userId, { locale, until: nowMs + ttlMs });
      if (entries.size > MAX_USERS) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
    },
  };
}
