#!/usr/bin/env bash
# `npm test`: the whole suite. System pieces first (Chromium, PostgreSQL server binaries), then the typecheck,
# then vitest: unit, integration on PGlite and on a PostgreSQL server the tests start, browser tests with axe-core.
# Extra arguments go to vitest (e.g. `npm test -- test/browser`).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -d node_modules ]]; then
  echo "Dependencies are missing: run npm ci first." >&2
  exit 1
fi

bash scripts/ensure-system.sh

started=$SECONDS
echo "Typecheck (tsc --noEmit)…"
npx tsc --noEmit

report="$(mktemp -d)/vitest.json"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?

echo "npm test took $((SECONDS - started)) s after the system check."
# One plain closing line with the counts, whatever the reporter printed above.
if [[ -s "$report" ]]; then
  node -e '
    const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  ' "$report" || true
fi
rm -rf "$(dirname "$report")"
exit "$status"
