/**
 * Structural safety checks shared by the golden and property tests: they look at what a
 * platform would parse, whatever the message was, so they hold for any feed text.
 */
import type { DiscordPayload } from "../../src/chat/discord/render.ts";
import type { SlackPayload } from "../../src/chat/slack/render.ts";

/** Every string leaf of a JSON-like value. */
export function stringLeaves(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(stringLeaves);
  return [];
}

const SLACK_LINK = /^https?:\/\/[^\s<>|]+\|[^<>|]*$/;

/**
 * Slack parses `<…>` as links, mentions and broadcasts. The only `<…>` allowed are the
 * configured mentions and `<http(s)-url|label>` links; no other `<` or `>` may survive.
 */
export function slackSafetyProblems(payloads: SlackPayload[], configured: string[]): string[] {
  const problems: string[] = [];
  for (const [i, payload] of payloads.entries()) {
    if ("link_names" in payload) problems.push(`payload ${i}: link_names set`);
    for (const leaf of stringLeaves(payload)) {
      let rest = leaf;
      for (const mention of configured) rest = rest.replaceAll(mention, "");
      if (/<[!@#]/.test(rest)) problems.push(`payload ${i}: live mention in ${JSON.stringify(leaf)}`);
      for (const match of rest.matchAll(/<([^<>]*)>/g)) {
        if (!SLACK_LINK.test(match[1] ?? "")) problems.push(`payload ${i}: not an http(s) link: ${match[0]}`);
      }
      if (/[<>]/.test(rest.replace(/<[^<>]*>/g, ""))) problems.push(`payload ${i}: stray < or > in ${leaf}`);
    }
  }
  return problems;
}

/**
 * Discord: no `@everyone`/`@here`, no `<@…>`/`<@&…>`/`<#…>` and no masked link `](` in
 * anything but the configured mention line; every embed url is http(s); `allowed_mentions`
 * never lets Discord parse and names only configured ids.
 */
export function discordSafetyProblems(
  payloads: DiscordPayload[],
  configured: { roles: string[]; users: string[] },
): string[] {
  const problems: string[] = [];
  const mentionStrings = [
    ...configured.roles.map((id) => `<@&${id}>`),
    ...configured.users.map((id) => `<@${id}>`),
  ];
  for (const [i, payload] of payloads.entries()) {
    const { parse, roles = [], users = [] } = payload.allowed_mentions;
    if (parse.length !== 0) problems.push(`payload ${i}: allowed_mentions.parse not empty`);
    for (const id of roles) if (!configured.roles.includes(id)) problems.push(`payload ${i}: role ${id}`);
    for (const id of users) if (!configured.users.includes(id)) problems.push(`payload ${i}: user ${id}`);
    for (const embed of payload.embeds) {
      if (embed.url !== undefined && !/^https?:\/\//.test(embed.url))
        problems.push(`payload ${i}: url ${embed.url}`);
    }
    // Embed urls are never shown as text (they are checked to be http(s) above).
    const shown = payload.embeds.map(({ url: _url, ...rest }) => rest);
    for (const leaf of stringLeaves({ content: payload.content, embeds: shown })) {
      let rest = leaf;
      for (const mention of mentionStrings) rest = rest.replaceAll(mention, "");
      if (/@(everyone|here)/i.test(rest)) problems.push(`payload ${i}: live @everyone/@here in ${leaf}`);
      if (/<[@#]/.test(rest)) problems.push(`payload ${i}: live mention in ${leaf}`);
      if (rest.includes("](")) problems.push(`payload ${i}: masked link in ${leaf}`);
    }
  }
  return problems;
}
