#!/usr/bin/env bash
# The fast suites alone: unit tests beside the code, golden payloads, docs and deploy
# files — no loopback platforms, no multi-process e2e, no corpora conformance. Measured
# at 63 CPU-seconds (about 32 s on two idle cores). `npm test` still runs everything.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s globstar nullglob
files=(src/**/*.test.ts test/golden/**/*.test.ts test/docs/**/*.test.ts test/deploy/**/*.test.ts)
if [ ${#files[@]} -eq 0 ]; then
  echo "no test files found" >&2
  exit 1
fi
exec node --import tsx --test --test-concurrency=2 --test-reporter=spec "${files[@]}"
