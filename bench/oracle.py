#!/usr/bin/env python3
"""An independent reference screener for the provinces bench/gen.py writes: a differential check
of the whole pipeline (parser, sema, lowering, bundle, descriptor parser, evaluator, writer).

    bench/oracle.py DIR [SCREEN.jsonl] [--limit N] [--show K]

reads DIR/province/*.zr (only the subset of the language gen.py writes, in either keyword
dialect), DIR/projects.jsonl, and the output of `zr screen --bundle … DIR/projects.jsonl`
(default DIR/screen.jsonl, as bench/run leaves it), re-screens every project with LANGUAGE.md §5
semantics (Kleene logic; forbid C unless E; require K when C; worst verdict over units) and
compares each record's verdict, unit verdicts and findings (rule, unit, outcome). Exit status 0
when everything agrees, 1 otherwise. Python standard library only.
"""

import argparse
import glob
import json
import os
import re
import sys

from gen import ZH  # English -> Chinese keywords

FROM_ZH = {zh: en for en, zh in ZH.items()}
FROM_ZH.update({"优先": "priority", "重点": "key", "一般": "general"})

# Units of measure used by gen.py: factor to a base unit per dimension.
UNITS = {"m": ("L", 1.0), "km": ("L", 1000.0), "t/a": ("M", 1.0), "kg/a": ("M", 0.001),
         "g/a": ("M", 1e-6), "万t/a": ("M", 1e4), "m3/a": ("V", 1.0), "m3/d": ("V", 365.0),
         "万m3/a": ("V", 1e4), "tce/a": ("E", 1.0), "万tce/a": ("E", 1e4)}

F, T, U = 0, 1, 2  # Kleene values; U = unknown

TOKEN = re.compile(r'\s*(?:(?P<str>"[^"]*")|(?P<num>\d+(?:\.\d+)?)|(?P<op><=|>=|==|!=|\+=|[<>{}(),:=+\-*/&.])'
                   r'|(?P<word>[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff\-/]*))')


def tokenize(text):
    out, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise SyntaxError(f"cannot tokenize at {text[pos:pos + 20]!r}")
        pos = m.end()
        tok = m.group(m.lastgroup)
        if m.lastgroup == "word":
            tok = FROM_ZH.get(tok, tok)
        out.append((m.lastgroup, tok))
    return out


class Cond:
    """Recursive descent over the generated condition syntax into nested tuples."""

    def __init__(self, tokens):
        self.t, self.i = tokens, 0

    def peek(self, k=0):
        return self.t[self.i + k][1] if self.i + k < len(self.t) else None

    def take(self, expected=None):
        tok = self.t[self.i]
        if expected is not None and tok[1] != expected:
            raise SyntaxError(f"expected {expected}, got {tok[1]}")
        self.i += 1
        return tok

    def parse(self):
        e = self.orx()
        if self.i != len(self.t):
            raise SyntaxError(f"trailing tokens {self.t[self.i:]}")
        return e

    def orx(self):
        e = self.andx()
        while self.peek() == "or":
            self.take()
            e = ("or", e, self.andx())
        return e

    def andx(self):
        e = self.notx()
        while self.peek() == "and":
            self.take()
            e = ("and", e, self.notx())
        return e

    def notx(self):
        if self.peek() == "not":
            self.take()
            return ("not", self.notx())
        return self.atom()

    def atom(self):
        lhs = self.value()
        op = self.peek()
        if op in ("<", "<=", ">", ">=", "==", "!="):
            self.take()
            return ("cmp", op, lhs, self.value())
        if op == "in" or (op == "not" and self.peek(1) == "in"):
            neg = op == "not"
            self.take()
            if neg:
                self.take()
            if self.peek() == "{":
                self.take()
                elems = []
                while self.peek() != "}":
                    elems.append(self.take()[1])
                    if self.peek() == ",":
                        self.take()
                self.take("}")
                return ("in", neg, lhs, ("lit", elems))
            return ("in", neg, lhs, ("set", self.take()[1]))
        if lhs[0] in ("and", "or", "not", "cmp", "in", "truth"):  # a parenthesised condition
            return lhs
        return ("truth", lhs)

    def value(self):
        v = self.primary()
        while self.peek() == "+":
            self.take()
            v = ("add", v, self.primary())
        return v

    def primary(self):
        kind, tok = self.take()
        if tok == "(":
            e = self.orx()
            self.take(")")
            return e
        if tok == "project":
            self.take(".")
            return ("attr", self.take()[1])
        if kind == "num":
            if self.i < len(self.t) and self.t[self.i][0] == "word" and self.t[self.i][1] in UNITS:
                return ("qty", float(tok), self.take()[1])
            return ("num", float(tok))
        return ("name", tok)


