/**
 * Loads and validates the configuration file. All problems are collected and reported at
 * once with their path and line, sorted by line: the schema's, and those of the rules,
 * crons and time zones that can be read even where the schema fails (readable.ts). Nothing
 * starts on an invalid file (exit code 2). Warnings (a rule's lower-case `and`) do not stop it.
 */
import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { LineCounter, parseDocument } from "yaml";
import type { StoryUpdates } from "../core/digest/story-update.ts";
import type { Locale } from "../core/i18n/index.ts";
import type { AlertTemplate } from "../core/templates/template.ts";
import { primaryLanguage } from "../core/text/index.ts";
import type { Mention, NotifyTarget, Topic } from "../core/topic.ts";
import { parseDuration } from "./duration.ts";
import { type Env, readEnv } from "./env.ts";
import { byLine, ConfigError, type ConfigProblem, lineOf } from "./problems.ts";
import { fromRaw, readable } from "./readable.ts";
import { configSchema, type RawConfig } from "./schema.ts";
import { toTemplate } from "./template-config.ts";
import { semanticProblems } from "./validate.ts";

export interface FeedConfig {
  url: string;
  name: string | null;
  everySeconds: number;
  backfill: number;
  /** Primary language (`fr`) overriding the items' declared and detected languages; null: none. */
  language: string | null;
}

export interface Config {
  file: string;
  database: string;
  timezone: string;
  /** Language of the bot's words where a channel does not say (`notify[].locale`). */
  locale: Locale;
  aliases: Record<string, string[]>;
  poll: {
    everySeconds: number;
    perHost: number;
    global: number;
    maxBodyBytes: number;
    tickMs: number;
    /** WebSub backstop: a pushed feed is polled at most this often. */
    pushedEverySeconds: number;
  };
  delivery: { catchUpThreshold: number; unfurl: boolean; storyUpdates: StoryUpdates };
  digest: { maxEntries: number };
  slack: { admins: string[] };
  /** How long after the bot leaves a guild its chat topics and feeds are removed. */
  discord: { removeAfterSeconds: number };
  quotas: RawConfig["quotas"];
  /** Alert templates by name (`templates:`), for `notify[].template` and `watch … template:`. */
  templates: Record<string, AlertTemplate>;
  feeds: FeedConfig[];
  topics: Topic[];
  env: Env;
  /** Legal but probably not meant (a rule's lower-case `and`), with path and line. */
  warnings: ConfigProblem[];
}

export { ConfigError };

export function loadConfig(file: string, env: Env = readEnv()): Config {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new ConfigError(file, [
      { path: [], message: `cannot read the file (${(cause as Error).message})`, line: null },
    ]);
  }
  return parseConfig(text, file, env);
}

export function parseConfig(text: string, file: string, env: Env = readEnv({})): Config {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const problems: ConfigProblem[] = doc.errors.map((e) => ({
    path: [],
    message: e.message.split("\n")[0] ?? e.message,
    line: counter.linePos(e.pos[0]).line,
  }));
  if (problems.length > 0) throw new ConfigError(file, problems);
  // Environment variables have no line; they are reported with the file's problems.
  for (const v of env.invalid)
    problems.push({ path: [v.name], message: `expected ${v.expected}`, line: null });

  const js: unknown = doc.toJS() ?? {};
  const parsed = configSchema.safeParse(js);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
      problems.push({ path, message: issue.message, line: lineOf(doc, counter, path) });
    }
  }
  const located: Omit<ConfigProblem, "line">[] = [];
  const semantic = semanticProblems(parsed.success ? fromRaw(parsed.data) : readable(js), located);
  for (const p of semantic) problems.push({ ...p, line: lineOf(doc, counter, p.path) });
  const warnings = byLine(located.map((w) => ({ ...w, line: lineOf(doc, counter, w.path) })));
  if (problems.length > 0 || !parsed.success) throw new ConfigError(file, byLine(problems), warnings);
  return { ...resolveConfig(parsed.data, file, env), warnings };
}

function resolveConfig(raw: RawConfig, file: string, env: Env): Omit<Config, "warnings"> {
  const seconds = (text: string | undefined, fallback: number) =>
    text === undefined ? fallback : (parseDuration(text) ?? fallback);
  const defaultEvery = seconds(raw.poll.every, 600);
  return {
    file,
    database: env.databaseUrl ?? raw.database,
    timezone: raw.timezone,
    locale: raw.locale,
    aliases: raw.aliases,
    poll: {
      everySeconds: defaultEvery,
      perHost: raw.poll.perHost,
      global: raw.poll.global,
      maxBodyBytes: raw.poll.maxBodyBytes,
      tickMs: seconds(raw.poll.tick, 15) * 1000,
      pushedEverySeconds: seconds(raw.poll.pushedEvery, 3600),
    },
    delivery: raw.delivery,
    digest: raw.digest,
    slack: raw.slack,
    discord: { removeAfterSeconds: seconds(raw.discord.removeAfter, 7 * 86400) },
    quotas: raw.quotas,
    templates: Object.fromEntries(Object.entries(raw.templates).map(([k, v]) => [k, toTemplate(v, k)])),
    feeds: raw.feeds.map((f) => ({
      url: resolveFeedUrl(f.url, file),
      name: f.name ?? null,
      everySeconds: seconds(f.every, defaultEvery),
      backfill: f.backfill,
      language: primaryLanguage(f.language ?? null),
    })),
    topics: raw.topics.map((t) => ({
      id: `config:${t.name}`,
      name: t.name,
      rule: t.rule,
      origin: "config" as const,
      paused: t.paused,
      notify: t.notify.map(
        (n): NotifyTarget => ({
          channel: n.channel,
          digest:
            n.digest === undefined
              ? null
              : {
                  cron: n.digest,
                  timezone: n.timezone ?? raw.timezone,
                  maxEntries: n.maxEntries ?? raw.digest.maxEntries,
                },
          mentions: toMentions(n.mention),
          locale: n.locale ?? raw.locale,
          ...(n.digest === undefined && n.timezone !== undefined ? { timezone: n.timezone } : {}),
          ...(n.template === undefined
            ? {}
            : {
                template:
                  typeof n.template === "string"
                    ? { kind: "named" as const, name: n.template }
                    : { kind: "inline" as const, template: toTemplate(n.template, null) },
              }),
        }),
      ),
    })),
    env,
  };
}

/** `file:` URLs in the config are relative to the config file's folder. */
function resolveFeedUrl(url: string, configFile: string): string {
  return resolveFileUrl(url, resolve(configFile, ".."));
}

/**
 * `file:NAME` (relative to `dir`), `file:/abs` and `file:///abs` as an absolute file URL;
 * any other URL unchanged. The config and `wirewatch inspect` accept the same forms.
 */
export function resolveFileUrl(url: string, dir: string): string {
  if (!url.toLowerCase().startsWith("file:")) return url;
  const path = url.slice("file:".length).replace(/^\/\//, "");
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return pathToFileURL(resolve(dir, path)).href;
}

function toMentions(value: string | string[] | undefined): Mention[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.map((m) => {
    const [kind, id = ""] = m.split(":");
    // A Slack user group pings like a Discord role: `<!subteam^S…>` (see chat/slack/render.ts).
    return kind === "role" || kind === "group" ? { kind: "role", id } : { kind: "user", id };
  });
}
