/**
 * The ids an alert's button carries, written as one short string (Discord `custom_id`,
 * Slack button `value`): `ww:<kind>:<item id>[:<topic id>,<topic id>…]`.
 *
 * - Only ids travel: an item's store id and, for Mute, the topic ids the alert names.
 *   Everything a handler shows is read again from the store.
 * - A received string is validated in full (kind, digits, topic id shape); anything else
 *   is refused before a handler runs.
 * - A string longer than the platform allows keeps the topics that fit; with none left,
 *   the Mute button is left out (`encodeAction` returns null).
 */
import { err, ok, type Result } from "../errors.ts";
import type { TextKey } from "../i18n/index.ts";
import type { MessageActions } from "../message.ts";

export const ACTION_KINDS = ["why", "mute", "more"] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export interface ActionRef {
  kind: ActionKind;
  itemId: number;
  /** Mute only: the topics to mute; empty for Why and More. */
  topicIds: string[];
}

/** Chat topics are numbered; config topics are `config:<name>` (the config file's name rule). */
const TOPIC_ID = /^(?:\d{1,15}|config:[\p{L}\p{N}][\p{L}\p{N}_.-]{0,63})$/u;
const ACTION = /^ww:(why|mute|more):(\d{1,15})(?::(.{1,2000}))?$/su;
const MAX_TOPICS = 25;

/** The button's string, or null when it cannot be made (no item id yet, no topic fits). */
export function encodeAction(kind: ActionKind, actions: MessageActions, maxLength: number): string | null {
  if (actions.itemId === null || !Number.isSafeInteger(actions.itemId) || actions.itemId < 0) return null;
  const base = `ww:${kind}:${actions.itemId}`;
  if (kind !== "mute") return base.length <= maxLength ? base : null;
  const topics: string[] = [];
  for (const id of actions.topicIds.filter((t) => TOPIC_ID.test(t)).slice(0, MAX_TOPICS)) {
    if (`${base}:${[...topics, id].join(",")}`.length > maxLength) break;
    topics.push(id);
  }
  return topics.length === 0 ? null : `${base}:${topics.join(",")}`;
}

/** Refusals are catalog keys: the adapter says them in the presser's language. */
export function decodeAction(text: string): Result<ActionRef, TextKey> {
  const match = ACTION.exec(text);
  if (match === null) return err("button.notOurs");
  const kind = match[1] as ActionKind;
  const itemId = Number(match[2]);
  const topicIds = match[3] === undefined ? [] : match[3].split(",");
  if (!Number.isSafeInteger(itemId)) return err("button.noItem");
  if (kind === "mute") {
    if (topicIds.length === 0 || topicIds.length > MAX_TOPICS || !topicIds.every((t) => TOPIC_ID.test(t)))
      return err("button.noTopic");
  } else if (topicIds.length > 0) return err("button.notOurs");
  return ok({ kind, itemId, topicIds });
}
