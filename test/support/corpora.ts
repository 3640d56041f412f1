import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, wherever the tests are run from. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * `../shared/corpora` beside the checkout, or null when it is absent (a fresh clone).
 * Suites that need it skip with a printed reason: `{ skip: corporaSkipReason }`.
 */
export const corporaDir: string | null = (() => {
  const dir = join(repoRoot, "..", "shared", "corpora");
  return existsSync(dir) ? dir : null;
})();

export const corporaSkipReason: string | false =
  corporaDir === null ? "../shared/corpora is absent (fresh clone): corpus suite skipped" : false;

export function corpus(...parts: string[]): string {
  if (corporaDir === null) throw new Error(String(corporaSkipReason));
  return join(corporaDir, ...parts);
}
