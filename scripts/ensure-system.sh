#!/usr/bin/env bash
# Makes sure the system pieces the test suite needs are here: Chromium (browser tests) and the PostgreSQL
# server binaries (the tests start their own server in a temporary directory). Installs them with apt when
# running as root; otherwise stops with one line saying what to install. Silent when all is present.
set -euo pipefail

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()

if [[ ! -x "$chromium_path" ]]; then
  missing+=(chromium)
fi

# Same search as test/support/pg-server.ts: $PG_BIN, /usr/lib/postgresql/*/bin, then PATH.
pg_binaries_found() {
  local dir
  for dir in ${PG_BIN:+"$PG_BIN"} /usr/lib/postgresql/*/bin; do
    [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && return 0
  done
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1
}
# As root, initdb runs through the postgres account (it refuses root); Debian's package creates that account.
if [[ "${MAILLAGE_TEST_ENGINES:-}" != "pglite" ]]; then
  if ! pg_binaries_found || { [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; }; then
    missing+=(postgresql)
  fi
fi

[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  hint=""
  [[ " ${missing[*]} " == *" postgresql "* ]] && hint=" (or MAILLAGE_TEST_ENGINES=pglite npm test to skip the PostgreSQL server engine)"
  echo "npm test needs ${missing[*]}: run \`apt-get install -y ${missing[*]}\` as root, then npm test again${hint}." >&2
  exit 1
fi

echo "Installing ${missing[*]} with apt-get (needed by the test suite)…"
log="$(mktemp)"
# Debian's postgresql package creates and may start a "main" cluster on port 5432: harmless, the tests
# start their own server on a free port.
if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  echo "apt-get could not install ${missing[*]}: install it by hand (apt-get install -y ${missing[*]}) and rerun npm test." >&2
  rm -f "$log"
  exit 1
fi
rm -f "$log"

if [[ " ${missing[*]} " == *" chromium "* && ! -x "$chromium_path" ]]; then
  echo "Chromium is still missing at $chromium_path after apt-get install chromium (set CHROMIUM_PATH?)." >&2
  exit 1
fi
if [[ " ${missing[*]} " == *" postgresql "* ]] && ! pg_binaries_found; then
  echo "PostgreSQL server binaries are still missing after apt-get install postgresql (set PG_BIN?)." >&2
  exit 1
fi
