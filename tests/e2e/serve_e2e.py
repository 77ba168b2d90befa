"""End-to-end test of `zr serve` against a real server on loopback (docs/api.md)."""
import glob
import json
import os
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_common import Server, check, files_of, finish, token  # noqa: E402

zr, root = sys.argv[1], sys.argv[2]
ex = os.path.join(root, "examples", "jiangxi")
province = sorted(glob.glob(f"{ex}/province/*.zr"))
nanchang = sorted(glob.glob(f"{ex}/nanchang/*.zr"))
shangrao = sorted(glob.glob(f"{ex}/shangrao/*.zr"))
relaxed = os.path.join(root, "examples", "tutorial", "audit", "pingxiang-relaxed.zr")

with tempfile.TemporaryDirectory() as data:
    admin = token(zr, data, "province-admin", "360000")
    nc = token(zr, data, "city-drafter", "360100")
    sr = token(zr, data, "city-drafter", "361100")
    px = token(zr, data, "city-drafter", "360300")
    reader = token(zr, data, "reader", "360000")
    server = Server(zr, ["--data", data, "--max-body", "200000"])
    call = server.call

    status, body = call("GET", "/healthz")
    check(status == 200 and body["status"] == "ok" and body["bundle"] is None, "healthz before any filing")
    status, body = call("GET", "/v1/nowhere")
    check(status == 404 and body["error"]["code"] == "ZR1204", "unknown route: 404 JSON")
    status, body = call("POST", "/v1/screen", {"project": "p", "site": "ZH36010220001"})
    check(status == 503 and body["error"]["code"] == "ZR1208", "screening before any filing: 503")

    # Who may file.
    status, body = call("POST", "/v1/filings", files_of(*province))
    check(status == 401 and body["error"] == {"code": "ZR1202", "message": "unauthorized"}, "filing without a token: 401")
    status, body = call("POST", "/v1/filings", files_of(*province), token="zr_" + "0" * 64)
    check(status == 401 and body["error"]["code"] == "ZR1202", "filing with an unknown token: 401, same body")
    status, body = call("POST", "/v1/filings", files_of(*province), token=reader)
    check(status == 403 and body["error"] == {"code": "ZR1203", "message": "forbidden"}, "reader may not file: 403")
    status, body = call("POST", "/v1/filings", files_of(*nanchang), token=nc)
    check(status == 409 and body["error"]["code"] == "ZR1220", "a city before the province: 409, logged")
    rejected_first = body.get("filing")

    # Bad input.
    status, body = call("POST", "/v1/filings", raw='{"files": {', token=admin)
    check(status == 400 and body["error"]["code"] == "ZR1210", "malformed JSON: 400")
    status, logged = call("GET", f"/v1/filings/{body.get('filing')}")
    check(status == 200 and logged["status"] == "rejected" and logged["report"]["code"] == "ZR1210",
          "the malformed attempt is in the filing log")
    status, body = call("POST", "/v1/filings", raw="[" * 100 + "]" * 100, token=admin)
    check(status == 400 and body["error"]["code"] == "ZR1210", "JSON too deep: 400")
    status, body = call("POST", "/v1/filings", {"files": {"../x.zr": "x"}}, token=admin)
    check(status == 400 and body["error"]["code"] == "ZR1211", "a file name with a path: 400")
    status, body = call("POST", "/v1/filings", raw=json.dumps({"files": {"a.zr": "x" * 300000}}), token=admin)
    check(status == 413 and body["error"]["code"] == "ZR1205", "body over --max-body: 413")

    # The province files; cities file against it.
    status, body = call("POST", "/v1/filings", files_of(*province), token=admin)
    check(status == 201 and body["status"] == "accepted" and body["version"] == 1, "province version 1 accepted")
    status, body = call("POST", "/v1/filings", files_of(*nanchang), token=nc)
    check(status == 201 and body["version"] == 1 and body["summary"]["errors"] == 0, "nanchang version 1 accepted after its audit")
    nanchang_bundle = body.get("bundle_hash")
    status, body = call("POST", "/v1/filings", {"jurisdiction": "361100", **files_of(*shangrao)}, token=nc)
    check(status == 403, "a city token files only its own city: 403")
    status, body = call("POST", "/v1/filings", files_of(*shangrao), token=nc)
    check(status == 422 and body["error"]["code"] == "ZR1223", "sources of another city under a city token: 422")

    # A relaxation is refused, with the audit findings, and nothing is activated.
    status, body = call("POST", "/v1/filings", files_of(relaxed), token=px)
    codes = [f["code"] for f in body.get("audit", {}).get("findings", [])]
    check(status == 422 and body["error"]["code"] == "ZR1224" and codes, f"a relaxing city is refused: 422 with findings {codes}")
    refused = body.get("filing")
    status, body = call("GET", "/v1/lists/360300/versions")
    check(status == 404, "the refused city has no version")
    status, body = call("GET", f"/v1/filings/{refused}")
    check(status == 200 and body["status"] == "rejected" and body["version"] is None, "the refused attempt is in the filing log")
    status, body = call("GET", f"/v1/filings/{rejected_first}")
    check(status == 200 and body["report"]["code"] == "ZR1220", "the early attempt is in the filing log")
    status, body = call("GET", "/healthz")
    check(body["bundle"] == nanchang_bundle, "the screening bundle is still the last accepted one")

    # Screening against the active versions equals zr screen on the same sources.
    projects = os.path.join(ex, "projects", "cities.jsonl")
    expected = subprocess.run([zr, "screen", *province, *nanchang, projects], capture_output=True, text=True).stdout.splitlines()
    lines = open(projects, encoding="utf-8").read().splitlines()
    same = 0
    for line, want in zip(lines, expected):
        status, got = call("POST", "/v1/screen", raw=line)
        want = json.loads(want)
        if "error" in want:
            same += status == 422 and got["error"] == want["error"]
        else:
            same += status == 200 and got["verdict"] == want["verdict"] and \
                [f["rule"] for f in got["findings"]] == [f["rule"] for f in want["findings"]]
    check(same == len(lines), f"POST /v1/screen agrees with zr screen on {same}/{len(lines)} projects")
    status, body = call("POST", "/v1/screen", raw="[" + ",".join(lines[:3]) + ', 5]')
    check(status == 200 and len(body) == 4 and body[3]["error"]["code"] == "ZR1002", "an array of descriptors: one record each")
    status, body = call("POST", "/v1/screen", raw='{"project": ')
    check(status == 422 and body["error"]["code"] == "ZR1001", "a malformed descriptor: 422 with ZR1001")
    status, body = call("POST", "/v1/screen?date=2025-13-01", raw=lines[0])
    check(status == 400 and body["error"]["code"] == "ZR1213", "a bad date parameter: 400")

    # Reads.
    status, body = call("GET", "/v1/units/ZH36010220001")
    check(status == 200 and body["class"] == "key" and "JX-A-01" in body["rules"], "GET /v1/units/{code}")
    status, body = call("GET", "/v1/units/ZH99999999999")
    check(status == 404 and body["error"]["code"] == "ZR1216", "an unknown unit: 404")
    status, body = call("GET", "/v1/units?lon=115.9&lat=28.7")
    check(status == 501 and body["error"]["code"] == "ZR1215", "units by coordinates without --geometry: 501")
    status, body = call("GET", "/v1/rules/JX-K-07")
    check(status == 200 and body["effect"] in ("forbid", "require") and body["level"] == "province", "GET /v1/rules/{id}")
    status, body = call("GET", "/v1/lists")
    check(status == 200 and [l["jurisdiction"] for l in body["lists"]] == ["360000", "360100"], "GET /v1/lists")

    # A new version, the diff, and concurrent filings of one jurisdiction.
    changed = files_of(*nanchang)
    main = [n for n in changed["files"] if n != "units.zr"][0]
    text = changed["files"][main]
    changed["files"][main] = text.replace("NC-", "NX-", 1)
    status, body = call("POST", "/v1/filings", changed, token=nc)
    check(status == 201 and body["version"] == 2, "nanchang version 2 accepted")
    status, body = call("GET", "/v1/lists/360100/diff?from=1&to=2")
    check(status == 200 and len(body["added"]) == 1 and len(body["removed"]) == 1, f"diff of versions 1 and 2: {body}")
    status, body = call("GET", "/v1/lists/360100/diff?from=1")
    check(status == 400 and body["error"]["code"] == "ZR1219", "a diff without to: 400")

    results = []
    def file_version(i):
        variant = files_of(*nanchang)
        variant["files"]["extra.zr"] = "\n".join(l for l in open(nanchang[0], encoding="utf-8").read().splitlines() if l.startswith("accesslist")) + f"\n// variant {i}\n"
        results.append(call("POST", "/v1/filings", variant, token=nc))
    threads = [threading.Thread(target=file_version, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    numbers = sorted(b.get("version", 0) for s, b in results)
    check(all(s == 201 for s, b in results) and numbers == [3, 4, 5, 6], f"4 concurrent filings serialise: versions {numbers}")
    status, body = call("GET", "/v1/lists/360100/versions")
    active = [v["version"] for v in body["versions"] if v["active"]]
    check(active == [6], f"the last filing is active: {active}")

    status, body = call("GET", "/metrics")
    check(status == 200 and 'zr_requests_total{method="POST",route="/v1/filings",status="2xx"}' in body
          and "zr_request_duration_seconds_bucket" in body, "/metrics counts requests and latencies")

    # Revoked tokens no longer work; failures are logged without the token.
    listing = subprocess.run([zr, "serve", "token", "list", "--data", data], capture_output=True, text=True).stdout
    nc_id = [l.split("\t")[0] for l in listing.splitlines() if "\t360100\t" in l][0]
    subprocess.run([zr, "serve", "token", "revoke", "--data", data, nc_id], check=True)
    status, body = call("POST", "/v1/filings", files_of(*nanchang), token=nc)
    check(status == 401, "a revoked token: 401")
    server.kill()
    log = server.proc.stderr.read()
    check("401 POST /v1/filings" in log and nc not in log and admin not in log, "auth failures are logged, tokens are not")

    # Restart: the registry and the active bundle come back (from the bundle cache).
    server = Server(zr, ["--data", data, "--read-auth", "token",
                         "--geometry", f"{ex}/geometry/units.geojson", "--layers", f"{ex}/geometry/layers.geojson"])
    status, body = server.call("GET", "/v1/lists")
    check(status == 401, "--read-auth token: reads need a token")
    status, body = server.call("GET", "/v1/lists", token=reader)
    check(status == 200 and body["lists"][1]["active"]["version"] == 6, "after a restart the active versions are kept")
    status, body = server.call("GET", "/v1/units?lon=115.9&lat=28.7", token=reader)
    check(status == 200 and len(body["units"]) >= 1 and body["units"][0]["code"].startswith("ZH3601"),
          "--data with --geometry: units by coordinates on the active versions")
    status, body = server.call("POST", "/v1/screen", raw='{"project":"p","site":{"point":[115.9,28.7]},"change":"new"}', token=reader)
    check(status == 200 and body["units"] and body["site"]["resolved"], "--data with --geometry: a site by coordinates is screened")
    server.kill()

    # Read-only mode from one bundle.
    bundle = os.path.join(data, "one.zrb")
    subprocess.run([zr, "compile", "-o", bundle, *province], check=True, capture_output=True)
    server = Server(zr, ["--bundle", bundle])
    status, body = server.call("POST", "/v1/screen", raw=lines[0])
    check(status == 200 and "verdict" in body, "--bundle: screening")
    status, body = server.call("POST", "/v1/filings", files_of(*province), token=admin)
    check(status == 405 and body["error"]["code"] == "ZR1209", "--bundle: no filings")
    check(server.kill() == 0, "SIGTERM stops the server with status 0")

    # With the unit boundaries and layers: units by coordinates, sites by coordinates.
    geometry = ["--geometry", f"{ex}/geometry/units.geojson", "--layers", f"{ex}/geometry/layers.geojson"]
    sites = f"{ex}/projects/sites/sites.jsonl"
    server = Server(zr, ["--bundle", bundle, *geometry])
    want = subprocess.run([zr, "screen", "--bundle", bundle, *geometry, sites],
                          capture_output=True, text=True).stdout.splitlines()
    site_lines = open(sites, encoding="utf-8").read().splitlines()
    same = 0
    for line, expected in zip(site_lines, want):
        status, got = server.call("POST", "/v1/screen", raw=line)
        expected = json.loads(expected)
        if "error" in expected:
            same += status == 422 and got["error"]["code"] == expected["error"]["code"]
        else:
            same += status == 200 and got == expected
    check(len(want) == len(site_lines) and same == len(site_lines),
          f"sites by coordinates: POST /v1/screen agrees with zr screen --geometry on {same}/{len(site_lines)}")
    point = json.loads(want[0])
    status, body = server.call("GET", "/v1/units?lon=117.9406&lat=28.4510")
    check(status == 200 and [u["code"] for u in body["units"]] == [u["code"] for u in point["units"]]
          and body["method"].startswith("geodesic"), "GET /v1/units?lon=&lat= resolves a point to its unit")
    status, body = server.call("GET", "/v1/units?lon=121.47&lat=31.23")
    check(status == 200 and body["units"] == [], "a point outside every unit: no unit")
    check(server.kill() == 0, "the geometry server stops with status 0")
    missing = subprocess.run([zr, "serve", "--bundle", bundle, "--geometry", os.path.join(data, "none.geojson")],
                             capture_output=True, text=True)
    check(missing.returncode == 2 and "cannot read" in missing.stderr, "an unreadable --geometry: exit 2")

finish()
