"""Crash test of the registry: kill -9 the server while filings are in flight, restart it, and
check that the registry is consistent — no half-written version, every active version whole
(its files hash to its content hash), the filing log and the versions agree. Where the kill
lands varies from run to run; the checks hold wherever it lands."""
import glob
import hashlib
import os
import signal
import sqlite3
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_common import Server, check, files_of, finish, token  # noqa: E402

zr, root = sys.argv[1], sys.argv[2]
ex = os.path.join(root, "examples", "jiangxi")
province = sorted(glob.glob(f"{ex}/province/*.zr"))
nanchang = sorted(glob.glob(f"{ex}/nanchang/*.zr"))
header = [l for l in open(nanchang[0], encoding="utf-8").read().splitlines() if l.startswith("accesslist")][0]


def sources_hash(files):
    digest = hashlib.sha256()
    for name in sorted(files):
        text = files[name].encode("utf-8")
        digest.update(f"{name}\n{len(text)}\n".encode("utf-8") + text)
    return digest.hexdigest()


def consistent(data):
    db = sqlite3.connect(os.path.join(data, "registry.sqlite"))
    problems = []
    if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
        problems.append("integrity_check")
    for jurisdiction, active in db.execute("SELECT jurisdiction, active_version FROM lists"):
        row = db.execute("SELECT jurisdiction, number, content_hash FROM versions WHERE id = ?", (active,)).fetchone()
        if not row or row[0] != jurisdiction:
            problems.append(f"{jurisdiction}: active version {active} missing")
            continue
        numbers = [n for (n,) in db.execute("SELECT number FROM versions WHERE jurisdiction = ? ORDER BY number", (jurisdiction,))]
        if numbers != list(range(1, len(numbers) + 1)) or row[1] != numbers[-1]:
            problems.append(f"{jurisdiction}: versions {numbers}, active {row[1]}")
    for vid, content_hash in db.execute("SELECT id, content_hash FROM versions"):
        files = dict(db.execute("SELECT name, text FROM version_files WHERE version = ?", (vid,)).fetchall())
        if sources_hash(files) != content_hash:
            problems.append(f"version {vid}: files do not match its content hash")
        if not db.execute("SELECT 1 FROM filings WHERE version = ? AND status = 'accepted'", (vid,)).fetchone():
            problems.append(f"version {vid}: no accepted filing in the log")
    accepted = db.execute("SELECT count(*) FROM filings WHERE status = 'accepted'").fetchone()[0]
    versions = db.execute("SELECT count(*) FROM versions").fetchone()[0]
    if accepted != versions:
        problems.append(f"{accepted} accepted filings but {versions} versions")
    active = db.execute("SELECT v.number FROM lists l JOIN versions v ON v.id = l.active_version WHERE l.jurisdiction = '360100'").fetchone()
    db.close()
    return problems, (active[0] if active else 0)


with tempfile.TemporaryDirectory() as data:
    admin = token(zr, data, "province-admin", "360000")
    nc = token(zr, data, "city-drafter", "360100")
    server = Server(zr, ["--data", data])
    status, _ = server.call("POST", "/v1/filings", files_of(*province), token=admin)
    check(status == 201, "province filed")
    server.kill()

    serial = 0
    for round_ in range(4):
        server = Server(zr, ["--data", data])
        done = threading.Event()
        answered = []

        def file_loop():
            global serial
            while not done.is_set():
                serial += 1
                variant = files_of(*nanchang)
                variant["files"]["extra.zr"] = f"{header}\n// crash-test variant {serial}\n"
                try:
                    status, body = server.call("POST", "/v1/filings", variant, token=nc)
                    answered.append((status, body.get("version") if isinstance(body, dict) else None))
                except OSError:
                    return  # the server died under us

        threads = [threading.Thread(target=file_loop) for _ in range(2)]
        for t in threads:
            t.start()
        # Kill once some filings were answered, so that the kill lands among others in flight.
        while len(answered) < 2 + round_ and any(t.is_alive() for t in threads):
            threads[0].join(0.05)
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait()
        done.set()
        for t in threads:
            t.join()
        problems, active = consistent(data)
        accepted = max((v for s, v in answered if s == 201), default=0)
        check(not problems, f"round {round_}: registry consistent after kill -9 {problems}")
        check(active >= accepted, f"round {round_}: active version {active} is at least the last answered {accepted}")

        server = Server(zr, ["--data", data])
        status, body = server.call("GET", "/v1/lists/360100/versions")
        live = [v["version"] for v in body["versions"] if v["active"]]
        check(status == 200 and live == [active], f"round {round_}: the restarted server serves version {active}")
        status, body = server.call("POST", "/v1/screen", {"project": "p", "site": "ZH36010220001", "industry": ["C2614"], "change": "新建"})
        check(status == 200 and "verdict" in body, f"round {round_}: screening works after the restart")
        server.kill()

finish()
