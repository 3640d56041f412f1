import type { CommandSpec, OptionSpec } from "./types.ts";

export const ROOT = "/wirewatch";

function optionUsage(o: OptionSpec): string {
  const shown = o.style === "keyed" ? `${o.name}:<${o.name}>` : `<${o.name}>`;
  return o.required ? shown : `[${shown}]`;
}

/** `/wirewatch watch <name> <rule> [digest:<digest>] …`, built from the spec so help never drifts. */
export function usage(spec: CommandSpec): string {
  return [ROOT, spec.path, ...spec.options.map(optionUsage)].join(" ");
}
