import { err, ok, type Result } from "./errors.ts";

/**
 * Where alerts go. Written in config and stored as a key: `console`,
 * `slack:C0123ABCD`, `discord:112233445566778899`.
 */
export type Destination =
  | { platform: "console"; channelId: "" }
  | { platform: "slack"; channelId: string }
  | { platform: "discord"; channelId: string };

export type Platform = Destination["platform"];

const SLACK_CHANNEL = /^[CGD][A-Z0-9]{6,}$/;
const DISCORD_SNOWFLAKE = /^\d{17,20}$/;

export const DESTINATION_HINT = "expected slack:<id>, discord:<id> or console";

export function parseDestination(text: string): Result<Destination, string> {
  if (text === "console") return ok({ platform: "console", channelId: "" });
  const [platform, id = ""] = text.split(":", 2);
  if (platform === "slack" && SLACK_CHANNEL.test(id)) return ok({ platform, channelId: id });
  if (platform === "discord" && DISCORD_SNOWFLAKE.test(id)) return ok({ platform, channelId: id });
  return err(DESTINATION_HINT);
}

export function destinationKey(d: Destination): string {
  return d.platform === "console" ? "console" : `${d.platform}:${d.channelId}`;
}
