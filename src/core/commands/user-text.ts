/**
 * The language of a command's reply, and errors in it. Discord gives each interaction the
 * user's client language; Slack's adapter reads the user's locale (`users.info`). A reply
 * only the asker sees is in their language; a reply the channel sees is in the channel's
 * (on Discord the asker's too, as Discord itself shows every reply in the asker's client).
 */
import { UserError } from "../errors.ts";
import {
  DEFAULT_LOCALE,
  type Locale,
  lookup,
  type Params,
  type TextKey,
  t,
  toLocale,
} from "../i18n/index.ts";
import type { CommandContext, CommandSpec } from "./types.ts";

export function replyLocale(ctx: CommandContext, spec: Pick<CommandSpec, "reply"> | null): Locale {
  const channel = ctx.locale ?? DEFAULT_LOCALE;
  const user = toLocale(ctx.actor.locale);
  if (user === null) return channel;
  if (spec === null || spec.reply === "private" || ctx.actor.platform === "discord") return user;
  return channel;
}

/** A `UserError` from a catalog sentence: English in `message`, the key for the reply. */
export function userError(key: TextKey, params: Params = {}, code = "user_error"): UserError {
  return new UserError(t("en", key, params), code, { text: { key, params } });
}

export function errorText(error: UserError, locale: Locale): string {
  if (error.text === undefined) return error.message;
  return lookup(locale, error.text.key, error.text.params) ?? error.message;
}
