"""Helpers of the `zr serve` end-to-end tests: start a server on a free loopback port, call it,
file example lists. Servers are stopped by the process id this module started."""
import atexit
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile


class Server:
    def __init__(self, zr, args):
        self.proc = subprocess.Popen([zr, "serve", "--listen", "127.0.0.1:0", *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if "listening on http://127.0.0.1:" not in line:
            err = self.proc.stderr.read()
            raise SystemExit(f"server did not start: {line!r} {err}")
        self.port = int(line.rsplit(":", 1)[1])
        atexit.register(self._cleanup)

    def _cleanup(self):
        # A failed check must not leave the server running.
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def call(self, method, path, body=None, token=None, raw=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = raw if raw is not None else (None if body is None else json.dumps(body))
        if isinstance(data, str):
            data = data.encode("utf-8")
        conn.request(method, path, body=data, headers=headers)
        res = conn.getresponse()
        text = res.read().decode()
        conn.close()
        try:
            return res.status, json.loads(text)
        except ValueError:
            return res.status, text

    def kill(self, sig=signal.SIGTERM):
        self.proc.send_signal(sig)
        self.proc.wait(timeout=30)
        return self.proc.returncode


def token(zr, data, role, jurisdiction):
    out = subprocess.run([zr, "serve", "token", "add", "--data", data, "--role", role,
                          "--jurisdiction", jurisdiction], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def files_of(*paths):
    return {"files": {os.path.basename(p): open(p, encoding="utf-8").read() for p in paths}}


failures = []


def check(condition, what):
    if condition:
        print(f"ok   {what}")
    else:
        print(f"FAIL {what}")
        failures.append(what)


def finish():
    if failures:
        print(f"{len(failures)} checks failed")
        sys.exit(1)
    print("all checks passed")
