/**
 * English: the catalog that defines the keys. `cmd.<path>` and `opt.<path>.<option>` are
 * the command specs' descriptions (a test keeps them equal to the specs). Examples meant
 * to be copied are between backticks and ASCII only: renderers show them as code.
 */
export interface PluralForms {
  one: string;
  other: string;
  /** French and Spanish large round numbers ("1 million de …"). */
  many?: string;
}

export const en = {
  "alert.heading": "Alert",
  "alert.headingTopics": "Alert · {topics}",
  "digest.heading": "Digest · {topics}",
  "digest.items": { one: "{n} item", other: "{n} items" },
  "digest.title": "{heading} — {count} ({end})",
  "entry.alsoReportedBy": "also reported by {sources}",
  "entry.alsoReportedByField": "Also reported by",
  "entry.alsoReportedBySource": "Also reported by {source}",
  "entry.untitled": "(untitled)",
  "render.part": "part {part}/{parts}",
  "render.entries": { one: "{n} entry", other: "{n} entries" },

  "reply.unknownCommand": 'Unknown command "{path}". Try `/wirewatch help`.',
  "reply.failed": "Something went wrong on our side; the error was logged.",
  "reply.onlyCommands": "Wirewatch only answers its slash commands.",
  "perm.direct": "Configuration commands work in a channel, not in a direct message.",
  "perm.otherGuild": "This channel does not belong to the server this command came from.",
  "perm.otherWorkspace": "This channel does not belong to the workspace where Wirewatch is installed.",
  "perm.discordManage": "Only members with the Manage Channels permission can use `{path}`.",
  "perm.slackManage": "Only workspace admins and owners, or users listed in slack.admins, can use `{path}`.",

  "help.heading": "Wirewatch commands",
  "help.rules":
    'Rules are accent-blind: words, "quoted phrases", AND, OR, NOT, prefixes (`cooper*`), title:, source:, NEAR/5.',
  "help.managers": "(admins and channel managers)",
  "help.example": "Example: `{example}`",
  "cmd.search": "Search recent news with the rule language (accent-blind), newest first",
  "opt.search.query": 'words or a rule, e.g. "etats-unis" AND russie',
  "opt.search.since": "how far back: 24h, 7d, 2w (default 7d)",
  "opt.search.source": "only this source, e.g. RFI",
  "cmd.watch": "Watch a topic in this channel: a name and a rule",
  "opt.watch.name": "short name of the topic",
  "opt.watch.rule": 'rule, e.g. russie AND "etats-unis"',
  "opt.watch.digest": 'cron time for a digest instead of instant alerts, e.g. "0 8 * * *"',
  "opt.watch.tz": "time zone of the digest, e.g. Europe/Paris (default UTC)",
  "opt.watch.mention": "a role or user to ping with each alert",
  "cmd.unwatch": "Stop watching a topic in this channel",
  "opt.unwatch.name": "the topic's name",
  "cmd.topics": "Topics watched in this channel: rule, instant or digest, last match",
  "cmd.test": "Preview a rule on the last 7 days of items (or since:) without saving it",
  "opt.test.rule": 'rule, e.g. coopération AND "etats-unis"',
  "opt.test.since": "how far back to look, e.g. 30d (default 7d, at most a year)",
  "cmd.why": "Explain why each topic of this channel matched a stored item, or did not",
  "opt.why.link": "the item's link",
  "cmd.pause": "Pause alerts for one topic or the whole channel",
  "opt.pause.name": "one topic; all of this channel's topics when omitted",
  "cmd.resume": "Resume alerts for one topic or the whole channel",
  "opt.resume.name": "one topic; all of this channel's topics when omitted",
  "cmd.digest now": "Send this channel's pending digest now instead of at its scheduled time",
  "opt.digest now.name": "only this topic's digest",
  "cmd.feeds add": "Add a feed for this workspace: fetched once now, its current items stored without alerts",
  "opt.feeds add.url": "http(s) address of an RSS, Atom or JSON feed",
  "opt.feeds add.lang":
    "the feed's language (fr, pt-BR): overrides what the feed declares and what is detected",
  "cmd.feeds remove": "Stop polling a feed this workspace added",
  "opt.feeds remove.feed": "the feed's URL or its #id from feeds list",
  "cmd.feeds list": "Feeds polled for this workspace, with their health",
  "cmd.help": "What Wirewatch can do here",
  "group.feeds": "feeds commands",
  "group.digest": "digest commands",
  "root.anyone": "Search the news and see what this channel watches",
  "root.manage": "Change what this channel watches and which feeds are polled",

  // Discord's localized command names (lower case, no spaces; see chat/discord/register.ts).
  "name.search": "search",
  "name.watch": "watch",
  "name.unwatch": "unwatch",
  "name.topics": "topics",
  "name.test": "test",
  "name.why": "why",
  "name.pause": "pause",
  "name.resume": "resume",
  "name.digest": "digest",
  "name.now": "now",
  "name.feeds": "feeds",
  "name.add": "add",
  "name.remove": "remove",
  "name.list": "list",
  "name.help": "help",

  "topics.heading": "Topics",
  "topics.none": "This channel watches nothing yet. Add a topic with `/wirewatch watch <name> <rule>`.",
  "topics.count": { one: "{n} topic in this channel.", other: "{n} topics in this channel." },
  "topics.instant": "instant",
  "topics.digest": 'digest "{cron}" {timezone}',
  "topics.lastMatch": "last match {time}",
  "topics.noMatch": "no match yet",
  "topics.paused": "paused",
  "topics.fromConfig": "from the config file",

  "search.heading": "Search",
  "search.queryError": "Query error {error}",
  "search.none": "Nothing found for {rule} (since:{since}).",
  "search.widen": "Try a wider window: `{example}`.",
  "search.results": { one: "{rule}: {n} result.", other: "{rule}: {n} results." },
  "search.newest": "{rule}: the {n} newest results.",

  "watch.heading": "Watching {name}",
  "watch.ruleError": "Rule error {error}",
  "watch.tzNeedsDigest": "tz: only applies with digest:.",
  "watch.exists":
    "This channel already watches a topic named {name}. Remove it with `/wirewatch unwatch {name}` first.",
  "watch.quota": "This channel already has {count} topics, the limit is {limit}.",
  "watch.rule": "Rule: {rule}",
  "watch.delivery": "Delivery: {mode}",
  "watch.instant": "instant alerts",
  "watch.digest": 'digest at "{cron}" ({timezone})',
  "watch.mentions": "Pings with each alert: {who}",
  "mention.user": "user {id}",
  "mention.role": "role {id}",
  "mention.group": "user group {id}",

  "feeds.heading": "Feeds",
  "feeds.none": "No feeds yet. Add one with `/wirewatch feeds add <url>`.",
  "feeds.disabled": "disabled after repeated failures",
  "feeds.failed": "last fetch failed ({code})",
  "feeds.notFetched": "not fetched yet",
  "feeds.lastStatus": "last status {status}",
  "feeds.noNewItem": "no new item yet",
  "feeds.lastNewItem": "last new item {time}",
  "feeds.errors": { one: "{n} consecutive error", other: "{n} consecutive errors" },
  "feeds.readAs": "read as {language}",
  "feeds.configFile": "config file",
  "feeds.fromChat": "added from chat",
  "feeds.summary": "{own} added from chat (limit {limit}), {config} from the configuration file.",
  "feeds.more": "and {n} more",

  "topic.seeded": "{name} comes from the configuration file; change it there.",
  "topic.notFound": "This channel has no topic named {name}. See `/wirewatch topics`.",
  "unwatch.heading": "Stopped watching {name}",
  "pause.none": "This channel has no topics added from chat to pause or resume.",
  "pause.pausedOne": "Paused {name}",
  "pause.resumedOne": "Resumed {name}",
  "pause.pausedMany": { one: "Paused {n} topic", other: "Paused {n} topics" },
  "pause.resumedMany": { one: "Resumed {n} topic", other: "Resumed {n} topics" },
  "pause.off": "No alerts until `/wirewatch resume`.",
  "pause.on": "Alerts are back on.",
  "digestNow.off": "Digests are not running in this Wirewatch instance.",
  "digestNow.heading": "Digest",
  "digestNow.nothing": "Nothing is waiting for a digest in this channel.",
  "digestNow.sending": {
    one: "Sending {n} digest message to this channel.",
    other: "Sending {n} digest messages to this channel.",
  },
  "why.notFound": "No stored item has that link. Use the link of an item Wirewatch has seen.",
  "why.heading": "Why",
  "why.title": "Why: {title}",
  "why.none": "This channel watches no topic.",
  "why.ruleError": "{name}: rule error",
  "why.matched": "{name}: matched",
  "why.noMatch": "{name}: no match",
  "test.heading": "Rule preview",
  "preview.window": { one: "the last {unit}", other: "the last {n} {unit}" },
  "preview.days": { one: "day", other: "days" },
  "preview.hours": { one: "hour", other: "hours" },
  "preview.minutes": { one: "minute", other: "minutes" },
  "preview.nothing": "It would have matched nothing in {window}.",
  "preview.matched": {
    one: "Over {window} it would have matched {n} item",
    other: "Over {window} it would have matched {n} items",
  },
  "preview.newest": { one: "; the newest:", other: "; the {n} newest:" },
  "preview.candidates": { one: "{n} candidate item", other: "{n} candidate items" },
  "preview.overCandidates": "over {candidates}",
  "preview.fewIfAny":
    "Over {window} it would have matched few items, if any: none of the newest {scanned} of {of} did.",
  "preview.about":
    "Over {window} it would have matched about {n} items (estimated from the newest {scanned} of {of})",
  "preview.warning": "Warning: {warning}",
  "feedsRemove.seeded": "{url} comes from the configuration file; remove it there.",
  "feedsRemove.notFound": "No feed {url} in this workspace. See `/wirewatch feeds list`.",
  "feedsRemove.heading": "Feed removed",
  "feedsRemove.done": "{name} (#{id}) is no longer polled.",

  "feedsAdd.unreadable":
    "Could not read an RSS, Atom or JSON feed at that address. Check the URL and try again.",
  "feedsAdd.quotaFeeds":
    "This workspace already has {count} feeds, the limit is {limit}. Remove one with `/wirewatch feeds remove` first.",
  "feedsAdd.quotaAdds":
    "You have added {count} feeds in the last hour, the limit is {limit}. Try again later.",
  "feedsAdd.exists": "{url} is already watched.",
  "feedsAdd.existsPage": "{url} (the feed of {page}) is already watched.",
  "feedsAdd.heading": "Feed added",
  "feedsAdd.done": {
    one: "{title} (#{id}): {n} current item stored; new items will be matched from now on.",
    other: "{title} (#{id}): {n} current items stored; new items will be matched from now on.",
  },
  "feedsAdd.readAs": "Its items are read as {language}.",
  "feedsAdd.badLang": 'lang: expected a language tag such as fr or pt-BR, not "{text}".',
  "discovery.refused": {
    one: " ({n} other link it declares is not a plain http(s) address)",
    other: " ({n} other links it declares are not plain http(s) addresses)",
  },
  "discovery.none":
    "That address is a web page, not a feed, and it declares no feed{note}; /feed, /rss, /atom.xml, /feed.xml, /rss.xml and /index.xml on its site are not feeds either. Give the feed's own address.",
  "discovery.several": "That page offers {n} feeds{note}. Add the one you want:",
  "discovery.more": "…and {n} more.",

  "value.since": "`since:{text}` is not a duration like 30m, 24h, 7d or 2w (at most a year).",
  "value.mention":
    "mention: pick a role or a user from the autocomplete (it arrives as an id), or write `user:U123` or `group:S123` on Slack.",
  "value.cron":
    '`digest:"{text}"` is not a cron time like `0 8 * * *` (minute hour day month weekday): {problem}.',
  "value.tz": "`tz:{text}` is not a time zone; use an IANA name such as Europe/Paris.",
  "value.topicName": '"{name}" is not a topic name: use up to 40 letters, digits, - or _.',
} as const satisfies Readonly<Record<string, string | PluralForms>>;

type Entries = typeof en;
/** What every other language must provide: the same keys, strings or plural forms. */
export type Catalog = { readonly [K in keyof Entries]: Entries[K] extends string ? string : PluralForms };
