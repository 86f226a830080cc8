"""Coverage-guided fuzzing of the LaTeX parser with atheris (Python 3.11).

    pip install atheris
    python tests/fuzz/fuzz_parse.py -max_total_time=1800 -max_len=200 tests/fuzz/corpus

The parser must either return an expression or raise ParseError for any input; anything else
(another exception, a crash, a hang past -timeout) is a finding. Not part of the normal test run.
"""

import sys

import atheris

with atheris.instrument_imports():
    import latex2sympy2_extended.latex2sympy2  # noqa: F401

    import derivax
    import derivax.latex._lex
    import derivax.latex._parse
    import derivax.symbols._names
    import derivax.symbols._table
    from derivax import ParseError

SYMBOLS = [
    None,
    "x: vector[n]; i, j, k: index",
    "W: matrix[m, n]; P, f: function",
    "p, q: simplex[n]",
]


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    table = SYMBOLS[fdp.ConsumeIntInRange(0, len(SYMBOLS) - 1)]
    text = fdp.ConsumeUnicodeNoSurrogates(200)
    try:
        derivax.parse(text, table)
    except ParseError:
        pass


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
