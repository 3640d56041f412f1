/**
 * `npm run build`: compiles src/ to dist/ (tsconfig.build.json), then stamps dist/ with the
 * time the build began, so bin/wirewatch.js runs dist/ only while no source changed since
 * (bin/compiled-build.js).
 *   --if-stale     do nothing when dist/ is current (`npm test`, `prepare`)
 *   --if-possible  do nothing without sources or TypeScript (`prepare`: the Docker image's
 *                  `npm ci` runs before src/ is copied; `npm ci --omit=dev` has no tsc)
 */
import { spawnSync } from "node:child_process";
import { existsSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compiledIsCurrent, STAMP } from "../bin/compiled-build.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const flags = new Set(process.argv.slice(2));
const stamp = join(root, "dist", STAMP);

let tsc = null;
try {
  tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
} catch {}
if (flags.has("--if-possible") && (tsc === null || !existsSync(join(root, "src", "cli", "index.ts")))) {
  process.exit(0);
}
if (tsc === null) {
  console.error("build: TypeScript is not installed (npm ci installs it)");
  process.exit(1);
}
if (flags.has("--if-stale") && compiledIsCurrent(root)) process.exit(0);

const started = new Date();
// Until tsc is done, dist/ is not current: a process starting meanwhile runs the sources.
rmSync(stamp, { force: true });
const result = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
  stdio: "inherit",
});
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(stamp, "");
utimesSync(stamp, started, started);
