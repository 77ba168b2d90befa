#!/usr/bin/env bash
# End-to-end tests of the standard rule library and the examples:
# - generated files are up to date (taxonomy, unit inventory, project descriptors);
# - the GB/T 4754-2017 taxonomy as the compiler reads it: 20 门类, 97 大类, 473 中类, 1,381 小类,
#   every code under its parent, every name as in data/gbt4754-2017.csv;
# - every file of stdlib-rules/ and examples/ compiles with no diagnostic at all (no warnings);
# - every projects file of the examples screens exactly to its reviewed golden output, and the
#   generated descriptors meet the expectations written in their generator;
# - the whole Jiangxi example compiles quickly;
# - every command shown in docs/tutorial.*.md prints what the tutorial shows.
source "$(dirname "$0")/lib.sh" "$@"

# clean FILE… : compiles with exit 0 and prints no diagnostic at all
clean() {
  local out
  out=$("$zr" check "$@" 2>&1)
  local status=$?
  [[ $status == 0 && -z $out ]] || { echo "$out" | head -20; return 1; }
}

# Relative paths, as the expected files were made: findings name their source file.
cd "$src" || exit 2
jx=examples/jiangxi

# --- generated files are up to date -----------------------------------------------------------
check "stdlib-rules/industry.zr is up to date with data/" python3 scripts/gen-industry.py --check
check "Jiangxi unit inventory is up to date" python3 "$jx"/gen-units.py --check
check "Jiangxi generated descriptors are up to date" python3 "$jx"/projects/gen-projects.py --check
check "data/ CSV has 1,971 rows" test "$(tail -n +2 data/gbt4754-2017.csv | wc -l)" = 1971

# --- the taxonomy, as the compiler reads it ---------------------------------------------------
# A list whose one set names every code: the IR then lists every entry with its parent.
python3 - "$work/taxonomy.zr" <<'PY'
import csv, sys
codes = []
section = {}
for row in csv.DictReader(open("data/gbt4754-2017.csv", encoding="utf-8")):
    if row["level"] == "section":
        section[row["code"]] = row["code"]
        codes.append(row["code"])
    else:
        s = section[row["parent"]]
        section[row["code"]] = s
        codes.append(s + row["code"])
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write('accesslist "taxonomy test (synthetic)" level province jurisdiction 360000\n')
    f.write("import std.schema, std.industry\n")
    f.write('unit ZH36110220001 "test unit (synthetic)" class key county 361102\n')
    f.write("set every of industry = {\n  " + ",\n  ".join(codes) + "\n}\n")
    f.write('rule T-ALL layout "t": forbid project.industry in every cite "test"\n')
PY
check "a set of every GB/T 4754 code checks clean" clean "$work/taxonomy.zr"
"$zr" compile --emit ir "$work/taxonomy.zr" >"$work/taxonomy.ir" 2>/dev/null
check "taxonomy counts and hierarchy (20 / 97 / 473 / 1381)" python3 - "$work/taxonomy.ir" <<'PY'
import csv, re, sys
ir = open(sys.argv[1], encoding="utf-8").read()
block = ir.split("\nindustries (", 1)[1].split("\n\n", 1)[0]
head, *lines = block.splitlines()
assert head.startswith("1971;"), head
entries = {}
for line in lines:
    m = re.fullmatch(r'\s+\[\d+\] ([A-T][0-9]*) "([^"]+)"(?: under ([A-T][0-9]*))?', line)
    assert m, line
    entries[m.group(1)] = (m.group(2), m.group(3))
by_len = {}
for code in entries:
    by_len[len(code)] = by_len.get(len(code), 0) + 1
counts = (by_len.get(1), by_len.get(3), by_len.get(4), by_len.get(5))
assert counts == (20, 97, 473, 1381), counts
section = {}
for row in csv.DictReader(open("data/gbt4754-2017.csv", encoding="utf-8")):
    if row["level"] == "section":
        code, parent = row["code"], None
    else:
        s = section[row["parent"]]
        code = s + row["code"]
        parent = row["parent"] if row["level"] == "division" else s + row["parent"]
    section[row["code"]] = code[0]
    name, under = entries[code]
    assert name == row["name"], (code, name, row["name"])
    assert under == parent, (code, under, parent)
    if parent:
        assert code.startswith(parent) and len(code) == len(parent) + (2 if len(parent) == 1 else 1), code
PY

# --- everything compiles with no warning ------------------------------------------------------
for f in stdlib-rules/*.zr stdlib-rules/*/*.zr; do
  check "$f checks clean on its own" clean "$f"
