#!/usr/bin/env bash
# Crash test of the registry: kill -9 during filings, restart, registry consistent
# (tests/e2e/serve_crash_test.py).
set -euo pipefail
exec python3 "$(dirname "$0")/serve_crash_test.py" "$1" "$2"
