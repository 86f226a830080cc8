"""Every example in a docstring of derivax runs, and prints what the docstring says."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import derivax

#: every module but `derivax.__main__`, which runs the command line when imported
MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(derivax.__path__, "derivax.")
    if m.name != "derivax.__main__"
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in finder.find(module, name):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, (
        f"{result.failed} of {result.attempted} docstring examples in {name} failed"
    )
