#!/usr/bin/env bash
# Installs what Tidings needs into .venv (sourced by demo.sh and test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
target="."
[ -n "${TIDINGS_EXTRAS:-}" ] && target=".[${TIDINGS_EXTRAS}]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$target"
