"""Stages meet at their package ``__init__``: no module imports another stage's private module."""

from __future__ import annotations

import ast
from pathlib import Path

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