class Province:
    def __init__(self, directory):
        self.attrs = {}      # name -> (type, info)
        self.sets = {}       # name -> (open, attr, [elems])
        self.extends = {}    # (set, unit) -> [elems]
        self.defines = {}
        self.units = {}      # code -> dict(cls, county, regions)
        self.regions = {}    # name -> (by, members)
        self.rules = []      # dicts: id, scope, effect, cond, qual
        files = sorted(glob.glob(os.path.join(directory, "province", "*.zr")))
        for path in files:
            self.read(path)
        self.resolve_regions()

    def read(self, path):
        scope = [("all",)]
        rule = None
        for raw in open(path, encoding="utf-8"):
            line = raw.strip()
            if not line or line.startswith("//"):
                continue
            toks = tokenize(line)
            head = toks[0][1]
            if head in ("accesslist",):
                continue
            if head == "attribute":
                self.attribute(line, toks)
            elif head == "industry" and len(toks) == 3:
                pass
            elif head == "region":
                name = toks[1][1]
                if "=" in [t for _, t in toks]:
                    k = [t for _, t in toks].index("=")
                    by = toks[k + 1][1]
                    members = [t for kind, t in toks[k + 2:] if kind in ("num", "word")]
                    self.regions[name] = (by, members)
                else:
                    self.regions[name] = ("declared", [])
            elif head == "open" or head == "set":
                is_open = head == "open"
                t = toks[1:] if is_open else toks
                name, attr = t[1][1], t[3][1]
                elems = self.braced(t)
                self.sets[name] = (is_open, attr, elems)
            elif head == "extend":
                self.extends[(toks[1][1], toks[4][1])] = self.braced(toks)
            elif head == "define":
                self.defines[toks[1][1]] = Cond(toks[3:]).parse()
            elif head == "unit":
                self.unit(toks)
            elif head == "scope":
                atoms, cur = [], []
                for kind, t in toks[1:-1]:
                    if t == "&":
                        atoms.append(tuple(cur))
                        cur = []
                    else:
                        cur.append(t)
                atoms.append(tuple(cur))
                scope = atoms
            elif head == "}":
                scope = [("all",)]
            elif head == "rule":
                rule = {"id": toks[1][1], "scope": scope, "effect": None, "cond": None,
                        "qual": None}
                self.rules.append(rule)
            elif head in ("forbid", "require", "limit"):
                rule["effect"] = "forbid" if head == "forbid" else "require"
                rule["cond"] = Cond(toks[1:]).parse()
            elif head in ("unless", "when"):
                rule["qual"] = Cond(toks[1:]).parse()
            elif head in ("cite", "effective"):
                pass
            else:
                raise SyntaxError(f"{path}: unexpected line {line!r}")

    @staticmethod
    def braced(toks):
        words = [t for _, t in toks]
        a = words.index("{")
        b = words.index("}")
        return [w for w in words[a + 1:b] if w != ","]

    def attribute(self, line, toks):
        name = toks[1][1]
        rest = line.split(":", 1)[1]
        if rest.strip().startswith("enum"):
            body = rest[rest.index("{") + 1:rest.index("}")]
            values, aliases = [], {}
            for member in body.split(","):
                parts = member.split()
                values.append(parts[0])
                if len(parts) > 1:
                    aliases[parts[1].strip('"')] = parts[0]
            self.attrs[name] = ("enum", (values, aliases))
        elif rest.strip().startswith("quantity"):
            unit = rest[rest.index("<") + 1:rest.index(">")]
            self.attrs[name] = ("quantity", unit)
        elif rest.strip().startswith("set<industry>"):
            self.attrs[name] = ("industries", None)
        else:
            self.attrs[name] = (rest.split()[0], None)

    def unit(self, toks):
        words = [t for _, t in toks]
        code = words[1]
        cls = words[words.index("class") + 1]
        county = words[words.index("county") + 1]
        regions = []
        if "in" in words:
            regions = [w for w in words[words.index("in") + 1:] if w != ","]
        self.units[code] = {"cls": cls, "county": county, "regions": set(regions)}

    def resolve_regions(self):
        for name, (by, members) in self.regions.items():
            for code, u in self.units.items():
                if by == "counties" and u["county"] in members:
                    u["regions"].add(name)
                elif by == "cities" and any(u["county"][:4] == m[:4] for m in members):
                    u["regions"].add(name)
                elif by == "units" and code in members:
                    u["regions"].add(name)

    def in_scope(self, scope, code):
        u = self.units[code]
        for atom in scope:
            kind = atom[0]
            if kind == "all":
                continue
            if kind == "class" and u["cls"] != atom[1]:
                return False
            if kind == "region" and atom[1] not in u["regions"]:
                return False
            if kind == "unit" and code != atom[1]:
                return False
            if kind == "county" and u["county"] != atom[1]:
                return False
        return True


