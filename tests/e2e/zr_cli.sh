#!/usr/bin/env bash
# End-to-end tests of the zr command: exit codes, help, compile → screen round trip, one output
# line per input line whatever the input, refused bundles.
source "$(dirname "$0")/lib.sh" "$@"

status_of() { "$@" >/dev/null 2>&1; echo $?; }

cat >"$work/p.zr" <<'ZR'
// synthetic test list
accesslist "测试省" level province jurisdiction 360000
import std.schema, std.industry
unit ZH36110210001 "保护单元" class priority county 361102
unit ZH36110220001 "重点单元" class key county 361102
scope class key {
  rule T-01 layout "化工须入园":
    forbid project.industry in {C26} unless project.in_park
    cite "《测试》第一条"
  rule T-02 emission "VOCs 倍量替代":
    require project.vocs_offset_ratio >= 2
      when project.vocs > 0 t/a
    cite "《测试》第二条"
}
ZR

# --- help and usage ---------------------------------------------------------------------------
check "zr --help exits 0" test "$(status_of "$zr" --help)" = 0
check "zr help screen mentions --bundle" bash -c "\"$zr\" help screen | grep -q -- --bundle"
check "zr help nonsense exits 2" test "$(status_of "$zr" help nonsense)" = 2
check "unknown option exits 2" test "$(status_of "$zr" check --frobnicate x.zr)" = 2
check "missing file exits 2" test "$(status_of "$zr" check "$work/missing.zr")" = 2

# --- check and compile -------------------------------------------------------------------------
check "valid list checks clean" test "$(status_of "$zr" check "$work/p.zr")" = 0
printf 'accesslist "x" level province jurisdiction 360000\nimport std.schema\nrule X layout "t": forbid project.in_parc cite "c"\n' >"$work/bad.zr"
check "errors exit 1" test "$(status_of "$zr" check "$work/bad.zr")" = 1
check "json diagnostics carry the code" bash -c "\"$zr\" check --format json \"$work/bad.zr\" | grep -q '\"ZR0201\"'"
check "compile writes a bundle" test "$(status_of "$zr" compile -o "$work/p.zrb" "$work/p.zr")" = 0
"$zr" compile -o "$work/p2.zrb" "$work/p.zr" 2>/dev/null
check "compiling twice is byte-identical" cmp -s "$work/p.zrb" "$work/p2.zrb"
# Files given together are parsed on several threads: diagnostics still come file by file, in
# the order given, the same on every run.
printf 'accesslist "x" level province jurisdiction 360000\nrule X layout "t": forbid (project.a cite "c"\n' >"$work/b1.zr"
printf 'accesslist "y" level province jurisdiction 360000\nrule Y layout "t" forbid project.b cite "c"\n' >"$work/b2.zr"
"$zr" check "$work/b1.zr" "$work/b2.zr" "$work/b1.zr" >"$work/multi.txt" 2>&1
check "several files: diagnostics in file order" bash -c "grep -n 'error\\[' \"$work/multi.txt\" | cut -d: -f2 | tr '\\n' ' ' | grep -q 'b1.zr .*b2.zr'"
check "several files: the same diagnostics every run" bash -c "for i in 1 2 3 4 5; do \"$zr\" check \"$work/b1.zr\" \"$work/b2.zr\" \"$work/b1.zr\" 2>&1 | cmp -s - \"$work/multi.txt\" || exit 1; done"

