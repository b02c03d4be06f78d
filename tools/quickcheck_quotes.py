"""Temporary quote checker for bank authors (until `ketaquiz check` exists).

Usage: python tools/quickcheck_quotes.py questions/side-effects.yaml
"""
import re, sys, unicodedata, pathlib, yaml

SRC = pathlib.Path(__file__).resolve().parents[2] / "shared" / "sources"

def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    for a, b in {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2026": "..."}.items():
        s = s.replace(a, b)
    return re.sub(r"\s+", " ", s).strip()

def body(sid):
    text = (SRC / f"{sid}.txt").read_text(encoding="utf-8")
    return norm(text.split("\n\n", 1)[1])

bank = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
bad = 0
for q in bank["questions"]:
    c = q["cite"]
    if c["source"] not in bank["sources"]:
        print(q["id"], "source not in bank sources:", c["source"]); bad += 1
    try:
        if norm(c["quote"]) not in body(c["source"]):
            print(q["id"], "QUOTE NOT FOUND in", c["source"]); bad += 1
    except FileNotFoundError:
        print(q["id"], "no such source", c["source"]); bad += 1
print(len(bank["questions"]), "questions,", bad, "problems")
