#!/usr/bin/env bash
# The hostile suite (issue 13, docs/security.md): T-1 … T-12 in test/hostile/.
#   npm run test:hostile                 the CI run (a few kills per crash case)
#   npm run test:hostile -- --long       200 kill -9 per crash case (WW_KILL_ROUNDS, 8-15 min a case)
#                                        and digest years with a finer ticker (WW_HOSTILE_LONG)
#   npm run test:hostile -- t08          only the files whose name contains t08
# PostgreSQL cases run when DATABASE_URL is set and print why they skip otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
filters=()
for arg in "$@"; do
  case "$arg" in
    --long)
      export WW_KILL_ROUNDS="${WW_KILL_ROUNDS:-200}"
      export WW_HOSTILE_LONG=1
      ;;
    *) filters+=("$arg") ;;
  esac
done
# Proofs that live beside the code they prove (docs/security.md names them under their T-n):
# signatures and permission matrices (T-6, T-7), golden payloads (T-5), the parse pool (T-2, T-3).
beside=(
  test/e2e/commands-slack.test.ts
  test/e2e/commands-discord.test.ts
  test/golden/slack.golden.test.ts
  test/golden/discord.golden.test.ts
  test/golden/console.golden.test.ts
  src/feeds/parse/worker-pool.test.ts
  src/feeds/parse/worker-text-cap.test.ts
)
files=()
for file in test/hostile/*.test.ts "${beside[@]}"; do
  if [ ${#filters[@]} -eq 0 ]; then
    files+=("$file")
    continue
  fi
  for f in "${filters[@]}"; do
    if [[ "$file" == *"$f"* ]]; then
      files+=("$file")
      break
    fi
  done
done
if [ ${#files[@]} -eq 0 ]; then
  echo "no hostile test files match: ${filters[*]}" >&2
  exit 1
fi
# Tests that run bin/wirewatch.js as a user does get the compiled build of the sources as they
# are (it runs the sources through tsx when dist/ is older: bin/compiled-build.js).
node scripts/build.js --if-stale
exec node --import tsx --test --test-concurrency=2 --test-reporter=spec "${files[@]}"
