import { type Locale, t } from "../i18n/index.ts";
import type { Actor, CommandArgs, CommandSpec } from "./types.ts";

export type Permission = { kind: "allowed" } | { kind: "refused"; reason: string };

/**
 * Lookups are open to everyone. Changes need a channel (not a DM) that belongs to the
 * workspace or guild the request came from, and a user allowed to manage it. Adapters
 * compute `canManage` on every interaction, never from a cache of an earlier one.
 */
export function checkPermission(
  spec: CommandSpec,
  actor: Actor,
  args: CommandArgs = {},
  locale: Locale = "en",
): Permission {
  if (spec.access === "anyone" || isPersonal(spec, args)) return { kind: "allowed" };
  if (actor.isDirect || actor.workspace === null) {
    return refused(t(locale, "perm.direct"));
  }
  if (actor.channelWorkspace !== actor.workspace) {
    return refused(t(locale, actor.platform === "discord" ? "perm.otherGuild" : "perm.otherWorkspace"));
  }
  if (!actor.canManage) {
    return refused(
      t(locale, actor.platform === "discord" ? "perm.discordManage" : "perm.slackManage", {
        path: spec.path,
      }),
    );
  }
  return { kind: "allowed" };
}

/** A personal use (`dm:true`) changes nothing for anyone but the asking user. */
export function isPersonal(spec: CommandSpec, args: CommandArgs): boolean {
  return spec.personal !== undefined && args[spec.personal]?.trim().toLowerCase() === "true";
}

const refused = (reason: string): Permission => ({ kind: "refused", reason });
