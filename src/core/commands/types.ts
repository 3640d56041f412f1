/**
 * The one command model. A command is a spec (what it is called, what it takes, who
 * may run it) plus a handler that only touches ports and returns the neutral `Message`.
 * Slack parses its free text with the specs and Discord registers typed options from
 * them, so both platforms hand the same `CommandArgs` to the same handler.
 */
import type { FeedFinder } from "../feed-finder.ts";
import type { Locale } from "../i18n/index.ts";
import type { Message } from "../message.ts";
import type { Clock, FeedSource } from "../ports.ts";
import type { Topic } from "../topic.ts";
import type { CommandStore, FeedStore } from "./store.ts";

export type ChatPlatform = "slack" | "discord";

/**
 * How an option is written in Slack's free text:
 * - `word`: one token (quotes allowed), in order;
 * - `rest`: everything left once the other options are taken (a rule, a query);
 * - `keyed`: `key:value` anywhere at the top level, e.g. `since:7d`, `tz:"Europe/Paris"`.
 * Discord gives every option as a typed string; `mention` options become mentionables there.
 */
export interface OptionSpec {
  name: string;
  description: string;
  style: "word" | "rest" | "keyed";
  required: boolean;
  /** Discord option type: a plain string, or a user/role picker rendered back to `<@id>` / `<@&id>`. */
  input: "string" | "mention";
  maxLength?: number;
}

export interface CommandSpec {
  /** Full path as typed after `/wirewatch`: `search`, `feeds add`, `digest now`. */
  path: string;
  description: string;
  options: readonly OptionSpec[];
  /** `manage` changes what a channel or workspace watches: admins and channel managers only. */
  access: "anyone" | "manage";
  /** Successful replies: seen by the channel, or only by the user who asked. Errors are always private. */
  reply: "public" | "private";
  /** One example for help text and the README. */
  example: string;
  /**
   * A keyed option that, when `true`, makes this use personal (`watch … dm:true`): it
   * concerns the asking user alone, so anyone may do it, and the reply is private.
   */
  personal?: string;
}

/** The typed arguments both platforms produce: option name → value, absent when not given. */
export type CommandArgs = Readonly<Record<string, string>>;

export interface Invocation {
  path: string;
  args: CommandArgs;
}

/** Who runs the command and where. Built by each platform adapter from the interaction. */
export interface Actor {
  platform: ChatPlatform;
  /** Slack team id or Discord guild id the request came from; null in a DM outside any guild. */
  workspace: string | null;
  /**
   * Workspace or guild the target channel belongs to, as the platform reports it (Discord
   * `channel.guild_id`, Slack: the installed workspace). Changes require it to equal `workspace`.
   */
  channelWorkspace: string | null;
  channel: string;
  isDirect: boolean;
  userId: string;
  /** Slack: workspace admin/owner or listed in `slack.admins`. Discord: Manage Channels, checked per interaction. */
  canManage: boolean;
  /** The user's language as the platform gives it (Discord `locale`, Slack `users.info` locale): `fr`, `de-AT`. */
  locale?: string;
}

export interface Quotas {
  feedsPerWorkspace: number;
  topicsPerChannel: number;
  feedAdditionsPerUserPerHour: number;
}

export const DEFAULT_QUOTAS: Quotas = {
  feedsPerWorkspace: 100,
  topicsPerChannel: 50,
  feedAdditionsPerUserPerHour: 10,
};

/** Opens (or finds) the bot's direct-message channel with a user; the adapter implements it. */
export interface DirectChannels {
  /** The platform channel id of the DM with `userId`. */
  open(userId: string): Promise<string>;
}

/** Sends a channel's pending digest now; wired by main to the digest use-case. Returns messages queued. */
export interface DigestTrigger {
  sendNow(destination: string, topicName: string | null): Promise<number>;
}

export interface ConfigSeeds {
  /** Topics from the config file: listed, never changed from chat. */
  topics: readonly Topic[];
  /** Feed URLs from the config file. */
  feeds: readonly { url: string; name: string | null }[];
}

export interface CommandContext {
  /** Items, topics, quotas, mutes: what most handlers read and change. */
  store: CommandStore;
  /** Feeds added, listed, removed from chat (`feeds add|list|remove`). */
  feeds: FeedStore;
  feedSource: FeedSource;
  clock: Clock;
  actor: Actor;
  seeds: ConfigSeeds;
  quotas: Quotas;
  aliases: Readonly<Record<string, readonly string[]>>;
  /** Poll interval of feeds added from chat. */
  feedEverySeconds: number;
  /** Names of the configuration's alert templates (`watch … template:`); none when absent. */
  templates?: readonly string[];
  digests: DigestTrigger | null;
  /** Finds the feeds of a web page given to `feeds add`; without it, a page is refused as unreadable. */
  feedFinder?: FeedFinder;
  /** The channel's language (config `notify[].locale` or `locale:`); English when absent. */
  locale?: Locale;
  /** Time zone replies show times in (config `timezone:`); UTC when absent. */
  timezone?: string;
  /** Personal alerts (`dm:true`); without it they are refused. */
  directChannels?: DirectChannels;
}

export interface HandlerInput {
  args: CommandArgs;
  ctx: CommandContext;
  /** Every registered spec, for `help`. */
  specs: readonly CommandSpec[];
  /** Language of the reply (see user-text.ts); English when absent. */
  locale?: Locale;
}

export interface Command {
  spec: CommandSpec;
  run(input: HandlerInput): Promise<Message>;
}
