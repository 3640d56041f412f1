import type { AlertTemplate } from "../core/templates/template.ts";
import type { RawTemplate } from "./template-schema.ts";

/** A template as the file wrote it → the core's template (`#2f6fde` → 0x2f6fde). */
export function toTemplate(raw: RawTemplate, name: string | null): AlertTemplate {
  const template: AlertTemplate = { name };
  if (raw.slack !== undefined) template.slack = { ...raw.slack };
  if (raw.discord !== undefined) {
    const { colour, ...rest } = raw.discord;
    template.discord = { ...rest };
    if (colour !== undefined)
      template.discord.colour = typeof colour === "number" ? colour : Number.parseInt(colour.slice(1), 16);
  }
  return template;
}
