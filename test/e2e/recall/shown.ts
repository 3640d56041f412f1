/**
 * What a channel shows, read back from the fake Slack and Discord logs (final state, after
 * edits): the links of the entries each message leads with (`primary`, counted per
 * message: an alert, a thread reply, a catch-up entry) and the links of other outlets'
 * reports listed on a story's alert (`reports`).
 */
import type { DiscordMessage } from "../../fakes/discord-api.ts";
import type { SlackMessage } from "../../fakes/slack-api.ts";

export interface Shown {
  primary: Map<string, number>;
  reports: Set<string>;
}

const SLACK_LINK = /<(https?:[^|>]+)\|/g;

export function slackShown(messages: SlackMessage[]): Shown {
  const shown: Shown = { primary: new Map(), reports: new Set() };
  for (const message of messages) {
    const blocks = Array.isArray(message.blocks) ? (message.blocks as { text?: { text?: string } }[]) : [];
    for (const block of blocks) {
      for (const line of (block.text?.text ?? "").split("\n")) {
        const links = [...line.matchAll(SLACK_LINK)].map((m) => (m[1] ?? "").replaceAll("&amp;", "&"));
        const [first] = links;
        if (first === undefined) continue;
        if (line.startsWith("\u21b3")) shown.reports.add(first);
        else count(shown, first);
      }
    }
  }
  return shown;
}

export function discordShown(messages: DiscordMessage[]): Shown {
  const shown: Shown = { primary: new Map(), reports: new Set() };
  for (const message of messages) {
    for (const embed of message.embeds as { url?: string; fields?: { value: string }[] }[]) {
      if (typeof embed.url === "string") count(shown, embed.url);
      for (const field of embed.fields ?? []) {
        for (const m of field.value.matchAll(/https?:\/\/\S+/g)) shown.reports.add(m[0]);
      }
    }
  }
  return shown;
}

function count(shown: Shown, link: string): void {
  shown.primary.set(link, (shown.primary.get(link) ?? 0) + 1);
}
