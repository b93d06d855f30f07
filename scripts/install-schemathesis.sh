#!/usr/bin/env bash
# Schemathesis (PyPI), pinned, in its own virtualenv under the project's tools folder (never system-wide).
# Used by `npm run test:fuzz` and the short contract fuzz in the main test command.
set -euo pipefail
cd "$(dirname "$0")/.."
SCHEMATHESIS_VERSION=4.32.5
VENV=.tools/venv/schemathesis-$SCHEMATHESIS_VERSION
if [ ! -x "$VENV/bin/st" ]; then
  printf '[bootstrap] pip install schemathesis==%s (into %s)\n' "$SCHEMATHESIS_VERSION" "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
mkdir -p .tools/bin
ln -sf "../venv/schemathesis-$SCHEMATHESIS_VERSION/bin/st" .tools/bin/st
