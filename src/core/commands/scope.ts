import type { Actor } from "./types.ts";

/**
 * Everything chat-managed is keyed by (platform, workspace or guild, channel):
 * the scope `slack:T…` / `discord:<guild>` owns feeds and topics, the destination
 * `slack:C…` / `discord:<channel>` receives alerts.
 */
export function scopeKey(actor: Actor): string {
  return `${actor.platform}:${actor.workspace ?? `dm-${actor.userId}`}`;
}

export function destinationOf(actor: Actor): string {
  return `${actor.platform}:${actor.channel}`;
}

/** Quota counters are per user inside a workspace, so one user cannot spend another's budget. */
export function userKey(actor: Actor): string {
  return `${scopeKey(actor)}:${actor.userId}`;
}
