/**
 * Alert templates: what a channel's alerts say, per platform, written by whoever edits the
 * configuration. A template's literal text is trusted configuration (it may hold markup);
 * the values of its placeholders are feed text, which every renderer escapes exactly as it
 * escapes feed text elsewhere. A part left out keeps Wirewatch's own rendering of it.
 */

/** Every placeholder a template may use, in the order the docs list them. */
export const PLACEHOLDERS = [
  "title",
  "link",
  "source",
  "summary",
  "topics",
  "time",
  "author",
  "image",
  "lang",
  "also",
] as const;

export type Placeholder = (typeof PLACEHOLDERS)[number];

export interface SlackTemplate {
  /** Plain-text header block (150 characters); "" drops the header. */
  header?: string;
  /** The mrkdwn section that carries the item; `{title}` there is the linked headline. */
  section?: string;
  /** A mrkdwn context line under the section. */
  context?: string;
  /** `accessory` (default): the item's https image beside the section; `none`: no image. */
  image?: "accessory" | "none";
}

export interface DiscordTemplate {
  /** Message text above the embed (after the configured mentions). */
  content?: string;
  /** Embed title, linked to the item. */
  title?: string;
  description?: string;
  footer?: string;
  author?: string;
  /** Embed colour, 0xRRGGBB. */
  colour?: number;
  /** Where the item's https image goes: `thumbnail` (default), `image` (large), `none`. */
  image?: "thumbnail" | "image" | "none";
}

export interface AlertTemplate {
  /** The name in `templates:`, or null for a template written inline in `notify[]`. */
  name: string | null;
  slack?: SlackTemplate;
  discord?: DiscordTemplate;
}

/** How a notify target picks its template: inline (config only) or by name. */
export type TemplateChoice = { kind: "inline"; template: AlertTemplate } | { kind: "named"; name: string };

/** The text parts of each platform, those `check-config` parses. */
export const SLACK_TEXT_PARTS = ["header", "section", "context"] as const;
export const DISCORD_TEXT_PARTS = ["content", "title", "description", "footer", "author"] as const;

/** The template a choice stands for, or null (named but unknown: Wirewatch's own rendering). */
export function resolveTemplate(
  choice: TemplateChoice | null | undefined,
  named: Readonly<Record<string, AlertTemplate>>,
): AlertTemplate | null {
  if (choice == null) return null;
  if (choice.kind === "inline") return choice.template;
  return Object.hasOwn(named, choice.name) ? (named[choice.name] ?? null) : null;
}
