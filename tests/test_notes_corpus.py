"""The corpus of public derivation notes in tests/data/notes is well formed: every note has a
judgement of its links with valid kinds and truths, every note is listed in SOURCES.md with a
licence or as a reproduction, and every symbol sidecar reads. (What check-doc makes of the notes is
measured by benchmarks/notes.py, not tested here.)"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from derivax.symbols import parse_symbols

NOTES = Path(__file__).parent / "data" / "notes"
PATHS = sorted(
    p for p in NOTES.iterdir() if p.suffix in (".md", ".tex", ".ipynb") and p.name != "SOURCES.md"
)
KINDS = {"claim", "definition", "update", "assumption", "equation"}
LICENCES = {"CC-BY-SA-4.0", "CC-BY-4.0", "CC0-1.0", "MIT", "BSD-3-Clause", "Apache-2.0"}


def lines_of(path: Path, cell: int | None) -> list[str]:
    if path.suffix == ".ipynb":
        assert cell is not None, f"{path.name}: a notebook's judged link needs its cell"
        cells = json.loads(path.read_text("utf-8"))["cells"]
        return "".join(cells[cell - 1]["source"]).split("\n")
    return path.read_text("utf-8").split("\n")


def test_the_corpus_has_thirty_notes_and_a_few_without_declarations():
    assert len(PATHS) >= 30
    assert sum(".nodecl." in p.name for p in PATHS) >= 2


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_every_note_has_a_valid_judgement(path):
    judged = tomllib.loads(path.with_name(path.name + ".judged.toml").read_text("utf-8"))["link"]
    assert judged, f"{path.name}: no judged link"
    places = []
    for entry in judged:
        assert entry["kind"] in KINDS, entry
        want = {"correct", "wrong"} if entry["kind"] == "claim" else {"n/a"}
        assert entry["truth"] in want, entry
        assert entry["text"].strip(), entry
        lines = lines_of(path, entry.get("cell"))
        assert 1 <= entry["line"] <= len(lines), entry
        # the judged line is inside display math: it holds a relation of the link
        assert re.search(r"=|\\le|\\ge|<|>|\\leftarrow|\\sim|\\approx", lines[entry["line"] - 1]), (
            entry
        )
        places.append((entry.get("cell") or 0, entry["line"]))
    assert places == sorted(places), f"{path.name}: judged links are not in document order"


def test_every_note_is_listed_in_sources_with_a_licence_or_as_a_reproduction():
    sources = (NOTES / "SOURCES.md").read_text("utf-8")
    rows = {
        m.group(1): m.group(0)
        for m in re.finditer(r"^\| (\S+\.(?:md|tex|ipynb)) \|.*$", sources, re.MULTILINE)
    }
    reproductions = sources.split("## Reproductions", 1)[1]
    for path in PATHS:
        assert path.name in rows, f"{path.name} is not listed in SOURCES.md"
        row = rows[path.name]
        stored = any(f"| {lic} |" in row for lic in LICENCES)
        reproduced = path.name.startswith("repro_") and row in reproductions
        assert stored != reproduced, f"{path.name}: a licence or a reproduction mark, not both"
        if reproduced:
            assert "reproduction in our own words" in path.read_text("utf-8").lower()


@pytest.mark.parametrize(
    "side", sorted(NOTES.glob("*.derivax.toml")), ids=lambda p: p.name.split(".")[0]
)
def test_every_sidecar_reads(side):
    data = tomllib.loads(side.read_text("utf-8"))
    assert set(data) <= {"symbols", "given", "macros"}
    table = parse_symbols(data["symbols"])
    assert table is not None
    note = side.with_name(side.name.removesuffix(".derivax.toml"))
    assert note in PATHS and ".nodecl." not in note.name
