/**
 * An alert's buttons as a Block Kit `actions` block on its first payload. Each button's
 * `value` is the ids string of core/commands/action-ids.ts (nothing else travels); its
 * `action_id` names the kind, which Bolt's action listener matches.
 */

import { encodeAction } from "../../core/commands/action-ids.ts";
import { alertButtons } from "../../core/commands/button-labels.ts";
import type { Message } from "../../core/message.ts";
import { SLACK_LIMITS } from "./limits.ts";
import type { SlackPayload } from "./render.ts";

export interface SlackButton {
  type: "button";
  action_id: string;
  text: { type: "plain_text"; text: string; emoji: boolean };
  value: string;
}

export interface SlackActionsBlock {
  type: "actions";
  block_id: string;
  elements: SlackButton[];
}

export const SLACK_ACTION_PREFIX = "wirewatch_";
export const SLACK_ACTIONS_BLOCK_ID = "wirewatch_alert_actions";

export function slackActionsBlock(message: Message): SlackActionsBlock | null {
  if (message.kind !== "alert" || !message.actions) return null;
  const elements: SlackButton[] = [];
  for (const { kind, label } of alertButtons(message.locale)) {
    const value = encodeAction(kind, message.actions, SLACK_LIMITS.buttonValue);
    if (value === null) continue;
    elements.push({
      type: "button",
      action_id: `${SLACK_ACTION_PREFIX}${kind}`,
      text: { type: "plain_text", text: label, emoji: false },
      value,
    });
  }
  return elements.length === 0 ? null : { type: "actions", block_id: SLACK_ACTIONS_BLOCK_ID, elements };
}

/** The buttons go on the first payload (the alert itself), when it has room for one more block. */
export function withSlackActions(message: Message, payloads: SlackPayload[]): SlackPayload[] {
  const block = slackActionsBlock(message);
  const [first, ...rest] = payloads;
  if (block === null || first === undefined || first.blocks.length >= SLACK_LIMITS.blocksPerMessage)
    return payloads;
  return [{ ...first, blocks: [...first.blocks, block] }, ...rest];
}
