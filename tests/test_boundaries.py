"""Stages meet at their package ``__init__``: no module imports another stage's private module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import derivax

ROOT = Path(derivax.__file__).parent


def _stage(path: Path) -> str:
    """The stage a module belongs to: its top-level package under derivax (or the module itself)."""
    return path.relative_to(ROOT).parts[0].removesuffix(".py")


def test_no_module_imports_a_private_module_of_another_stage():
    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        package = path.relative_to(ROOT).parent.parts
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.ImportFrom) or not node.level or not node.module:
                continue
            # the absolute parts of the imported module, relative to derivax
            base = (
                list(package[: len(package) - (node.level - 1)])
                if node.level > 1
                else list(package)
            )
            target = [*base, *node.module.split(".")]
            if not target or target[0] == _stage(path):
                continue
            private = [p for p in target[1:] if p.startswith("_")]
            if len(target) > 1 and private:
                offenders.append(
                    f"{path.relative_to(ROOT)}:{node.lineno}: from {'.' * node.level}{node.module}"
                )
    assert offenders == [], "\n".join(offenders)


def _imported_units(path: Path) -> set[str]:
    """The stages a module imports, at module level or inside a function alike: relative imports
    (``from .._catalog import x``, ``from .. import _algebra``) and absolute ones
    (``from derivax.cli import main``)."""
    package = path.relative_to(ROOT).parent.parts
    units = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = [*base, *(node.module.split(".") if node.module else [])]
            elif node.module and node.module.split(".")[0] == "derivax":
                target = node.module.split(".")[1:]
            else:
                continue
            # `from .. import _algebra` at the top imports the stages it names
            units |= {target[0]} if target else {a.name for a in node.names}
        elif isinstance(node, ast.Import):
            units |= {a.name.split(".")[1] for a in node.names if a.name.startswith("derivax.")}
    return units - {_stage(path)}


def _stage_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        if path.name == "__init__.py" and path.parent == ROOT:
            continue  # the package's own front door imports everything, and nothing imports it
        graph.setdefault(_stage(path), set()).update(_imported_units(path))
    return graph


def test_the_import_graph_between_stages_has_no_cycle():
    from graphlib import CycleError, TopologicalSorter

    graph = _stage_graph()
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as e:
        raise AssertionError(
            f"import cycle between stages: {' imports '.join(reversed(e.args[1]))}"
        ) from None
    # stages no one else imports first, the top floors last
    assert order.index("_algebra") < order.index("_derive") < order.index("_api")
    assert order.index("_files") < order.index("_plot") < order.index("cli")


def test_the_stage_graph_sees_function_level_and_package_imports():
    graph = _stage_graph()
    assert "_plot" in graph["_catalog"]  # `from .._plot import plot_equation` inside Equation.plot
    assert "_algebra" in graph["_verify"]  # `from .. import _algebra`
    assert "_files" in graph["_plot"]  # `from .._files import write_atomically` inside save
    assert "cli" in graph["__main__"]


def test_a_cycle_between_stages_would_be_found():
    from graphlib import CycleError, TopologicalSorter

    graph = _stage_graph()
    graph["_files"] = graph["_files"] | {"cli"}  # as when a plot wrote through the command line
    with pytest.raises(CycleError):
        list(TopologicalSorter(graph).static_order())
