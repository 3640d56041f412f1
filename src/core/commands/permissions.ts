import type { Actor, CommandArgs, CommandSpec } from "./types.ts";

export type Permission = { kind: "allowed" } | { kind: "refused"; reason: string };

/**
 * Lookups are open to everyone. Changes need a channel (not a DM) that belongs to the
 * workspace or guild the request came from, and a user allowed to manage it. Adapters
 * compute `canManage` on every interaction, never from a cache of an earlier one.
 */
export function checkPermission(spec: CommandSpec, actor: Actor, args: CommandArgs = {}): Permission {
  if (spec.access === "anyone" || isPersonal(spec, args)) return { kind: "allowed" };
  if (actor.isDirect || actor.workspace === null) {
    return refused("Configuration commands work in a channel, not in a direct message.");
  }
  if (actor.channelWorkspace !== actor.workspace) {
    return refused(
      actor.platform === "discord"
        ? "This channel does not belong to the server this command came from."
        : "This channel does not belong to the workspace where Wirewatch is installed.",
    );
  }
  if (!actor.canManage) {
    return refused(
      actor.platform === "discord"
        ? `Only members with the Manage Channels permission can use \`${spec.path}\`.`
        : `Only workspace admins and owners, or users listed in slack.admins, can use \`${spec.path}\`.`,
    );
  }
  return { kind: "allowed" };
}

/** A personal use (`dm:true`) changes nothing for anyone but the asking user. */
export function isPersonal(spec: CommandSpec, args: CommandArgs): boolean {
  return spec.personal !== undefined && args[spec.personal]?.trim().toLowerCase() === "true";
}

const refused = (reason: string): Permission => ({ kind: "refused", reason });
