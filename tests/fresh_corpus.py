"""The checks every fresh corpus of paper formulas passes (tests/data/fresh_formulas2, 3, 4): the
rows are well formed (LaTeX, a symbol table that reads and declares every input, finite
references, a source listed in SOURCES.md, a gradient shaped like its variable), and each file
holds what its ``rows_<area>.py`` computes from the definition in NumPy (recomputed, nothing
written). Each ``test_fresh_formulas<k>.py`` applies them to its corpus."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from types import ModuleType

import numpy as np

from derivax.symbols import parse_symbols

DATA = Path(__file__).parent / "data"


class Corpus:
    """One corpus: its folder, its ``write_all`` and ``_common`` modules, the ``rows_<area>``
    module of each area, and the rows of its ``.jsonl`` files."""

    def __init__(self, name: str):
        self.folder = DATA / name
        self.build, self.common, self.modules = _load_modules(self.folder)
        self.rows = [
            json.loads(line)
            for path in sorted(self.folder.glob("*.jsonl"))
            for line in path.read_text("utf-8").splitlines()
            if line.strip()
        ]

    def check_size(self, at_least: int) -> None:
        rows = self.rows
        assert len(rows) >= at_least
        assert {r["area"] for r in rows} == set(self.build.AREAS)
        assert sum("wrt" in r for r in rows) >= len(rows) // 4, "a quarter carry a gradient"
        assert len({r["id"] for r in rows}) == len(rows), "ids are unique"
        sources = (self.folder / "SOURCES.md").read_text("utf-8")
        assert all(f"`{r['id']}`" in sources for r in rows)

    def check_area(self, area: str) -> None:
        want = [self.common.record(r) for r in self.modules[area].A.rows]
        got = [r for r in self.rows if r["area"] == area]
        assert [r["id"] for r in got] == [r["id"] for r in want]
        for g, w in zip(got, want, strict=True):
            np.testing.assert_allclose(g["reference"], w["reference"], rtol=1e-12, atol=1e-14)
            if "wrt" in w:
                np.testing.assert_allclose(
                    g["reference_grad"], w["reference_grad"], rtol=1e-9, atol=1e-12
                )


def check_row(row: dict, inputs_declared: bool = True) -> None:
    assert {"id", "area", "latex", "symbols", "inputs", "reference", "source"} <= set(row)
    table = parse_symbols(row["symbols"])
    if inputs_declared:
        assert set(row["inputs"]) <= {d.plain for d in table.values()}, "inputs are declared"
    assert np.all(np.isfinite(np.asarray(row["reference"], dtype=float)))
    if "wrt" in row:
        grad = np.asarray(row["reference_grad"])
        assert np.all(np.isfinite(grad))
        if inputs_declared:
            assert table[row["wrt"]].plain in row["inputs"]
            assert grad.shape == np.shape(row["inputs"][table[row["wrt"]].plain])


def _corpus_module(name: str) -> bool:
    return name in ("_common", "write_all") or name.startswith("rows_")


def _load_modules(folder: Path) -> tuple[ModuleType, ModuleType, dict[str, ModuleType]]:
    """Import a corpus's ``write_all``, ``_common`` and ``rows_<area>`` modules. The corpora use
    the same module names, so the others' are set aside while these import and put back
    afterwards: each test file keeps its own corpus's modules in one pytest process."""
    saved = {k: sys.modules.pop(k) for k in list(sys.modules) if _corpus_module(k)}
    sys.path.insert(0, str(folder))
    try:
        build = importlib.import_module("write_all")
        common = importlib.import_module("_common")
        rows = {area: importlib.import_module(f"rows_{area}") for area in build.AREAS}
    finally:
        sys.path.remove(str(folder))
        for k in [k for k in sys.modules if _corpus_module(k)]:
            del sys.modules[k]
        sys.modules.update(saved)
    return build, common, rows
