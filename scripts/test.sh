#!/usr/bin/env bash
# The README's test command: installs everything the tests need, then runs them.
# .ci/run calls exactly this. Extra arguments go to pytest (e.g. -k sources).
set -euo pipefail
cd "$(dirname "$0")/.."

# --- system packages (apt) -------------------------------------------------

# --- node packages (npm) ---------------------------------------------------

# --- python ------------------------------------------------------------------
python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"

# --- checks ------------------------------------------------------------------
python3 -m ruff check kg tests
python3 -m ruff format --check kg tests
python3 -m pytest "$@"
