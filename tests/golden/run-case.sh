#!/usr/bin/env bash
# Runs one golden case. The case folder holds `cmd`: lines of the form
#   EXPECTED_FILE: zr ARGS…
# Each line runs `zr ARGS…` inside the case folder and compares stdout plus the exit status
# ("[exit N]" as the last line) with EXPECTED_FILE. ZR_BLESS=1 rewrites the expected files.
set -uo pipefail
zr=$1
case_dir=$2
cd "$case_dir" || exit 2
status=0
while IFS= read -r line || [[ -n $line ]]; do
  [[ -z $line || $line == \#* ]] && continue
  expected=${line%%:*}
  args=${line#*:}
  args=${args# }
  args=${args#zr }
  actual=$(eval "\"$zr\" $args" 2>&1; echo "[exit $?]")
  if [[ ${ZR_BLESS:-} == 1 ]]; then
    printf '%s\n' "$actual" > "$expected"
    continue
  fi
  if ! diff -u "$expected" <(printf '%s\n' "$actual"); then
    echo "golden mismatch: $case_dir/$expected (zr $args)"
    status=1
  fi
done < cmd
exit $status
