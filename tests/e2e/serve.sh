#!/usr/bin/env bash
# End-to-end test of `zr serve` on a free loopback port: filings, audits, screening, reads,
# limits, tokens, restart (tests/e2e/serve_e2e.py).
set -euo pipefail
exec python3 "$(dirname "$0")/serve_e2e.py" "$1" "$2"
