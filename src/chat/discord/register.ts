/**
 * Discord application commands, built from the same specs as Slack's parser.
 *
 * Discord can only restrict whole top-level commands (`default_member_permissions`), not
 * subcommands, so the specs are registered under two roots: `/wirewatch` for lookups,
 * open to everyone, and `/wirewatch-admin` for the commands that change configuration,
 * shown by default only to members with Manage Channels. Server admins may widen that in
 * Integrations settings, which is why the permission is re-checked on every interaction.
 *
 * Descriptions, and subcommand and group names, carry `*_localizations` for French,
 * German and Spanish from core/i18n. Discord still sends the default (English) names in
 * interactions, so the parser never sees a localized name. Option names stay English:
 * they are the `key:` words of Slack and of help.
 */
import { REST, Routes } from "discord.js";
import { COMMAND_SPECS } from "../../core/commands/registry.ts";
import type { CommandSpec, OptionSpec } from "../../core/commands/types.ts";
import { LOCALES, type Locale, lookup } from "../../core/i18n/index.ts";

export const DISCORD_ROOTS = { anyone: "wirewatch", manage: "wirewatch-admin" } as const;

/** Permission bits (Discord API v10). */
export const PERMISSIONS = { administrator: 1n << 3n, manageChannels: 1n << 4n } as const;

const OPTION_TYPE = { subcommand: 1, group: 2, string: 3, mentionable: 9 } as const;
/** Interaction contexts: in a server, in a DM with the bot. */
const CONTEXT = { guild: 0, botDm: 1 } as const;
const DESCRIPTION_MAX = 100;

function description(text: string): string {
  return text.length <= DESCRIPTION_MAX ? text : `${text.slice(0, DESCRIPTION_MAX - 1)}…`;
}

/** Our locales as Discord names them; Spanish has two (Spain, Latin America). */
const DISCORD_LOCALES: Readonly<Record<Exclude<Locale, "en">, readonly string[]>> = {
  fr: ["fr"],
  de: ["de"],
  es: ["es-ES", "es-419"],
};
/** Discord's rule for command and option names (lower case where the script has case). */
export const DISCORD_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** `{ fr: …, de: …, "es-ES": …, "es-419": … }` for a catalog key, each cut like the default. */
function localizations(key: string, shape: (text: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const locale of LOCALES) {
    if (locale === "en") continue;
    const text = lookup(locale, key);
    if (text === null) continue;
    for (const tag of DISCORD_LOCALES[locale]) out[tag] = shape(text);
  }
  return out;
}

function names(segment: string): object {
  const localized = localizations(`name.${segment}`, (n) => n.toLowerCase());
  const valid = Object.fromEntries(Object.entries(localized).filter(([, n]) => DISCORD_NAME.test(n)));
  return Object.keys(valid).length === 0 ? {} : { name_localizations: valid };
}

function descriptions(key: string): object {
  const localized = localizations(key, description);
  return Object.keys(localized).length === 0 ? {} : { description_localizations: localized };
}

function option(spec: CommandSpec, o: OptionSpec): object {
  const base = {
    name: o.name,
    description: description(o.description),
    ...descriptions(`opt.${spec.path}.${o.name}`),
    required: o.required,
  };
  if (o.input === "mention") return { type: OPTION_TYPE.mentionable, ...base };
  return {
    type: OPTION_TYPE.string,
    ...base,
    ...(o.maxLength === undefined ? {} : { max_length: o.maxLength }),
  };
}

function subcommand(spec: CommandSpec, name: string): object {
  // Discord requires required options before optional ones.
  const options = [...spec.options].sort((a, b) => Number(b.required) - Number(a.required));
  return {
    type: OPTION_TYPE.subcommand,
    name,
    ...names(name),
    description: description(spec.description),
    ...descriptions(`cmd.${spec.path}`),
    options: options.map((o) => option(spec, o)),
  };
}

function rootOptions(specs: readonly CommandSpec[]): object[] {
  const out: object[] = [];
  const groups = new Map<string, object[]>();
  for (const spec of specs) {
    const [head = "", sub] = spec.path.split(" ");
    if (sub === undefined) {
      out.push(subcommand(spec, head));
      continue;
    }
    let group = groups.get(head);
    if (group === undefined) {
      group = [];
      groups.set(head, group);
      out.push({
        type: OPTION_TYPE.group,
        name: head,
        ...names(head),
        description: `${head} commands`,
        ...descriptions(`group.${head}`),
        options: group,
      });
    }
    group.push(subcommand(spec, sub));
  }
  return out;
}

/** The bulk-overwrite body of `PUT /applications/{id}/commands` (or the guild variant). */
export function commandRegistrationPayload(): object[] {
  // Commands with a personal use (`watch … dm:true`) are under both roots: members without
  // Manage Channels see only `/wirewatch`, and the handler refuses them anything but dm:true.
  const open = COMMAND_SPECS.filter((s) => s.access === "anyone" || s.personal !== undefined);
  const manage = COMMAND_SPECS.filter((s) => s.access === "manage");
  return [
    {
      name: DISCORD_ROOTS.anyone,
      type: 1,
      description: "Search the news and see what this channel watches",
      ...descriptions("root.anyone"),
      options: rootOptions(open),
      contexts: [CONTEXT.guild, CONTEXT.botDm],
      integration_types: [0],
    },
    {
      name: DISCORD_ROOTS.manage,
      type: 1,
      description: "Change what this channel watches and which feeds are polled",
      ...descriptions("root.manage"),
      options: rootOptions(manage),
      default_member_permissions: Number(PERMISSIONS.manageChannels),
      contexts: [CONTEXT.guild],
      integration_types: [0],
    },
  ];
}

/** `wirewatch discord register [--guild id]`: guild commands appear at once, global ones within the hour. */
export async function registerDiscordCommands(options: {
  token: string;
  applicationId: string;
  guildId?: string;
  apiUrl?: string;
}): Promise<void> {
  const rest = new REST({
    api: options.apiUrl ?? "https://discord.com/api",
    version: "10",
    retries: 1,
  }).setToken(options.token);
  const route =
    options.guildId === undefined
      ? Routes.applicationCommands(options.applicationId)
      : Routes.applicationGuildCommands(options.applicationId, options.guildId);
  await rest.put(route, { body: commandRegistrationPayload() });
}
