/**
 * Guild membership from the gateway. GUILD_DELETE means the bot was removed (kicked, or
 * the guild deleted) unless it says `unavailable: true`, which is an outage: the guild
 * comes back by itself. GUILD_CREATE arrives for every guild the bot is in, on each
 * connection and when it is added: a removal pending for that guild is cancelled.
 */
export interface GuildWatcher {
  removed(guildId: string): Promise<void>;
  present(guildId: string): Promise<void>;
}

export type GuildChange = { kind: "removed" | "present"; guildId: string };

export function guildChange(packet: { t?: string | null; d?: unknown }): GuildChange | null {
  if (packet.t !== "GUILD_DELETE" && packet.t !== "GUILD_CREATE") return null;
  const d = packet.d as { id?: unknown; unavailable?: unknown } | null | undefined;
  if (typeof d?.id !== "string") return null;
  if (packet.t === "GUILD_CREATE") return { kind: "present", guildId: d.id };
  return d.unavailable === true ? null : { kind: "removed", guildId: d.id };
}
