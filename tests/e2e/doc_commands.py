#!/usr/bin/env python3
"""Check that every command shown in the tutorials prints what the tutorial says it prints.

A shell block of docs/tutorial.*.md is a fenced block whose first line starts with "$ ". Each
"$ CMD" line is run from the repository root (build/zr replaced by the zr under test, other
build/ outputs written to a scratch directory); the lines after it, up to the next "$ " line or
the end of the block, are its expected standard output and standard error, together.

Usage: doc_commands.py ZR SOURCE-DIR SCRATCH-DIR DOC…
"""
import difflib
import os
import subprocess
import sys


def blocks(text):
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if lines[i].startswith("```") and i + 1 < len(lines) and lines[i + 1].startswith("$ "):
            j = i + 1
            body = []
            while j < len(lines) and not lines[j].startswith("```"):
                body.append(lines[j])
                j += 1
            yield i + 2, body
            i = j
        i += 1


def main():
    zr, src, scratch, docs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    failures = 0
    for doc in docs:
        text = open(os.path.join(src, doc), encoding="utf-8").read()
        for lineno, body in blocks(text):
            steps = []
            for line in body:
                if line.startswith("$ "):
                    steps.append((line[2:], []))
                else:
                    steps[-1][1].append(line)
            # One shell per block, so that `echo $?` sees the previous command's status.
            marker = "--8<-- zr doc step --8<--"
            script = []
            for cmd, _ in steps:
                real = (cmd.replace("build/zr ", "\0ZR ").replace("build/", scratch + "/")
                        .replace("\0ZR ", zr + " "))
                # Keep the previous command's status across the marker echo for `echo $?`.
                script.append("__status=$?; echo '%s'; (exit $__status); %s 2>&1" % (marker, real))
            r = subprocess.run(["bash", "-c", "\n".join(script)], cwd=src, capture_output=True,
                               text=True)
            outputs = r.stdout.split(marker + "\n")[1:]
            for (cmd, expected), out in zip(steps, outputs + [""] * len(steps)):
                got = out.rstrip("\n").split("\n") if out.strip("\n") else []
                want = expected[:]
                while want and want[-1] == "":
                    want.pop()
                if got != want:
                    failures += 1
                    print("%s:%d: $ %s" % (doc, lineno, cmd))
                    sys.stdout.writelines(
                        l + "\n" for l in difflib.unified_diff(want, got, "documented", "real",
                                                              lineterm=""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
