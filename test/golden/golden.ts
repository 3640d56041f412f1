import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { repoRoot } from "../support/corpora.ts";

/**
 * Golden files: `UPDATE_GOLDEN=1 node --import tsx --test test/golden/*.test.ts` rewrites
 * them; otherwise the rendered output must equal the file, so a payload change shows up
 * as a diff in review.
 */
const GOLDEN_DIR = join(repoRoot, "test", "fixtures", "golden");

export function assertGolden(relativePath: string, actual: string): void {
  const file = join(GOLDEN_DIR, relativePath);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  assert.ok(existsSync(file), `missing golden file ${relativePath}: run with UPDATE_GOLDEN=1 to create it`);
  assert.equal(actual, readFileSync(file, "utf8"), `${relativePath} differs; UPDATE_GOLDEN=1 rewrites it`);
}

/** JSON with invisible characters spelled out, so a reviewer can see the zero-width spaces. */
export function goldenJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(/[\u200b\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`;
}
