import type { ActionKind } from "./action-ids.ts";

/** The buttons under an alert, in order, with their labels (the same on every platform). */
export const ALERT_BUTTONS: readonly { kind: ActionKind; label: string }[] = [
  { kind: "why", label: "Why?" },
  { kind: "mute", label: "Mute 24 h" },
  { kind: "more", label: "More like this" },
];
