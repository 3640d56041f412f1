/**
 * Checks that need more than the schema: rules parse (with the file's aliases), cron
 * expressions and time zones are valid, names and URLs are unique. They run on what can be
 * read of the file (readable.ts) even when the schema refuses it, and skip what cannot.
 */
import { validateCron } from "../core/digest/windows.ts";
import { aliasEntryProblem, formatWarning, parseRuleWithWarnings } from "../core/rules/index.ts";
import type { ConfigProblem } from "./problems.ts";
import type { ReadableConfig } from "./readable.ts";
import { templatesProblems } from "./validate-templates.ts";

type Located = Omit<ConfigProblem, "line">;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The problems of `raw`; rule warnings (legal but probably not meant) go to `warnings`. */
export function semanticProblems(raw: ReadableConfig, warnings: Located[] = []): Located[] {
  const problems: Located[] = [];
  if (raw.timezone !== undefined && !isTimeZone(raw.timezone))
    problems.push({ path: ["timezone"], message: "expected an IANA time zone" });

  for (const [name, entries] of Object.entries(raw.aliases)) {
    entries.forEach((entry, i) => {
      const problem = aliasEntryProblem(entry);
      if (problem !== null) problems.push({ path: ["aliases", name, i], message: problem });
    });
  }

  const urls = new Map<string, number>();
  raw.feeds.forEach((feed, i) => {
    if (feed.url === undefined) return;
    const first = urls.get(feed.url);
    if (first !== undefined)
      problems.push({ path: ["feeds", i, "url"], message: `same URL as feeds[${first}]` });
    else urls.set(feed.url, i);
  });

  const names = new Map<string, number>();
  // Digest windows are kept per channel, so a channel has one digest schedule.
  const schedules = new Map<string, { key: string; at: string }>();
  raw.topics.forEach((topic, i) => {
    const first = topic.name === undefined ? undefined : names.get(topic.name);
    if (first !== undefined)
      problems.push({ path: ["topics", i, "name"], message: `same name as topics[${first}]` });
    else if (topic.name !== undefined) names.set(topic.name, i);

    if (topic.rule !== undefined && topic.rule !== "") {
      const parsed = parseRuleWithWarnings(topic.rule, { aliases: raw.aliases });
      if (!parsed.ok) problems.push({ path: ["topics", i, "rule"], message: parsed.error.message });
      else
        for (const w of parsed.value.warnings)
          warnings.push({ path: ["topics", i, "rule"], message: formatWarning(w) });
    }

    topic.notify.forEach((n, j) => {
      const at = ["topics", i, "notify", j];
      if (n.digest !== undefined) {
        const cronError = validateCron(n.digest);
        if (cronError !== null) problems.push({ path: [...at, "digest"], message: cronError });
        const key = `${n.digest}|${n.timezone ?? raw.timezone}`;
        // An unreadable channel is the schema's to report.
        const first = n.channel === undefined ? undefined : schedules.get(n.channel);
        if (n.channel !== undefined && first === undefined)
          schedules.set(n.channel, { key, at: `topics[${i}].notify[${j}]` });
        else if (first !== undefined && first.key !== key) {
          problems.push({
            path: [...at, "digest"],
            message: `${n.channel} already has another digest schedule (${first.at}); a channel has one digest schedule`,
          });
        }
      } else if (n.maxEntries !== undefined) {
        problems.push({ path: at, message: "maxEntries applies to digests: add digest: <cron>" });
      }
      if (n.timezone !== undefined && !isTimeZone(n.timezone)) {
        problems.push({
          path: [...at, "timezone"],
          message: "expected an IANA time zone such as Europe/Paris",
        });
      }
      const mentionProblem = n.channel === undefined ? null : mentionPlatformProblem(n.channel, n.mention);
      if (mentionProblem !== null) problems.push({ path: [...at, "mention"], message: mentionProblem });
    });
  });
  problems.push(...templatesProblems(raw));
  return problems;
}

/**
 * Each platform pings its own kind of id: Discord snowflakes (`role:`, `user:` + digits),
 * Slack users (`user:U…`) and user groups (`group:S…`), as chat's `mention:` accepts them.
 */
function mentionPlatformProblem(channel: string, mention: unknown): string | null {
  if (mention === undefined) return null;
  const list = (Array.isArray(mention) ? mention : [mention]).filter(
    (m): m is string => typeof m === "string",
  );
  if (channel.startsWith("discord:")) {
    return list.some((m) => !/^(role|user):\d+$/u.test(m))
      ? "discord: channels ping role:<role id> or user:<user id> (digits)"
      : null;
  }
  if (channel.startsWith("slack:")) {
    return list.some((m) => !/^(user:[UW]|group:S)/u.test(m))
      ? "slack: channels ping user:U… (a user) or group:S… (a user group)"
      : null;
  }
  return "mentions are only sent to slack: and discord: channels";
}
