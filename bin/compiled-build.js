/**
 * Whether `dist/` may run instead of the TypeScript sources. The compiled build saves the
 * memory of tsx's loader thread (~30 MB, docs/security.md) and its start-up compile, but a
 * build older than the sources would run code that is no longer there: in a checkout, dist/
 * counts only when `scripts/build.js` finished it (its `dist/.built` stamp carries the time
 * the build started) and no source file changed since. Without sources (the Docker image, a
 * package) whatever dist/ holds is the program.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Written by scripts/build.js when tsc succeeded; its mtime is when the build started. */
export const STAMP = ".built";

/** The newest mtime (ms) of a non-test file under `dir`: tests are not part of the build. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!entry.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
};

/**
 * `root` is the package's directory. True when dist/cli/index.js exists and either there are
 * no sources beside it or the stamped build is not older than any source file and tsconfig.
 */
export function compiledIsCurrent(root) {
  if (mtime(join(root, "dist/cli/index.js")) === null) return false;
  if (mtime(join(root, "src")) === null) return true;
  const built = mtime(join(root, "dist", STAMP));
  if (built === null) return false;
  const inputs = [newestSource(join(root, "src")), mtime(join(root, "tsconfig.json")) ?? 0];
  inputs.push(mtime(join(root, "tsconfig.build.json")) ?? 0);
  // Equal counts as changed: a file saved in the very millisecond the build began.
  return inputs.every((changed) => changed < built);
}
