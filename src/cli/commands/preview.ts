/**
 * `wirewatch preview --topic NAME --item <url|file>`: the alert a config topic would post
 * for an item, as the Slack and Discord payloads (JSON) its template renders. The item is
 * read like `inspect` reads a feed (local file, or a URL through the guarded fetcher with
 * its size, time and redirect limits); of its entries, the first the topic's rule matches
 * is shown, else the first (said on stderr). Nothing is stored or sent.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { renderDiscord } from "../../chat/discord/render.ts";
import { renderSlack } from "../../chat/slack/render.ts";
import { type Config, resolveFileUrl } from "../../config/load.ts";
import { buildAlertMessage } from "../../core/digest/alert.ts";
import { FeedError } from "../../core/errors.ts";
import type { Item } from "../../core/item.ts";
import type { Highlight } from "../../core/message.ts";
import { type AlertTemplate, resolveTemplate } from "../../core/templates/template.ts";
import type { NotifyTarget, Topic } from "../../core/topic.ts";
import { createTopicMatcher } from "../../core/topic-matcher.ts";
import { createFeedSource } from "../../feeds/feed-source.ts";
import { createFetcher } from "../../feeds/fetch/index.ts";
import { USER_AGENT } from "../../main.ts";
import { stringFlag } from "../args.ts";
import type { CliCommand, CliIo } from "../command.ts";
import { configFromArgs } from "../load-config.ts";

const PLATFORMS = ["slack", "discord"] as const;
type Platform = (typeof PLATFORMS)[number];

export const previewCommand: CliCommand = {
  name: "preview",
  summary: "print the Slack and Discord payloads a topic's template renders for an item (JSON)",
  usage:
    "wirewatch preview --topic NAME --item <url|file:path|path> [--template NAME] [--config FILE]\n" +
    "--item is a feed (RSS, Atom, JSON Feed); the first entry the topic's rule matches is shown, else the first;\n" +
    "--template previews a template from templates: instead of the topic's own;\n" +
    "exit 0 with the JSON on stdout, 1 when the item cannot be read, 2 on bad input or config",
  valueFlags: ["topic", "item", "template", "config"],
  async run(args, io) {
    const name = stringFlag(args, "topic");
    const target = stringFlag(args, "item");
    if (name === null || target === null) {
      io.err(`usage: ${this.usage}`);
      return 2;
    }
    const config = configFromArgs(args, io);
    if (config === null) return 2;
    const topic = config.topics.find((t) => t.name === name);
    if (topic === undefined) {
      const names = config.topics.map((t) => t.name).join(", ") || "none";
      io.err(`no config topic named ${name} (topics: ${names})`);
      return 2;
    }
    const override = stringFlag(args, "template");
    if (override !== null && !Object.hasOwn(config.templates, override)) {
      io.err(
        `no template named ${override} (templates: ${Object.keys(config.templates).join(", ") || "none"})`,
      );
      return 2;
    }
    const items = await readItems(target, config, io);
    if (items === null) return 1;
    const picked = pick(items, topic, config, io);
    if (picked === null) return 1;
    const out: Record<string, unknown> = {
      topic: topic.name,
      item: { title: picked.item.title, link: picked.item.link, image: picked.item.image ?? null },
      matched: picked.matched,
    };
    for (const platform of PLATFORMS) {
      const notify = targetFor(topic, platform);
      const template =
        override !== null
          ? (config.templates[override] ?? null)
          : resolveTemplate(notify?.template, config.templates);
      const message = buildAlertMessage({
        item: picked.item,
        topicNames: [topic.name],
        highlights: picked.highlights,
        timezone: config.timezone,
        mentions: notify?.channel.startsWith(`${platform}:`) ? notify.mentions : [],
        template,
      });
      const payloads =
        platform === "slack"
          ? renderSlack(message, { unfurl: config.delivery.unfurl })
          : renderDiscord(message);
      out[platform] = { channel: notify?.channel ?? null, template: templateLabel(template), payloads };
    }
    io.out(JSON.stringify(out, null, 2));
    return 0;
  },
};

/** The topic's instant target on `platform`, else its first instant target (whose template is previewed). */
function targetFor(topic: Topic, platform: Platform): NotifyTarget | undefined {
  const instant = topic.notify.filter((n) => n.digest === null);
  return instant.find((n) => n.channel.startsWith(`${platform}:`)) ?? instant[0];
}

function templateLabel(template: AlertTemplate | null): string | null {
  if (template === null) return null;
  return template.name ?? "(inline)";
}

async function readItems(target: string, config: Config, io: CliIo): Promise<Item[] | null> {
  // As `inspect`: `file:x.xml` is relative to the current folder, and so is a bare path.
  const url = /^[a-z][a-z0-9+.-]*:/i.test(target)
    ? resolveFileUrl(target, process.cwd())
    : pathToFileURL(resolve(target)).href;
  if (url.startsWith("file:") && !existsSync(fileURLToPath(url))) {
    io.err(`no such file: ${fileURLToPath(url)}`);
    return null;
  }
  const fetcher = createFetcher({ userAgent: USER_AGENT });
  try {
    // The operator runs this command: their own URLs are trusted, as in the config file and `inspect`.
    const read = await createFeedSource({ fetcher }).read({
      url,
      etag: null,
      lastModified: null,
      trusted: true,
      // A feed of the config shows under its configured name, as its alerts do.
      sourceName: config.feeds.find((f) => f.url === url)?.name ?? null,
    });
    if (read.kind === "not_modified") {
      io.err("304 not modified: nothing to preview");
      return null;
    }
    return read.feed.items;
  } catch (error) {
    if (error instanceof FeedError) {
      io.err(`${error.code}: ${error.message}`);
      return null;
    }
    throw error;
  } finally {
    await fetcher.close();
  }
}

function pick(
  items: Item[],
  topic: Topic,
  config: Config,
  io: CliIo,
): { item: Item; highlights: Highlight[]; matched: boolean } | null {
  const matcher = createTopicMatcher([{ ...topic, paused: false }], config.aliases);
  for (const item of items) {
    const [match] = matcher.match(item);
    if (match !== undefined) return { item, highlights: match.highlights, matched: true };
  }
  const first = items[0];
  if (first === undefined) {
    io.err("the feed has no entries");
    return null;
  }
  io.err(`no entry matches the rule of ${topic.name}; showing the first entry`);
  return { item: first, highlights: [], matched: false };
}
