/** Parsing of option values shared by several commands. Bad values are `UserError`s shown privately. */
import { validateCron } from "../digest/windows.ts";
import { isValidTimeZone } from "../digest/zone.ts";
import { UserError } from "../errors.ts";
import { redactUrl } from "../redact-url.ts";
import type { Mention } from "../topic.ts";
import { userError } from "./user-text.ts";

const UNIT_SECONDS: Readonly<Record<string, number>> = { m: 60, h: 3600, d: 86400, w: 604800 };

/** `30m`, `24h`, `7d`, `2w` → seconds; at most 365 days. */
export function parseSince(text: string): number {
  const match = /^(\d{1,4})([mhdw])$/u.exec(text.trim().toLowerCase());
  const seconds = match === null ? undefined : Number(match[1]) * (UNIT_SECONDS[match[2] ?? ""] ?? 0);
  if (seconds === undefined || seconds <= 0 || seconds > 365 * 86400) {
    throw userError("value.since", { text });
  }
  return seconds;
}

/**
 * Mentions as the platforms write them: Discord `<@&role>` / `<@user>` / `<@!user>`,
 * Slack user groups `<!subteam^S123|@team>` and users `<@U123|name>` (what Slack sends
 * when the name is picked from its autocomplete), and the config file's forms
 * `user:U123`, `group:S123`, `role:<id>`, `user:<id>`. Anything else (a bare `@desk` Slack
 * did not resolve, `@everyone`, free text) is refused: only explicit ids are ever pinged,
 * and names are not looked up.
 */
export function parseMention(text: string): Mention {
  const t = text.trim();
  const discordRole = /^<@&(\d{17,20})>$/u.exec(t);
  if (discordRole?.[1] !== undefined) return { kind: "role", id: discordRole[1] };
  const discordUser = /^<@!?(\d{17,20})>$/u.exec(t);
  if (discordUser?.[1] !== undefined) return { kind: "user", id: discordUser[1] };
  const slackGroup = /^<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>$/u.exec(t);
  if (slackGroup?.[1] !== undefined) return { kind: "role", id: slackGroup[1] };
  const slackUser = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/u.exec(t);
  if (slackUser?.[1] !== undefined) return { kind: "user", id: slackUser[1] };
  const written = /^(role|user|group):([UWS][A-Z0-9]{2,20}|\d{17,20})$/u.exec(t);
  const [, kind, id] = written ?? [];
  if (kind !== undefined && id !== undefined) {
    const slackId = !/^\d/u.test(id);
    // Slack users are U…/W…, groups S…; Discord ids are digits: a mismatch is a typo.
    if (kind === "group" && slackId && id.startsWith("S")) return { kind: "role", id };
    if (kind === "user" && (!slackId || /^[UW]/u.test(id))) return { kind: "user", id };
    if (kind === "role" && !slackId) return { kind: "role", id };
  }
  throw userError("value.mention");
}

/** Checked by the digest scheduler's own parser, so a topic accepted here always schedules. */
export function parseCron(text: string): string {
  const cron = text.trim().split(/\s+/u).join(" ");
  const problem = validateCron(cron);
  if (problem !== null) {
    throw userError("value.cron", { text, problem });
  }
  return cron;
}

export function parseTimezone(text: string): string {
  const zone = text.trim();
  if (!isValidTimeZone(zone)) throw userError("value.tz", { text });
  return zone;
}

/** Topic names are short handles: letters, digits, `-` and `_`. */
export function parseTopicName(text: string): string {
  const name = text.trim();
  if (!/^[\p{L}\p{N}][\p{L}\p{N}_-]{0,39}$/u.test(name)) {
    throw userError("value.topicName", { name });
  }
  return name;
}

/**
 * Only http(s) on the default ports; the guarded fetcher re-checks every address it connects
 * to. No userinfo (user, password, or a password alone as in `http://:pw@host/`): chat
 * replies are public, and a credential in the address would be shown to the channel.
 */
export function parseFeedUrl(text: string): string {
  const raw =
    text
      .trim()
      .replace(/^<(.*)>$/su, "$1")
      .split("|")[0] ?? "";
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserError(`"${raw}" is not a URL. Use a full http:// or https:// address.`);
  }
  if (url.username !== "" || url.password !== "" || /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/iu.test(raw)) {
    throw new UserError(
      `${redactUrl(raw)}: addresses with a user name or password are not accepted from chat (they would be shown to the channel). Ask an operator to add the feed to the configuration file.`,
      "feed_userinfo",
    );
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.port !== "") {
    throw new UserError("Only http:// and https:// feed addresses on the standard ports are accepted.");
  }
  url.hash = "";
  return url.toString();
}

export function secondsBefore(now: Date, seconds: number): string {
  return new Date(now.getTime() - seconds * 1000).toISOString();
}
