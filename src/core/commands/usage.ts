import type { ChatPlatform, CommandSpec, OptionSpec } from "./types.ts";

export const ROOT = "/wirewatch";
/**
 * Discord can only restrict whole top-level commands, so its configuration commands
 * live under a second root (see chat/discord/register.ts); Slack has one root.
 */
export const DISCORD_MANAGE_ROOT = "/wirewatch-admin";

export function rootFor(spec: CommandSpec, platform: ChatPlatform | null): string {
  return platform === "discord" && spec.access === "manage" ? DISCORD_MANAGE_ROOT : ROOT;
}

function optionUsage(o: OptionSpec): string {
  const shown = o.style === "keyed" ? `${o.name}:<${o.name}>` : `<${o.name}>`;
  return o.required ? shown : `[${shown}]`;
}

/** `/wirewatch watch <name> <rule> [digest:<digest>] …`, built from the spec so help never drifts. */
export function usage(spec: CommandSpec, platform: ChatPlatform | null = null): string {
  const options = spec.options.map((o) =>
    platform === "discord" ? (o.required ? `<${o.name}>` : `[${o.name}]`) : optionUsage(o),
  );
  return [rootFor(spec, platform), spec.path, ...options].join(" ");
}
