#!/usr/bin/env python3
"""Write a synthetic catalogue N times the size of an edition (bench only).

Every chapter is copied N-1 more times under new numbers (chapter 5 →
105, 205, …; in chapters 3 and 4 the section: 3.1 → 3.101, …), titles and summaries marked with the copy number, so a workbook
generated from it has N times the requirement rows.
usage: synth_catalog.py EDITION.csv N OUT.csv
"""
import csv, io, sys

src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
text = open(src, encoding="utf-8-sig").read()
meta = [l for l in text.splitlines() if l.startswith("#")]
body = "\n".join(l for l in text.splitlines() if not l.startswith("#"))
rows = list(csv.DictReader(io.StringIO(body)))
fields = list(rows[0].keys())

def shift(v, k):
    """Chapters 5 and up move to a new chapter; in chapters 3 and 4 (whose
    numbers the level rules fix) the section moves instead."""
    if not v or not v[0].isdigit():
        return v
    parts = v.split(".")
    if parts[0] in ("3", "4"):
        if len(parts) > 1:
            parts[1] = str(int(parts[1]) + 100 * k)
    else:
        parts[0] = str(int(parts[0]) + 100 * k)
    return ".".join(parts)

res = []
for k in range(n):
    for r in rows:
        if k and (not r["chapter"] or r["id"] in ("3", "4")):
            continue  # the parts and chapters 3 and 4 once
        c = dict(r)
        if k:
            for f in ("id", "chapter", "parent"):
                c[f] = shift(c[f], k)
            for f in ("title_ja", "title_en", "summary_ja", "summary_en"):
                if c[f]:
                    c[f] = c[f] + " (%d)" % k
        res.append(c)
with open(out, "w", encoding="utf-8", newline="") as fh:
    for l in meta:
        if l.startswith("# edition:"):
            l = "# edition: synthetic-x%d" % n
        fh.write(l + "\n")
    w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    w.writerows(res)
