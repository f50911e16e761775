#!/usr/bin/env bash
# Set up (if needed) and run every check: ruff, ruff format, mypy and the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "== ruff check"
.venv/bin/ruff check bot handlers storage tests bench
echo "== ruff format --check"
.venv/bin/ruff format --check bot handlers storage tests bench
echo "== mypy (strict on bot, handlers, storage)"
.venv/bin/mypy
echo "== pytest"
.venv/bin/pytest -q "$@"
