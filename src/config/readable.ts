/**
 * The parts of a configuration file that can be read even when the schema refuses the
 * file, so that one run of `check-config` reports every problem: a wrong channel in one
 * topic must not hide a broken rule, cron or time zone in another. A value of the wrong
 * type is left out here (the schema reports it); what is left is checked by validate.ts.
 */
import type { RawConfig } from "./schema.ts";

export interface ReadableNotify {
  channel?: string | undefined;
  digest?: string | undefined;
  timezone?: string | undefined;
  maxEntries?: number | undefined;
  mention?: unknown;
  /** A name or an inline template; read by validate-templates.ts. */
  template?: unknown;
}

export interface ReadableTopic {
  name?: string | undefined;
  rule?: string | undefined;
  notify: ReadableNotify[];
}

/** What validate.ts checks: a `RawConfig` is one, and so is what `readable` salvages. */
export interface ReadableConfig {
  /** Undefined when the file has a time zone that is not a string. */
  timezone: string | undefined;
  aliases: Record<string, string[]>;
  /** Templates by name, as written (validate-templates.ts reads what it can). */
  templates: Record<string, unknown>;
  feeds: { url?: string | undefined }[];
  topics: ReadableTopic[];
}

type Fields = Record<string, unknown>;

function fields(value: unknown): Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Fields) : {};
}

function list(value: unknown): Fields[] {
  return Array.isArray(value) ? value.map(fields) : [];
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Alias entries that are lists of strings (the schema reports the others). */
function aliases(value: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, entries] of Object.entries(fields(value))) {
    if (Array.isArray(entries)) out[name] = entries.filter((e): e is string => typeof e === "string");
  }
  return out;
}

export function readable(js: unknown): ReadableConfig {
  const root = fields(js);
  return {
    timezone: root.timezone === undefined ? "UTC" : text(root.timezone),
    aliases: aliases(root.aliases),
    templates: fields(root.templates),
    feeds: list(root.feeds).map((f) => ({ url: text(f.url) })),
    topics: list(root.topics).map((t) => ({
      name: text(t.name),
      rule: text(t.rule),
      notify: list(t.notify).map((n) => ({
        channel: text(n.channel),
        digest: text(n.digest),
        timezone: text(n.timezone),
        maxEntries: typeof n.maxEntries === "number" ? n.maxEntries : undefined,
        mention: n.mention,
        template: n.template,
      })),
    })),
  };
}

/** A valid file's values are all readable (a compile-time check that the two stay in step). */
export const fromRaw = (raw: RawConfig): ReadableConfig => raw;