done
check "Jiangxi province list checks clean" clean "$jx"/province/*.zr
for city in shangrao jiujiang nanchang; do
  check "Jiangxi province + $city check clean" clean "$jx"/province/*.zr "$jx/$city"/*.zr
done
all=("$jx"/province/*.zr "$jx"/shangrao/*.zr "$jx"/jiujiang/*.zr "$jx"/nanchang/*.zr)
check "the whole Jiangxi example checks clean" clean "${all[@]}"
for f in examples/tutorial/*.zr; do
  check "$f checks clean" clean "$f"
done

# --- goldens ----------------------------------------------------------------------------------
start=$(date +%s%N)
"$zr" compile -o "$work/jx.zrb" "${all[@]}" 2>/dev/null
status=$?
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
check "the whole Jiangxi example compiles" test "$status" = 0
# Well under a second when the machine is idle (about 0.2 s); the bound leaves room for a
# loaded test machine.
check "the whole Jiangxi example compiles in under 3 s (took ${elapsed_ms} ms)" test "$elapsed_ms" -lt 3000
for projects in "$jx"/projects/*.jsonl; do
  [[ $projects == *.expected.jsonl ]] && continue
  expected=${projects%.jsonl}.expected.jsonl
  check "golden exists for $projects" test -f "$expected"
  [[ -f $expected ]] || continue
  "$zr" screen --bundle "$work/jx.zrb" "$projects" >"$work/out.jsonl" 2>/dev/null
  check "Jiangxi golden $(basename "$projects")" diff -u "$expected" "$work/out.jsonl"
done
# Site-based descriptors: resolved through the example's synthetic geometry.
"$zr" screen --bundle "$work/jx.zrb" --geometry "$jx"/geometry/units.geojson \
  --layers "$jx"/geometry/layers.geojson "$jx"/projects/sites/sites.jsonl >"$work/sites.jsonl" 2>/dev/null
check "zr screen exits 1 on the sites (a swapped pair, a bow-tie)" test $? = 1
check "Jiangxi golden sites.jsonl" diff -u "$jx"/projects/sites/sites.expected.jsonl "$work/sites.jsonl"
check "every site descriptor has its record" \
  test "$(wc -l <"$work/sites.jsonl")" = "$(wc -l <"$jx"/projects/sites/sites.jsonl)"
# The same as an HTML report: a section per line, a map per site resolved by its geometry.
"$zr" screen --bundle "$work/jx.zrb" --geometry "$jx"/geometry/units.geojson \
  --layers "$jx"/geometry/layers.geojson --format html --lang zh \
  "$jx"/projects/sites/sites.jsonl >"$work/sites.html" 2>/dev/null
check "HTML report: one section per line" \
  test "$(grep -c '^<section ' "$work/sites.html")" = "$(wc -l <"$jx"/projects/sites/sites.jsonl)"
check "HTML report: a map for each site with a geometry inside a unit" \
  test "$(grep -c '^<svg' "$work/sites.html")" = \
  "$(grep -c '"site":{"geometry":[^}]*"outside":false' "$work/sites.jsonl")"
check "HTML report: the tally agrees with the JSON records" python3 - "$work/sites.html" "$work/sites.jsonl" <<'PY'
import html.parser, json, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
html.parser.HTMLParser().feed(page)
records = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
refused = sum(r.get("verdict") == "refused" for r in records)
errors = sum("error" in r for r in records)
assert re.search(rf'<tr class="refused"><th>不予准入</th><td>{refused}</td>', page), refused
assert re.search(rf'<th>无法研判的行</th><td>{errors}</td>', page), errors
assert page.count('<section class="refused"') == refused
PY
check "generated descriptors meet their stated expectations" \
  python3 "$jx"/projects/gen-projects.py --review "$work/jx.zrb" --zr "$zr"
check "at least 200 screenable descriptors" \
  test "$(cat "$jx"/projects/*.jsonl | grep -v -c '"verdict"\|"error"')" -ge 200

"$zr" compile -o "$work/tutorial.zrb" examples/tutorial/yangtze-chemical.zr 2>/dev/null
"$zr" screen --bundle "$work/tutorial.zrb" examples/tutorial/projects.jsonl >"$work/tut.jsonl" 2>/dev/null
check "tutorial golden" diff -u examples/tutorial/projects.expected.jsonl "$work/tut.jsonl"

# The deliberately wrong tutorial files fail with the codes the tutorial shows.
codes() { "$zr" check --format json "$1" 2>/dev/null | grep -o '"code": *"ZR[0-9]*"' | grep -o 'ZR[0-9]*' | tr '\n' ' '; }
check "tutorial mistake: missing unit is ZR0316" test "$(codes examples/tutorial/mistakes/missing-unit.zr)" = "ZR0316 "
check "tutorial mistake: typos are ZR0304 and ZR0213" test "$(codes examples/tutorial/mistakes/typos.zr)" = "ZR0304 ZR0213 "

# Every command shown in the tutorials prints what the tutorial says.
mkdir -p "$work/doc"
check "tutorial commands print what the tutorials show" \
  python3 tests/e2e/doc_commands.py "$zr" "$src" "$work/doc" docs/tutorial.zh.md docs/tutorial.en.md

echo "$passes passed, $failures failed"
test "$failures" = 0
