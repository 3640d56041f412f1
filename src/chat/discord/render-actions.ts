/**
 * An alert's buttons as one action row of message components on its first payload. Each
 * `custom_id` is the ids string of core/commands/action-ids.ts, at most 100 characters
 * (DISCORD_LIMITS.customId); nothing else travels.
 */
import { encodeAction } from "../../core/commands/action-ids.ts";
import { alertButtons } from "../../core/commands/button-labels.ts";
import type { Message } from "../../core/message.ts";
import { DISCORD_LIMITS } from "./limits.ts";
import type { DiscordPayload } from "./render.ts";

export interface DiscordButton {
  type: 2;
  /** 2: secondary (grey). */
  style: 2;
  label: string;
  custom_id: string;
}

export interface DiscordActionRow {
  type: 1;
  components: DiscordButton[];
}

export function discordActionRow(message: Message): DiscordActionRow | null {
  if (message.kind !== "alert" || !message.actions) return null;
  const components: DiscordButton[] = [];
  for (const { kind, label } of alertButtons(message.locale)) {
    const customId = encodeAction(kind, message.actions, DISCORD_LIMITS.customId);
    if (customId !== null) components.push({ type: 2, style: 2, label, custom_id: customId });
  }
  return components.length === 0 ? null : { type: 1, components };
}

export function withDiscordActions(message: Message, payloads: DiscordPayload[]): DiscordPayload[] {
  const row = discordActionRow(message);
  const [first, ...rest] = payloads;
  if (row === null || first === undefined) return payloads;
  return [{ ...first, components: [row] }, ...rest];
}
