#!/usr/bin/env bash
# Load test of `zr serve --bundle`: 20,000 single-project screening requests over 32 keep-alive
# connections must all succeed; prints p50/p99 (never a pass/fail on timing).
set -euo pipefail
zr=$1 root=$2
load=$(dirname "$zr")/zr_serve_load
work=$(mktemp -d)
server=""
cleanup() {
  [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
ex=$root/examples/jiangxi
"$zr" compile -o "$work/all.zrb" "$ex"/province/*.zr "$ex"/nanchang/*.zr "$ex"/shangrao/*.zr \
  "$ex"/jiujiang/*.zr
# The screenable descriptors of the showcase (the expected output marks the error lines).
python3 - "$ex/projects/screening.jsonl" "$ex/projects/screening.expected.jsonl" >"$work/projects.jsonl" <<'PY'
import json, sys
for line, expected in zip(open(sys.argv[1], encoding="utf-8"), open(sys.argv[2], encoding="utf-8")):
    if "error" not in json.loads(expected):
        sys.stdout.write(line)
PY
"$zr" serve --bundle "$work/all.zrb" --listen 127.0.0.1:0 >"$work/out" 2>"$work/err" &
server=$!
for _ in $(seq 100); do grep -q listening "$work/out" && break; sleep 0.1; done
port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/out")
[[ -n $port ]] || { echo "server did not start"; cat "$work/err"; exit 1; }
"$load" --port "$port" --requests 20000 --connections 32 "$work/projects.jsonl" | tee "$work/report"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if r["errors"]==0 and r["requests"]==20000 else 1)' "$work/report"
