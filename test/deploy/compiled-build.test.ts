/**
 * bin/wirewatch.js runs dist/ only while it is the build of the sources as they are: a test
 * that runs the CLI after a source changed must not get yesterday's code.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { compiledIsCurrent, STAMP } from "../../bin/compiled-build.js";

const root = mkdtempSync(join(tmpdir(), "ww-compiled-"));
after(() => rmSync(root, { recursive: true, force: true }));

const at = (file: string, seconds: number) => {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, "");
  utimesSync(path, seconds, seconds);
};

test("a checkout runs dist/ only when a finished build is newer than every source file", () => {
  at("dist/cli/index.js", 2_000);
  at("src/cli/index.ts", 1_000);
  at("src/feeds/parse/parse-worker.js", 1_000);
  at("tsconfig.json", 1_000);
  assert.equal(compiledIsCurrent(root), false, "no stamp: tsc did not finish");
  at(`dist/${STAMP}`, 1_500);
  assert.equal(compiledIsCurrent(root), true);
  at("src/feeds/parse/parse-worker.js", 1_600);
  assert.equal(compiledIsCurrent(root), false, "a source changed after the build began");
  at("src/feeds/parse/parse-worker.js", 1_000);
  at("src/feeds/parse/new.test.ts", 1_700);
  assert.equal(compiledIsCurrent(root), true, "tests are not part of the build");
  at("tsconfig.json", 1_500);
  assert.equal(compiledIsCurrent(root), false, "saved the second the build began counts as changed");
});

test("without sources (the Docker image) dist/ is the program; without dist/ there is none", () => {
  rmSync(join(root, "src"), { recursive: true });
  rmSync(join(root, "dist", STAMP));
  assert.equal(compiledIsCurrent(root), true);
  rmSync(join(root, "dist"), { recursive: true });
  assert.equal(compiledIsCurrent(root), false);
});
