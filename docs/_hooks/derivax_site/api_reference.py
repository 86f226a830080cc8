r"""The Python API reference: one mkdocstrings section per public name of ``derivax``. The public
names are the explicit re-exports of ``derivax/__init__.py`` (``from ._api import grad as grad``,
the convention the package follows) and the functions it defines, or ``derivax.__all__`` when it
is defined."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

_INTRO = r"""# Python API

```python
import derivax as dx
```

Generated from the docstrings at build time; every example in a docstring also runs as a doctest
in the test suite. The functions are short walks down the pipeline: `parse` reads LaTeX through a
symbol table, `grad` derives (for example $\frac{d}{dx} \log(1 + e^{x}) = \sigma(x)$) and
cross-checks against `jax.grad`, `check` decides a claim such as
$\sum_{k=1}^{n} \operatorname{softmax}(z)_k = 1$, `compile` emits a jitted JAX function. Names
not listed here are private and may change.
"""


def public_names() -> list[str]:
    """The public names of ``derivax``, in the order ``__init__.py`` lists them."""
    import derivax

    declared = getattr(derivax, "__all__", None)
    if declared is not None:
        return list(declared)
    tree = ast.parse(Path(inspect.getfile(derivax)).read_text())
    names = [
        alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module != "__future__"
        for alias in node.names
        if alias.asname == alias.name
    ]
    names += [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
    ]
    return list(dict.fromkeys(names))


def _group(name: str) -> str:
    import derivax

    obj = getattr(derivax, name)
    if inspect.isclass(obj) and issubclass(obj, BaseException):
        return "Errors"
    if inspect.isclass(obj):
        return "Types"
    return "Functions"


def api_markdown() -> str:
    """The page: an introduction with one section per public name, grouped."""
    groups: dict[str, list[str]] = {"Functions": [], "Types": [], "Errors": []}
    for name in public_names():
        groups[_group(name)].append(name)
    out = [_INTRO]
    for title, names in groups.items():
        out += [f"## {title}", ""]
        for name in names:
            out += [f"::: derivax.{name}", ""]
    return "\n".join(out)
