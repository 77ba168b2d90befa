# Shared by the end-to-end shell tests: `source "$(dirname "$0")/lib.sh" "$@"` after the
# script's header comment. Sets zr and src from the arguments, a scratch directory $work
# (removed on exit) and check(), which counts passes and failures.
set -uo pipefail
zr=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
passes=0

check() {  # check NAME CONDITION-COMMAND…
  local name=$1
  shift
  if "$@"; then
    passes=$((passes + 1))
  else
    echo "FAIL: $name"
    failures=$((failures + 1))
  fi
}
