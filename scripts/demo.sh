#!/usr/bin/env bash
# Quick start: install Tidings and run the offline demo at http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/tidings demo "$@"
