#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora: small real inputs (the examples, the shipped rules'
expressions) and an amplification corpus (size x structure), since random mutation alone
does not find inputs whose harm is in their size or shape.

usage: amplify.py OUT   (writes OUT/yaml, OUT/cel, OUT/check, OUT/rules)"""
import os
import re
import sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
out = sys.argv[1]
for t in ("yaml", "cel", "check", "rules"):
    os.makedirs(os.path.join(out, t), exist_ok=True)


def write(target, name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(out, target, name), "wb") as f:
        f.write(data)


# Real inputs: every example and fixture submission, every shipped rules file.
for folder in ("Examples/theme-education-2019", "Examples/double-reduction-2021", "Tests/DuibiaoTests/Fixtures/bad-submissions"):
    for name in sorted(os.listdir(os.path.join(root, folder))):
        with open(os.path.join(root, folder, name), "rb") as f:
            data = f.read()
        write("yaml", "example-" + name, data)
        write("check", "example-" + name, data)
expression = re.compile(r"^\s*-?\s*(applies_to|for_each|label|for_unit|value|expect|done_on|due|tolerance|group_by):\s*(.+)$")
n = 0
for dirpath, _, names in os.walk(os.path.join(root, "Rules")):
    for name in sorted(names):
        with open(os.path.join(dirpath, name), "rb") as f:
            data = f.read()
        write("yaml", "rules-" + name, data)
        write("rules", "rules-" + os.path.basename(dirpath) + "-" + name, data)
        for line in data.decode("utf-8").splitlines():
            m = expression.match(line)
            if m:
                n += 1
                write("cel", "rule-%03d.cel" % n, m.group(2).strip().strip("'\""))

unit = "unit: {id: QX-1, name: 测试县, kind: county, batch: 2}\n"

# Size x structure, for YAML and whole checks.
amplified = {
    "nested-anchors": "a: " + "".join("&a%d [" % i for i in range(60)) + ",".join(["1"] * 100000) + "]" * 60 + "\n",
    "many-unknown-keys": "unit: {id: X, kind: county, " + ", ".join("k%d: 1" % i for i in range(80000)) + "}\n",
    "many-empty-records": unit + "members: [" + ",".join(["{}"] * 200000) + "]\n",
    "huge-name": "unit: {id: X, name: " + "名" * 1000000 + ", kind: county}\n",
    "deep-flow": "unit: " + "[" * 5000 + "]" * 5000 + "\n",
    "deep-block": "".join("  " * i + "k%d:\n" % i for i in range(2000)),
    "alias-fanout": "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        "%s: &%s [%s]\n" % (c, c, ", ".join(["*" + p] * 10)) for p, c in zip("abcdefgh", "bcdefghi")),
    "long-line": unit + "members: [{name: " + "x" * 2000000 + "}]\n",
    "bom-crlf": "\ufeff" + unit.replace("\n", "\r\n") + "members: []\r\nrecords: {}\r\n",
    "control-characters": unit.replace("测试县", "\x1b[2J\x1b]0;x\x07") + "members: [{name: \"\\u0000\\u001b\"}]\n",
    "many-documents": "a: 1\n---\n" * 10000,
}
for name, text in amplified.items():
    write("yaml", "amplify-" + name + ".yaml", text)
    write("check", "amplify-" + name + ".yaml", text)

# Size x structure, for CEL.
cel = {
    "not-chain": "!" * 10000 + "true",
    "plus-chain": " + ".join(["1"] * 10000),
    "and-chain": " && ".join(["true"] * 10000),
    "index-chain": "[[1]]" + "[0]" * 10000,
    "select-chain": "x" + ".a" * 10000,
    "parens": "(" * 10000 + "1" + ")" * 10000,
    "big-list": "[" + ",".join(str(i) for i in range(100000)) + "].size()",
    "nested-loops": "visits.all(a, visits.all(b, visits.all(c, visits.all(d, a.n + b.n + c.n + d.n >= 0))))",
    "backtracking": "('a' * 1 == 'a') || s.matches('^(a+)+$')",
    "long-string": "s.contains('" + "a" * 100000 + "')",
    # A macro asked of the same list again looks its items up (LookupPlan).
    "lookup-exists": "visits.all(v, visits.exists(w, w.site == v.site && w.n != v.n))",
    "lookup-filter": "visits.map(v, visits.filter(w, w.site == v.site && w.date == v.date).map(w, w.n).max())",
    "lookup-size": "visits.map(v, size(visits.filter(w, v.n == w.n + 1 && w.member == 'X')))",
    "lookup-errors": "visits.exists(v, dyn(visits).exists(w, w.site == v.site && w.missing == 1))",
    "lookup-all": "visits.map(v, visits.all(w, w.site != v.site || w.n <= v.n + 19))",
    "lookup-exists-one": "visits.filter(v, visits.exists_one(w, w.n == v.n && w.site == v.site)).size()",
    # A condition of ||s looks its items up by each alternative's fields.
    "lookup-or": "visits.map(v, visits.filter(w, w.site == v.site || w.n == v.n + 1 && w.member == v.member).size())",
    "lookup-or-errors": "visits.exists(v, dyn(visits).exists(w, w.site == v.site || w.missing == v.n))",
    # A part naming nothing that changes is made once (Loops.Invariant); `in` looks its item up.
    "kept-in": "visits.filter(v, v.n in visits.map(w, w.n * 2)).size()",
    "kept-nested": "visits.map(v, visits.map(w, w.site).filter(s, s in visits.map(u, u.site)).size() + v.n)",
}
for name, text in cel.items():
    write("cel", "amplify-" + name + ".cel", text)
