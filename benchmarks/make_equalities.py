"""Collect the equalities the notes and papers of ``tests/data`` claim, for benchmarks/answer_checker.py.

    PYTHONPATH=src python benchmarks/make_equalities.py [-o benchmarks/equalities.jsonl]

Runs ``derivax check-doc --json`` on every document of ``tests/data/notes`` and
``tests/data/papers`` and keeps each link check-doc takes for a claim with the relation ``=``
(a chain ``a = b = c`` gives two links). Each line of the output is one claim, standing alone:
its two sides as the document writes them, the document's symbol table and givens from its
sidecar (``FILE.derivax.toml``), and where it comes from (``source``, ``line``). Declarations
made in a document's prose are not carried over, so some claims read differently (or not at
all) on their own; benchmarks/answer_checker.py decides afresh which ones each tool reads.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = (ROOT / "tests" / "data" / "papers", ROOT / "tests" / "data" / "notes")
SUFFIXES = (".md", ".tex", ".ipynb")


def sidecar(doc: Path) -> dict:
    path = doc.with_name(doc.name + ".derivax.toml")
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def links(doc: Path) -> list[dict]:
    proc = subprocess.run(
        [sys.executable, "-m", "derivax", "check-doc", str(doc), "--json", "--timeout", "5"],
        capture_output=True,
        text=True,
        env={**os.environ, "DERIVAX_CACHE": "off"},
        check=False,
    )
    data = json.loads(proc.stdout)
    if "error" in data:
        print(f"{doc.name}: {data['error'].get('message')}", file=sys.stderr)
        return []
    return data.get("links", [])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--output", default=str(ROOT / "benchmarks" / "equalities.jsonl"))
    args = ap.parse_args()
    rows = []
    for corpus in CORPORA:
        for doc in sorted(p for p in corpus.iterdir() if p.suffix in SUFFIXES):
            table = sidecar(doc)
            if table.get("macros"):
                continue  # the document's own macros would have to travel with each claim
            for link in links(doc):
                if link.get("kind") != "claim" or link.get("relation") != "=":
                    continue
                rows.append(
                    {
                        "source": f"{corpus.name}/{doc.name}",
                        "line": link["line"],
                        "lhs": link["lhs"],
                        "rhs": link["rhs"],
                        "symbols": table.get("symbols", ""),
                        "given": list(table.get("given", [])),
                    }
                )
    with open(args.output, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} equalities from {len(CORPORA)} corpora -> {args.output}")


if __name__ == "__main__":
    main()
