/**
 * The alert buttons on Slack: `block_actions` payloads, posted to the same `/slack/events`
 * endpoint as the slash command (or over Socket Mode), so they pass the same checks before
 * any listener runs: Bolt's signature and time window, our future bound, and the replay
 * ledger (the payload's `trigger_id` and the signature are recorded; replay.ts).
 *
 * Each press is acknowledged first, then run as a button command of the one command model
 * (core/commands/buttons.ts) with the same actor resolution, admin check included, as a
 * slash command. Only the button's `value` is read from the payload, and it must decode
 * as ids (core/commands/action-ids.ts); the alert's text is never read. The answer goes
 * through the response URL as a new message (never replacing the alert): private for
 * Why?, More like this and every error, in the channel for Mute.
 */
import type { App, BlockButtonAction, RespondFn, webApi } from "@slack/bolt";
import { decodeAction } from "../../core/commands/action-ids.ts";
import { BUTTONS, buttonInvocation } from "../../core/commands/buttons.ts";
import { runCommand } from "../../core/commands/dispatch.ts";
import { errorReply } from "../../core/commands/reply.ts";
import type { Actor, CommandContext } from "../../core/commands/types.ts";
import { t, toLocale } from "../../core/i18n/index.ts";
import type { Message } from "../../core/message.ts";
import type { Logger } from "../../core/ports.ts";
import { renderSlack } from "./render.ts";
import { SLACK_ACTION_PREFIX } from "./render-actions.ts";

export interface ActionActorSource {
  team_id: string;
  channel_id: string;
  user_id: string;
  channel_name?: string;
}

export function registerSlackActions(
  app: App,
  deps: {
    context: (actor: Actor) => CommandContext;
    logger: Logger;
    /** The slash command's actor resolution (commands.ts): the same admin check, read per press. */
    resolve: (
      source: ActionActorSource,
      client: webApi.WebClient,
      needsRights: boolean,
      installed?: string | null,
    ) => Promise<Actor>;
    /** Distribution mode: the team Bolt authorized the press with (no auth.test, no shared cache). */
    distributed: boolean;
    /** The presser's language if a command already looked it up (refusals are told without a lookup). */
    cachedLocale?: (userId: string) => string | null;
  },
): void {
  app.action<BlockButtonAction>(
    { type: "block_actions", action_id: new RegExp(`^${SLACK_ACTION_PREFIX}(why|mute|more)$`, "u") },
    async ({ ack, body, action, respond, client, context }) => {
      await ack();
      const started = Date.now();
      const locale = toLocale(deps.cachedLocale?.(body.user.id)) ?? "en";
      try {
        const decoded = decodeAction(typeof action.value === "string" ? action.value : "");
        if (!decoded.ok) return await answer(respond, errorReply(t(locale, decoded.error), locale));
        // The button's kind must be the one its action_id names: a mismatch is not ours.
        if (action.action_id !== `${SLACK_ACTION_PREFIX}${decoded.value.kind}`)
          return await answer(respond, errorReply(t(locale, "button.notOurs"), locale));
        const source: ActionActorSource = {
          team_id: body.team?.id ?? body.user.team_id ?? "",
          channel_id: body.channel?.id ?? "",
          user_id: body.user.id,
          ...(body.channel?.name === undefined ? {} : { channel_name: body.channel.name }),
        };
        const installed = deps.distributed ? (context.teamId ?? null) : undefined;
        const actor = await deps.resolve(source, client, decoded.value.kind === "mute", installed);
        const message = await runCommand(buttonInvocation(decoded.value), deps.context(actor), BUTTONS);
        await answer(respond, message);
        deps.logger.info(
          { command: `button ${decoded.value.kind}`, platform: "slack", ms: Date.now() - started },
          "command",
        );
      } catch (error) {
        deps.logger.error({ err: error, platform: "slack" }, "button failed");
        await answer(respond, errorReply(t(locale, "reply.failed"), locale)).catch(() => {});
      }
    },
  );
}

async function answer(respond: RespondFn, message: Message): Promise<void> {
  for (const payload of renderSlack(message)) {
    await respond({
      response_type: message.ephemeral ? "ephemeral" : "in_channel",
      replace_original: false,
      text: payload.text,
      blocks: payload.blocks,
      unfurl_links: payload.unfurl_links,
      unfurl_media: payload.unfurl_media,
    } as Parameters<RespondFn>[0]);
  }
}
