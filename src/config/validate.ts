/**
 * Checks that need more than the schema: rules parse (with the file's aliases), cron
 * expressions and time zones are valid, names and URLs are unique.
 */
import { validateCron } from "../core/digest/windows.ts";
import { parseRule } from "../core/rules/index.ts";
import type { ConfigProblem } from "./problems.ts";
import type { RawConfig } from "./schema.ts";

type Located = Omit<ConfigProblem, "line">;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function semanticProblems(raw: RawConfig): Located[] {
  const problems: Located[] = [];
  if (!isTimeZone(raw.timezone)) problems.push({ path: ["timezone"], message: "expected an IANA time zone" });

  const urls = new Map<string, number>();
  raw.feeds.forEach((feed, i) => {
    const first = urls.get(feed.url);
    if (first !== undefined)
      problems.push({ path: ["feeds", i, "url"], message: `same URL as feeds[${first}]` });
    else urls.set(feed.url, i);
  });

  const names = new Map<string, number>();
  // Digest windows are kept per channel, so a channel has one digest schedule.
  const schedules = new Map<string, { key: string; at: string }>();
  raw.topics.forEach((topic, i) => {
    const first = names.get(topic.name);
    if (first !== undefined)
      problems.push({ path: ["topics", i, "name"], message: `same name as topics[${first}]` });
    else names.set(topic.name, i);

    const parsed = parseRule(topic.rule, { aliases: raw.aliases });
    if (!parsed.ok) problems.push({ path: ["topics", i, "rule"], message: parsed.error.message });

    topic.notify.forEach((n, j) => {
      const at = ["topics", i, "notify", j];
      if (n.digest !== undefined) {
        const cronError = validateCron(n.digest);
        if (cronError !== null) problems.push({ path: [...at, "digest"], message: cronError });
        const key = `${n.digest}|${n.timezone ?? raw.timezone}`;
        const first = schedules.get(n.channel);
        if (first === undefined) schedules.set(n.channel, { key, at: `topics[${i}].notify[${j}]` });
        else if (first.key !== key) {
          problems.push({
            path: [...at, "digest"],
            message: `${n.channel} already has another digest schedule (${first.at}); a channel has one digest schedule`,
          });
        }
      } else if (n.timezone !== undefined || n.maxEntries !== undefined) {
        problems.push({ path: at, message: "timezone and maxEntries apply to digests: add digest: <cron>" });
      }
      if (n.timezone !== undefined && !isTimeZone(n.timezone)) {
        problems.push({
          path: [...at, "timezone"],
          message: "expected an IANA time zone such as Europe/Paris",
        });
      }
      if (n.mention !== undefined && !n.channel.startsWith("discord:")) {
        problems.push({ path: [...at, "mention"], message: "mentions are only sent to discord: channels" });
      }
    });
  });
  return problems;
}
