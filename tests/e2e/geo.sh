#!/usr/bin/env bash
# End-to-end tests of the geometry side (docs/geometry.md):
# - examples/jiangxi/gen-geometry.py is reproducible (same seed, same bytes) and the checked-in
#   files are what it writes;
# - the Jiangxi geometry loads with no diagnostic at all: every unit of the example has a
#   polygon, every polygon a unit, and no feature needs a repair;
# - zr stats covers all 1,014 units and its shares add up; zr map draws a site and its hits;
# - zr screen accepts --geometry/--layers and still screens every line; bad geometry paths and
#   sites give a usage error;
# - a Shapefile of some units (written with shapelib's tools) gives the same areas and units;
# - zr audit --geometry finds no overlap or gap in the example's cities.
source "$(dirname "$0")/lib.sh" "$@"

cd "$src" || exit 2
jx=examples/jiangxi
geo=$jx/geometry

# ---- the generator ----------------------------------------------------------------------------
python3 $jx/gen-geometry.py --out "$work/a" --seed 7
python3 $jx/gen-geometry.py --out "$work/b" --seed 7
check "same seed, same bytes" cmp -s "$work/a/units.geojson" "$work/b/units.geojson"
check "same seed, same layers" cmp -s "$work/a/layers.geojson" "$work/b/layers.geojson"
check "checked-in geometry is up to date" python3 $jx/gen-geometry.py --check
size=$(cat $geo/*.geojson | wc -c)
check "geometry under 5 MB ($size bytes)" test "$size" -lt 5000000
check "geometry says it is synthetic" grep -q '"synthetic"' $geo/units.geojson

# ---- loads cleanly ------------------------------------------------------------------------------
"$zr" compile -o "$work/jx.zrb" $jx/province/*.zr $jx/shangrao/*.zr $jx/jiujiang/*.zr \
  $jx/nanchang/*.zr 2>"$work/compile.err"
check "example compiles" test -s "$work/jx.zrb"
"$zr" stats --bundle "$work/jx.zrb" --geometry $geo/units.geojson --format json \
  >"$work/stats.json" 2>"$work/stats.err"
status=$?
check "zr stats exits 0" test $status = 0
check "no geometry diagnostics" test ! -s "$work/stats.err"
[[ -s $work/stats.err ]] && head -5 "$work/stats.err"
check "stats cover 1,014 units, 11 cities, shares sum to 1" python3 - "$work/stats.json" <<'PY'
import json, sys
groups = json.load(open(sys.argv[1]))["groups"]
province = [g for g in groups if g["level"] == "province"]
cities = [g for g in groups if g["level"] == "city"]
assert len(province) == 1 and province[0]["units"] == 1014, province
assert len(cities) == 11, len(cities)
assert sum(c["units"] for c in cities) == 1014
for g in groups:
    assert g["units_without_geometry"] == 0, g
    total = sum(v["area_share"] for v in g["by_class"].values())
    assert abs(total - 1) < 1e-5, (g["code"], total)
PY
"$zr" map --bundle "$work/jx.zrb" --geometry $geo/units.geojson --layers $geo/layers.geojson \
  >"$work/layers-only.svg" 2>"$work/layers.err"
check "layers load with no diagnostics" test ! -s "$work/layers.err"

# ---- zr map -----------------------------------------------------------------------------------
"$zr" map --bundle "$work/jx.zrb" --geometry $geo/units.geojson --layers $geo/layers.geojson \
  --within 3601 --site '{"point":[115.9,28.7]}' -o "$work/nc.svg"
check "zr map writes an SVG" grep -q '^<svg ' "$work/nc.svg"
check "the site hits a unit" grep -q '<text x="10" y="[0-9]*">ZH3601' "$work/nc.svg"
"$zr" map --bundle "$work/jx.zrb" --geometry $geo/units.geojson --within 3601 \
  --site '{"point":[115.9,28.7]}' -o "$work/nc2.svg"
"$zr" map --bundle "$work/jx.zrb" --geometry $geo/units.geojson --within 3601 \
  --site '{"point":[115.9,28.7]}' -o "$work/nc3.svg"
check "zr map is deterministic" cmp -s "$work/nc2.svg" "$work/nc3.svg"
"$zr" map --bundle "$work/jx.zrb" --geometry $geo/units.geojson \
  --site '{"point":[100.0,20.0]}' -o "$work/outside.svg"
check "a site outside every unit is said so" grep -q '选址不在任何管控单元内' "$work/outside.svg"

# ---- zr screen with geometry --------------------------------------------------------------------
"$zr" screen --bundle "$work/jx.zrb" --geometry $geo/units.geojson --layers $geo/layers.geojson \
  $jx/projects/screening.jsonl >"$work/screen.jsonl" 2>"$work/screen.err"
lines=$(wc -l <"$work/screen.jsonl")
check "zr screen --geometry screens every line ($lines)" \
  test "$lines" = "$(wc -l <$jx/projects/screening.jsonl)"
"$zr" screen --bundle "$work/jx.zrb" --geometry /nonexistent.geojson \
  $jx/projects/screening.jsonl >/dev/null 2>"$work/missing.err"
check "missing geometry file: exit 2" test $? = 2
check "missing geometry file: ZR1100" grep -q 'ZR1100' "$work/missing.err"
"$zr" map --bundle "$work/jx.zrb" --geometry $geo/units.geojson --site 'nope' \
  >/dev/null 2>&1
check "bad --site: exit 2" test $? = 2

# ---- the same units as an ESRI Shapefile (written with shapelib's command-line tools) -----------
# Nanchang's units: the Shapefile and the GeoJSON must give the same areas and the same units.
python3 - $geo/units.geojson "$work/nc" <<'PY'
import json, subprocess, sys
units, base = sys.argv[1], sys.argv[2]
subprocess.run(["shpcreate", base, "polygon"], check=True)
subprocess.run(["dbfcreate", base, "-s", "code", "20", "-s", "kind", "12"], check=True)
for f in json.load(open(units, encoding="utf-8"))["features"]:
    code = f["properties"].get("code", "")
    if not code.startswith("ZH3601"):
        continue
    args = ["shpadd", base]
    for i, ring in enumerate(f["geometry"]["coordinates"]):
        if f["geometry"]["type"] != "Polygon":
            raise SystemExit("a unit that is not a Polygon")
        if i:
            args.append("+")
        # Shapefile outer rings run clockwise, holes counter-clockwise: the GeoJSON order reversed.
        for x, y in reversed(ring):
            args += [repr(x), repr(y)]
    subprocess.run(args, check=True)
    subprocess.run(["dbfadd", base, code, "unit"], check=True)
PY
check "a Shapefile of Nanchang's units is written" test -s "$work/nc.shp" -a -s "$work/nc.dbf"
"$zr" stats --bundle "$work/jx.zrb" --geometry "$work/nc.shp" --format json \
  >"$work/stats-shp.json" 2>"$work/stats-shp.err"
check "Shapefile and GeoJSON give Nanchang the same areas" python3 - "$work/stats.json" "$work/stats-shp.json" <<'PY'
import json, sys
def city(path):
    groups = json.load(open(path))["groups"]
    return [g for g in groups if g["code"] == "360100"][0]
a, b = city(sys.argv[1]), city(sys.argv[2])
assert b["units_without_geometry"] == 0 and a["units"] == b["units"], (a, b)
assert a["area_km2"] == b["area_km2"] and a["by_class"] == b["by_class"], (a, b)
PY
check "the other cities' units are reported without geometry (ZR1112)" grep -q 'ZR1112' "$work/stats-shp.err"
echo '{"project":"p","site":{"point":[115.9,28.7]},"change":"new"}' >"$work/one.jsonl"
"$zr" screen --bundle "$work/jx.zrb" --geometry "$work/nc.shp" "$work/one.jsonl" 2>/dev/null \
  | python3 -c 'import json,sys; print([u["code"] for u in json.load(sys.stdin)["units"]])' >"$work/shp-units"
"$zr" screen --bundle "$work/jx.zrb" --geometry $geo/units.geojson "$work/one.jsonl" 2>/dev/null \
  | python3 -c 'import json,sys; print([u["code"] for u in json.load(sys.stdin)["units"]])' >"$work/geojson-units"
check "a point resolves to the same unit through the Shapefile" \
  bash -c "grep -q ZH3601 '$work/shp-units' && cmp -s '$work/shp-units' '$work/geojson-units'"

# ---- zr audit --geometry on the example: the generated cells tile each city exactly -------------
for city in nanchang shangrao jiujiang; do
  "$zr" audit --province $jx/province/*.zr --city $jx/$city/*.zr --geometry $geo/units.geojson \
    --layers $geo/layers.geojson >"$work/audit-$city.txt" 2>"$work/audit-$city.err"
  check "no geometry finding for $city (no overlap, no gap)" \
    bash -c "! grep -q 'ZR057' '$work/audit-$city.txt' && test ! -s '$work/audit-$city.err'"
done

echo "geo: $passes passed, $failures failed"
((failures == 0))