def convert(prov, name, raw):
    """A descriptor value in canonical units, or None when unknown."""
    if name not in prov.attrs or raw is None:
        return None
    typ, info = prov.attrs[name]
    if typ == "enum":
        values, aliases = info
        return aliases.get(raw, raw)
    if typ == "quantity":
        if isinstance(raw, (int, float)):
            return float(raw)
        m = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*(\S+)\s*", raw)
        value, unit = float(m.group(1)), m.group(2)
        return value * UNITS[unit][1] / UNITS[info][1]
    if typ == "number":
        return float(raw)
    return raw


def kand(a, b):
    if a == F or b == F:
        return F
    return T if a == T and b == T else U


def kor(a, b):
    if a == T or b == T:
        return T
    return F if a == F and b == F else U


class Eval:
    def __init__(self, prov, facts, unit):
        self.p, self.f, self.unit = prov, facts, unit

    def value(self, e):
        kind = e[0]
        if kind == "attr":
            return self.f.get(e[1])
        if kind == "num":
            return e[1]
        if kind == "qty":
            return e[1] * UNITS[e[2]][1]  # scaled below against the attribute's unit
        if kind == "add":
            a, b = self.value(e[1]), self.value(e[2])
            return None if a is None or b is None else a + b
        raise ValueError(e)

    def const_for(self, attr_expr, e):
        """A constant compared with an attribute (or a sum of attributes), in its unit."""
        if e[0] == "qty":
            a = attr_expr
            while a[0] == "add":
                a = a[1]
            unit = self.p.attrs[a[1]][1]
            return e[1] * UNITS[e[2]][1] / UNITS[unit][1]
        if e[0] == "name":  # an enum value
            return e[1]
        return e[1]

    def __call__(self, e):
        kind = e[0]
        if kind == "and":
            return kand(self(e[1]), self(e[2]))
        if kind == "or":
            return kor(self(e[1]), self(e[2]))
        if kind == "not":
            v = self(e[1])
            return U if v == U else (F if v == T else T)
        if kind == "truth":
            x = e[1]
            if x[0] == "name" and x[1] in self.p.defines:
                return self(self.p.defines[x[1]])
            v = self.f.get(x[1])
            return U if v is None else (T if v else F)
        if kind == "cmp":
            _, op, lhs, rhs = e
            x = self.value(lhs)
            if x is None:
                return U
            y = self.const_for(lhs, rhs)
            r = {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y, "==": x == y,
                 "!=": x != y}[op]
            return T if r else F
        if kind == "in":
            _, neg, lhs, target = e
            x = self.f.get(lhs[1])
            if x is None:
                return U
            if target[0] == "lit":
                elems = set(target[1])
            else:
                _, _, elems = self.p.sets[target[1]]
                elems = set(elems) | set(self.p.extends.get((target[1], self.unit), []))
            if self.p.attrs[lhs[1]][0] == "industries":
                hit = any(code.startswith(prefix) for code in x for prefix in elems)
            else:
                hit = x in elems
            return T if hit != neg else F
        raise ValueError(e)