# --- screening -----------------------------------------------------------------------------------
{
  echo '{"project":"A","site":{"units":["ZH36110220001"]},"industry":["C2614"],"in_park":false}'
  echo '{"project":"B","site":{"units":["ZH36110220001"]},"industry":["C2614"]}'
  echo '{"project":"C","site":{"units":["ZH36110220001"]},"industry":["C3011"],"in_park":true,"vocs":"3 t/a"}'
  echo '{"project":"D","site":{"units":["ZH36110210001"]},"industry":["C3011"]}'
  echo 'not json'
  echo '[1,2]'
  echo ''
  printf '{"project":"\xff\xfe"}\n'
  python3 -c 'print("[" * 100000 + "]" * 100000)'
  echo '{"project":"E","site":{"units":["ZH36110220009"]}}'
  echo '{"project":"F","site":{"units":["ZH36110220001"]},"industry":["C2614"],"in_park":true,"vocs":3,"vocs_offset_ratio":1.5}'
} >"$work/projects.jsonl"
"$zr" screen --bundle "$work/p.zrb" "$work/projects.jsonl" >"$work/out.jsonl" 2>"$work/err.txt"
screen_status=$?
check "screen exits 1 when some lines are errors" test "$screen_status" = 1
check "one output line per input line" test "$(wc -l <"$work/out.jsonl")" = "$(wc -l <"$work/projects.jsonl")"
verdict() { sed -n "${1}p" "$work/out.jsonl" | grep -o '"verdict":"[a-z]*"' | head -1; }
check "A refused" test "$(verdict 1)" = '"verdict":"refused"'
check "B indeterminate (in_park unknown)" test "$(verdict 2)" = '"verdict":"indeterminate"'
check "C conditional (offset ratio to show)" test "$(verdict 3)" = '"verdict":"conditional"'
check "D permitted" test "$(verdict 4)" = '"verdict":"permitted"'
for n in 5 6 7 8 9 10; do
  check "line $n is an error record" bash -c "sed -n '${n}p' \"$work/out.jsonl\" | grep -q '^{\"line\":$n,\"error\":{\"code\":\"ZR10'"
done
check "F non-compliant" bash -c "sed -n '11p' \"$work/out.jsonl\" | grep -q '\"outcome\":\"non_compliant\"'"
"$zr" screen --bundle "$work/p.zrb" "$work/projects.jsonl" >"$work/out2.jsonl" 2>/dev/null
check "screening is byte-identical across runs" cmp -s "$work/out.jsonl" "$work/out2.jsonl"
"$zr" screen "$work/p.zr" - <"$work/projects.jsonl" >"$work/out3.jsonl" 2>/dev/null
check "screening from sources equals screening from the bundle" cmp -s "$work/out.jsonl" "$work/out3.jsonl"
# Longer than a screening batch (16 lines), errors between and at its edges: every record in
# input order.
python3 - "$work/mixed.jsonl" <<'MIXED'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(1, 51):
        bad = i % 7 == 0 or i in (16, 17, 33)
        f.write("not json\n" if bad else
                '{"project":"P%d","site":{"units":["ZH36110220001"]},"industry":["C2614"]}\n' % i)
MIXED
"$zr" screen --bundle "$work/p.zrb" "$work/mixed.jsonl" >"$work/mixed.out" 2>/dev/null
check "records of a long mixed input in input order" python3 -c '
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 50, len(lines)
for i, text in enumerate(lines, 1):
    r = json.loads(text)
    bad = i % 7 == 0 or i in (16, 17, 33)
    assert (r.get("line") == i) if bad else (r.get("project") == "P%d" % i), (i, text[:80])
' "$work/mixed.out"
check "text report in Chinese" bash -c "\"$zr\" screen --bundle \"$work/p.zrb\" --format text --lang zh \"$work/projects.jsonl\" 2>/dev/null | grep -q 'T-01'"

# --- refused bundles -----------------------------------------------------------------------------
head -c 200 "$work/p.zrb" >"$work/truncated.zrb"
check "truncated bundle refused" bash -c "\"$zr\" screen --bundle \"$work/truncated.zrb\" </dev/null 2>&1 | grep -q ZR0903"
sed '1s/ZHUNRU-BUNDLE [0-9]* /ZHUNRU-BUNDLE 999 /' "$work/p.zrb" >"$work/version.zrb"
check "wrong version refused" bash -c "\"$zr\" screen --bundle \"$work/version.zrb\" </dev/null 2>&1 | grep -q ZR0902"
python3 - "$work/p.zrb" "$work/tampered.zrb" <<'PY'
import sys
data = bytearray(open(sys.argv[1], 'rb').read())
i = data.index(b'T-02')
data[i + 3] = ord('3')
open(sys.argv[2], 'wb').write(data)
PY
check "tampered bundle refused" bash -c "\"$zr\" screen --bundle \"$work/tampered.zrb\" </dev/null 2>&1 | grep -q ZR0904"
check "bundle refusal exits 1" test "$(status_of "$zr" screen --bundle "$work/tampered.zrb" </dev/null)" = 1

# The bundled examples (stdlib-rules/, examples/) and their goldens: tests/e2e/examples.sh.

echo "$passes passed, $failures failed"
test "$failures" = 0
