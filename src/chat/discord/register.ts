/**
 * Discord application commands, built from the same specs as Slack's parser.
 *
 * Discord can only restrict whole top-level commands (`default_member_permissions`), not
 * subcommands, so the specs are registered under two roots: `/wirewatch` for lookups,
 * open to everyone, and `/wirewatch-admin` for the commands that change configuration,
 * shown by default only to members with Manage Channels. Server admins may widen that in
 * Integrations settings, which is why the permission is re-checked on every interaction.
 */
import { REST, Routes } from "discord.js";
import { COMMAND_SPECS } from "../../core/commands/registry.ts";
import type { CommandSpec, OptionSpec } from "../../core/commands/types.ts";

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

function option(o: OptionSpec): object {
  const base = { name: o.name, description: description(o.description), required: o.required };
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
    description: description(spec.description),
    options: options.map(option),
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
      out.push({ type: OPTION_TYPE.group, name: head, description: `${head} commands`, options: group });
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
      options: rootOptions(open),
      contexts: [CONTEXT.guild, CONTEXT.botDm],
      integration_types: [0],
    },
    {
      name: DISCORD_ROOTS.manage,
      type: 1,
      description: "Change what this channel watches and which feeds are polled",
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
