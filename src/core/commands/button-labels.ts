import { type Locale, type TextKey, t } from "../i18n/index.ts";
import type { ActionKind } from "./action-ids.ts";

/** The buttons under an alert, in order, with their labels' catalog keys (the same on every platform). */
export const ALERT_BUTTONS: readonly { kind: ActionKind; label: TextKey }[] = [
  { kind: "why", label: "button.why" },
  { kind: "mute", label: "button.mute" },
  { kind: "more", label: "button.more" },
];

/** The buttons with their labels in the alert's language. */
export function alertButtons(locale: Locale = "en"): { kind: ActionKind; label: string }[] {
  return ALERT_BUTTONS.map((b) => ({ kind: b.kind, label: t(locale, b.label) }));
}