OUTCOME_VERDICT = {"refused": 3, "non_compliant": 3, "indeterminate": 2, "obligation": 1}
VERDICTS = ["permitted", "conditional", "indeterminate", "refused"]


def screen(prov, rules_of, descriptor):
    facts = {k: convert(prov, k, v) for k, v in descriptor.items() if k not in ("project", "site")}
    units = sorted(set(descriptor["site"]["units"]))
    findings, unit_verdicts = [], []
    for code in units:
        if code not in prov.units:
            continue
        ev = Eval(prov, facts, code)
        worst = 0
        for rule in rules_of[code]:
            if rule["effect"] == "forbid":
                c = ev(rule["cond"])
                if rule["qual"] is not None:
                    e = ev(rule["qual"])
                    c = kand(c, U if e == U else (F if e == T else T))
                if c == F:
                    continue
                outcome = "refused" if c == T else "indeterminate"
            else:
                c = T if rule["qual"] is None else ev(rule["qual"])
                if c == F:
                    continue
                k = ev(rule["cond"])
                if k == T:
                    continue
                if c == T:
                    outcome = "non_compliant" if k == F else "obligation"
                else:
                    outcome = "indeterminate"
            findings.append((rule["id"], code, outcome))
            worst = max(worst, OUTCOME_VERDICT[outcome])
        unit_verdicts.append((code, VERDICTS[worst]))
    verdict = max((VERDICTS.index(v) for _, v in unit_verdicts), default=2)
    return VERDICTS[verdict], unit_verdicts, findings


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir")
    ap.add_argument("screen", nargs="?")
    ap.add_argument("--limit", type=int, default=0, help="check only the first N projects")
    ap.add_argument("--show", type=int, default=5, help="print the first K disagreements")
    args = ap.parse_args(argv)
    prov = Province(args.dir)
    rules = sorted(prov.rules, key=lambda r: r["id"])  # the bundle orders rules by id
    rules_of = {code: [] for code in prov.units}
    for r in rules:
        only = [a[1] for a in r["scope"] if a[0] == "unit"]
        for code in (only if only else prov.units):
            if code in prov.units and prov.in_scope(r["scope"], code):
                rules_of[code].append(r)
    screen_path = args.screen or os.path.join(args.dir, "screen.jsonl")
    checked = bad = 0
    with open(os.path.join(args.dir, "projects.jsonl"), encoding="utf-8") as projects, \
            open(screen_path, encoding="utf-8") as records:
        for n, (pline, rline) in enumerate(zip(projects, records), 1):
            if args.limit and n > args.limit:
                break
            descriptor, record = json.loads(pline), json.loads(rline)
            verdict, units, findings = screen(prov, rules_of, descriptor)
            got = (record.get("verdict"),
                   [(u["code"], u["verdict"]) for u in record.get("units", [])],
                   [(f["rule"], f["unit"], f["outcome"]) for f in record.get("findings", [])])
            checked += 1
            if got != (verdict, units, findings):
                bad += 1
                if bad <= args.show:
                    print(f"line {n} ({descriptor['project']}): zr says {got[0]}, oracle {verdict}")
                    for f in sorted(set(got[2]) ^ set(findings)):
                        side = "zr only    " if f in got[2] else "oracle only"
                        print(f"  {side} {f}")
                    if got[1] != units:
                        print(f"  units: zr {got[1]} oracle {units}")
    print(json.dumps({"checked": checked, "disagreements": bad,
                      "rules": len(prov.rules), "units": len(prov.units)}))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.exit(main(sys.argv[1:]))
