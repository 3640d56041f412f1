import type { DiscordEmbed, DiscordPayload } from "./render.ts";

/**
 * Discord's message limits, from `../shared/corpora/specs/limits.json` (the API docs'
 * "Embed Limits" and the OpenAPI spec). Content is 2,000 although the spec says 4,000:
 * the docs and webhooks say 2,000, the safe bound for a bot.
 */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Title, description, field names and values, footer and author of ALL embeds of one message. */
  embedCharsPerMessage: 6000,
  url: 2048,
  /** Message components: buttons per action row, a button's label and `custom_id`. */
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

/** Characters an embed counts against the 6,000 per message (Discord trims before counting). */
export function embedLength(embed: DiscordEmbed): number {
  let total = (embed.title ?? "").trim().length + (embed.description ?? "").trim().length;
  total += (embed.footer?.text ?? "").trim().length + (embed.author?.name ?? "").trim().length;
  for (const f of embed.fields ?? []) total += f.name.trim().length + f.value.trim().length;
  return total;
}

/** Every limit a payload breaks, as readable strings; empty when it is within all of them. */
export function discordLimitViolations(payload: DiscordPayload): string[] {
  const problems: string[] = [];
  const L = DISCORD_LIMITS;
  if (payload.content.length > L.content) problems.push(`content ${payload.content.length}`);
  if (payload.content.trim() === "" && payload.embeds.length === 0) problems.push("empty message");
  if (payload.embeds.length > L.embedsPerMessage) problems.push(`${payload.embeds.length} embeds`);
  if (payload.allowed_mentions.parse.length !== 0) problems.push("allowed_mentions.parse not empty");
  let total = 0;
  payload.embeds.forEach((e, i) => {
    total += embedLength(e);
    const over = (what: string, length: number, max: number) => {
      if (length > max) problems.push(`embed ${i} ${what} ${length}`);
    };
    over("title", e.title?.length ?? 0, L.embedTitle);
    over("description", e.description?.length ?? 0, L.embedDescription);
    over("fields", e.fields?.length ?? 0, L.embedFields);
    over("footer", e.footer?.text.length ?? 0, L.footerText);
    over("author", e.author?.name.length ?? 0, L.authorName);
    over("url", e.url?.length ?? 0, L.url);
    for (const f of e.fields ?? []) {
      over("field name", f.name.length, L.fieldName);
      over("field value", f.value.length, L.fieldValue);
    }
    if (e.url !== undefined && !/^https?:\/\//.test(e.url)) problems.push(`embed ${i} url not http(s)`);
    for (const image of [e.thumbnail, e.image]) {
      if (image === undefined) continue;
      over("image url", image.url.length, L.url);
      if (!image.url.startsWith("https://")) problems.push(`embed ${i} image not https`);
    }
  });
  if (total > L.embedCharsPerMessage) problems.push(`embed text ${total}`);
  for (const row of payload.components ?? []) {
    if (row.components.length > L.buttonsPerRow) problems.push(`${row.components.length} buttons in a row`);
    for (const b of row.components) {
      if (b.label.length > L.buttonLabel) problems.push(`button label ${b.label.length}`);
      if (b.custom_id.length > L.customId) problems.push(`custom_id ${b.custom_id.length}`);
    }
  }
  return problems;
}
