#!/usr/bin/env bash
# End-to-end tests of `zr audit`:
# - the deliberately flawed Pingxiang list gives exactly its expected audit, as text and JSON;
# - its SARIF report is SARIF 2.1.0 with one result per finding;
# - every witness of the report is accepted by `zr screen` as is (no error record) and, screened
#   against the province alone, is refused there by the rule the finding names (relaxations);
# - the example city lists pass the audit (exit 0, no errors);
# - bad invocations are usage errors (exit 2).
source "$(dirname "$0")/lib.sh" "$@"

# Relative paths, as the expected files were made: findings name their source files.
cd "$src" || exit 2
jx=examples/jiangxi
province=("$jx"/province/*.zr)

"$zr" audit --province "${province[@]}" --city "$jx"/flawed/*.zr >"$work/flawed.txt"
check "flawed audit exits 1 (errors)" test $? = 1
check "flawed audit text matches expected-audit.txt" diff -u "$jx/flawed/expected-audit.txt" "$work/flawed.txt"
"$zr" audit --format json --province "${province[@]}" --city "$jx"/flawed/*.zr >"$work/flawed.json"
check "flawed audit JSON matches expected-audit.json" diff -u "$jx/flawed/expected-audit.json" "$work/flawed.json"
"$zr" audit --format sarif --province "${province[@]}" --city "$jx"/flawed/*.zr >"$work/flawed.sarif"

check "every check of docs/audit.md appears in the flawed example" python3 - "$work/flawed.json" <<'PY'
import json, re, sys
codes = {f["code"] for f in json.load(open(sys.argv[1]))["findings"]}
documented = set(re.findall(r"^\| (ZR05\d\d) \|", open("docs/audit.md", encoding="utf-8").read(), re.M))
# The geometry checks (ZR057x) need geometry files: tests/golden/audit-geo/ covers them.
documented = {code for code in documented if not code.startswith("ZR057")}
missing = documented - codes
assert not missing, f"not in the flawed example: {sorted(missing)}"
PY

check "SARIF 2.1.0 with one result per finding" python3 - "$work/flawed.sarif" "$work/flawed.json" <<'PY'
import json, sys
sarif, report = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert sarif["version"] == "2.1.0", sarif["version"]
run = sarif["runs"][0]
results = run["results"]
assert len(results) == len(report["findings"]), (len(results), len(report["findings"]))
ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
for r, f in zip(results, report["findings"]):
    assert r["ruleId"] == f["code"] and r["ruleId"] in ids, r["ruleId"]
    assert r["level"] in ("error", "warning", "note")
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == f["file"] and loc["region"]["startLine"] == f["line"]
PY

# Witnesses: one descriptor per line, screened against the province alone.
python3 - "$work/flawed.json" "$work/witnesses.jsonl" "$work/claims.txt" <<'PY'
import json, sys
findings = json.load(open(sys.argv[1]))["findings"]
with open(sys.argv[2], "w") as out, open(sys.argv[3], "w") as claims:
    for f in findings:
        if f["witness"]:
            out.write(json.dumps(f["witness"]["descriptor"], ensure_ascii=False, separators=(",", ":")) + "\n")
            refused = f["rules"][1] if f["code"] in ("ZR0501", "ZR0503") else ""
            claims.write(refused + "\n")
PY
"$zr" screen "${province[@]}" "$work/witnesses.jsonl" >"$work/witnesses.out"
check "zr screen accepts every witness as is" python3 - "$work/witnesses.jsonl" "$work/witnesses.out" "$work/claims.txt" <<'PY'
import json, sys
witnesses = open(sys.argv[1]).read().splitlines()
records = [json.loads(l) for l in open(sys.argv[2])]
claims = open(sys.argv[3]).read().splitlines()
assert len(witnesses) >= 6 and len(records) == len(witnesses), (len(witnesses), len(records))
for w, r, rule in zip(witnesses, records, claims):
    assert "error" not in r, (w, r)
    if rule:  # a relaxation: the province alone refuses the witness by the replaced rule
        outcomes = {f["outcome"] for f in r["findings"] if f["rule"] == rule}
        assert outcomes & {"refused", "non_compliant"}, (rule, w, outcomes)
PY

for city in shangrao jiujiang nanchang; do
  "$zr" audit --province "${province[@]}" --city "$jx/$city"/*.zr >"$work/$city.txt"
  check "$city passes the audit" test $? = 0
done

"$zr" audit --province "${province[@]}" >/dev/null 2>&1
check "audit without --city is a usage error" test $? = 2
"$zr" audit --province "${province[@]}" --city "$jx"/flawed/*.zr --format xml >/dev/null 2>&1
check "an unknown format is a usage error" test $? = 2
"$zr" audit --province "${province[@]}" --city no/such/file.zr >/dev/null 2>&1
check "an unreadable city file is an I/O error" test $? = 2

echo "audit e2e: $passes passed, $failures failed"
((failures == 0))
