"""The corpus of public LaTeX documents in tests/data/papers is well formed: every document is a
LaTeX file with a preamble, has a judgement of its links with valid kinds and truths, is listed in
SOURCES.md (as a reproduction, with where it was seen), and has a symbol sidecar that reads. (What
check-doc makes of the documents is measured by benchmarks/notes.py --corpus papers, not tested
here.)"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from test_notes_corpus import KINDS, LICENCES

from derivax.symbols import parse_symbols

PAPERS = Path(__file__).parent / "data" / "papers"
PATHS = sorted(PAPERS.glob("*.tex"))
# the relations a judged line of a LaTeX document may hold (the notes' set, plus the ones papers use)
RELATION = re.compile(r"=|\\le|\\ge|<|>|\\leftarrow|\\sim|\\approx|\\succeq|\\equiv|\\triangleq")


def judged(path: Path) -> list[dict]:
    return tomllib.loads(path.with_name(path.name + ".judged.toml").read_text("utf-8"))["link"]


def test_the_corpus_has_fifteen_documents_with_their_own_macros_and_real_errors():
    assert len(PATHS) >= 15
    texts = [p.read_text("utf-8") for p in PATHS]
    assert all("\\documentclass" in t and "\\begin{document}" in t for t in texts)
    macros = sum(bool(re.search(r"\\(re)?newcommand|\\DeclareMathOperator", t)) for t in texts)
    assert macros >= 5
    wrong = [e for p in PATHS for e in judged(p) if e["truth"] == "wrong"]
    assert len(wrong) >= 10
    assert all(e.get("note") for e in wrong), "a wrong claim says what is wrong"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_every_document_has_a_valid_judgement(path):
    entries = judged(path)
    assert entries, f"{path.name}: no judged link"
    lines = path.read_text("utf-8").split("\n")
    places = []
    for entry in entries:
        assert entry["kind"] in KINDS, entry
        want = {"correct", "wrong"} if entry["kind"] == "claim" else {"n/a"}
        assert entry["truth"] in want, entry
        assert entry["text"].strip(), entry
        assert "cell" not in entry, entry
        assert 1 <= entry["line"] <= len(lines), entry
        line = lines[entry["line"] - 1]
        assert not line.lstrip().startswith("%"), entry
        assert RELATION.search(line), entry
        places.append(entry["line"])
    assert places == sorted(places), f"{path.name}: judged links are not in document order"


def test_every_document_is_listed_in_sources_as_a_reproduction():
    sources = (PAPERS / "SOURCES.md").read_text("utf-8")
    rows = {
        m.group(1): m.group(0) for m in re.finditer(r"^\| (\S+\.tex) \|.*$", sources, re.MULTILINE)
    }
    reproductions = sources.split("## Reproductions", 1)[1]
    assert set(rows) == {p.name for p in PATHS}
    for path in PATHS:
        row = rows[path.name]
        stored = any(f"| {lic} |" in row for lic in LICENCES)
        reproduced = path.name.startswith("repro_") and row in reproductions
        assert stored != reproduced, f"{path.name}: a licence or a reproduction mark, not both"
        if reproduced:
            head = path.read_text("utf-8").split("\\documentclass", 1)[0].lower()
            assert "reproduction in our own words" in head, path.name


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_every_document_has_a_sidecar_that_reads(path):
    side = path.with_name(path.name + ".derivax.toml")
    data = tomllib.loads(side.read_text("utf-8"))
    assert set(data) <= {"symbols", "given"}
    assert parse_symbols(data["symbols"]) is not None
    assert all(isinstance(g, str) and "=" in g for g in data.get("given", []))


def test_no_stray_files():
    allowed = {p.name for p in PATHS} | {"SOURCES.md"}
    allowed |= {p.name + suffix for p in PATHS for suffix in (".judged.toml", ".derivax.toml")}
    assert {p.name for p in PAPERS.iterdir()} == allowed
