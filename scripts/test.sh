#!/usr/bin/env bash
# Runs every test file with node:test under tsx. Node 20 does not expand quoted globs,
# so the shell builds the list.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s globstar nullglob
files=(src/**/*.test.ts test/**/*.test.ts)
if [ ${#files[@]} -eq 0 ]; then
  echo "no test files found" >&2
  exit 1
fi
# Tests that run bin/wirewatch.js as a user does get the compiled build of the sources as they
# are (it runs the sources through tsx when dist/ is older: bin/compiled-build.js).
node scripts/build.js --if-stale
exec node --import tsx --test --test-concurrency=2 --test-reporter=spec "${files[@]}"
