import type { Message } from "../core/message.ts";

/**
 * An alert's buttons name its item by store id, which exists only once the item is
 * written: the store fills it in as it writes the alert, in the same transaction. A
 * message that already names an item (a story's lead, edited) keeps it.
 */
export function withItemId(message: Message, itemId: number): Message {
  if (message.actions === undefined || message.actions === null || message.actions.itemId !== null)
    return message;
  return { ...message, actions: { ...message.actions, itemId } };
}
