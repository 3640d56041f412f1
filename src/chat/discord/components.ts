/**
 * The alert buttons on Discord: message component interactions (type 3), which arrive
 * where commands do (the signed HTTP endpoint, or the gateway) and so pass the same
 * signature check and replay ledger (interactions.ts) before this runs.
 *
 * Only `data.custom_id` is read from the press, and it must decode as ids
 * (core/commands/action-ids.ts); the alert's text is never read. The press is run as a
 * button command of the one command model, with the member's permissions of this very
 * interaction (Mute needs Manage Channels). It is deferred at once as a new message
 * (type 5, private unless it is a Mute that will be answered in the channel), never as
 * an update of the alert.
 */
import { decodeAction } from "../../core/commands/action-ids.ts";
import { BUTTONS, buttonInvocation } from "../../core/commands/buttons.ts";
import { replyIsPrivate } from "../../core/commands/dispatch.ts";
import type { Invocation } from "../../core/commands/types.ts";
import { err, ok, type Result } from "../../core/errors.ts";
import type { TextKey } from "../../core/i18n/index.ts";
import type { RawInteraction } from "./interactions.ts";

/** Discord's component type of a button. */
const BUTTON = 2;

export function buttonPress(
  raw: RawInteraction,
): Result<{ invocation: Invocation; isPrivate: boolean }, TextKey> {
  const data = raw.data;
  if (data === undefined || data.component_type !== BUTTON || typeof data.custom_id !== "string")
    return err("button.onlyOurs");
  const decoded = decodeAction(data.custom_id);
  if (!decoded.ok) return err(decoded.error);
  const invocation = buttonInvocation(decoded.value);
  return ok({ invocation, isPrivate: replyIsPrivate(invocation.path, BUTTONS) });
}
