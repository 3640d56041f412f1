/**
 * Mute 24 h: a topic muted in one destination produces no alert there until the mute
 * ends. It is a user's explicit choice, so the poll does not hold the alerts back for
 * later: it skips them, and logs and counts every one it skips ("nothing hidden").
 * Muting again while muted moves the end to 24 h from the new press.
 */
export const MUTE_HOURS = 24;

export interface TopicMute {
  destination: string;
  topicId: string;
  /** ISO instant the mute ends. */
  until: string;
  /** Who pressed Mute (platform user id). */
  mutedBy: string;
}

/** The store side of mutes. */
export interface MuteStore {
  /** Mutes `topicId` in `destination` until `until` (a later press replaces the end). */
  muteTopic(mute: TopicMute, now: string): Promise<void>;
  /** Mutes that have not ended at `now`. */
  activeMutes(now: string): Promise<TopicMute[]>;
}

export function muteEnd(now: Date): string {
  return new Date(now.getTime() + MUTE_HOURS * 3600_000).toISOString();
}

/** Looks mutes up by destination and topic. */
export function muteIndex(
  mutes: readonly TopicMute[],
): (destination: string, topicId: string) => TopicMute | null {
  const byKey = new Map(mutes.map((m) => [`${m.destination}\u0000${m.topicId}`, m]));
  return (destination, topicId) => byKey.get(`${destination}\u0000${topicId}`) ?? null;
}
