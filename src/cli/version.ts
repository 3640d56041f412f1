import { readFileSync } from "node:fs";

/** The version in package.json, read when asked. */
export function wirewatchVersion(): string {
  const file = new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}
