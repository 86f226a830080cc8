r"""Checking a document: every chain ``a = b = c \le d`` link by link (``a = b``, ``b = c``,
``c \le d``) with ``check``, under the symbols and givens declared before it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .._errors import DerivaxError
from ._read import read_document, split_relations_lines

_DEFINES = (":=", r"\coloneqq", r"\triangleq")
_RELATIONS = {
    "=": "=",
    r"\le": r"\le",
    r"\leq": r"\le",
    r"\ge": r"\ge",
    r"\geq": r"\ge",
    "<": "<",
    ">": ">",
    r"\lt": "<",
    r"\gt": ">",
}


@dataclass(frozen=True)
class Link:
    """One step of a derivation and what derivax found: ``status`` is a verdict (proved, refuted,
    plausible, unknown, timeout), ``definition`` (taken as a given for what follows) or ``unread``
    (with the reason in ``reason``)."""

    file: str
    line: int
    lhs: str
    relation: str
    rhs: str
    status: str
    method: str = ""
    reason: str = ""
    counterexample: dict[str, Any] | None = None
    seconds: float = 0.0

    @property
    def claim(self) -> str:
        return f"{self.lhs} {self.relation} {self.rhs}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "lhs": self.lhs,
            "relation": self.relation,
            "rhs": self.rhs,
            "status": self.status,
            "method": self.method,
            "reason": self.reason,
            "counterexample": self.counterexample,
            "seconds": round(self.seconds, 3),
        }


def check_document(
    path,
    symbols: str | None = None,
    given: Sequence[str] = (),
    timeout: float = 10.0,
    on_link: Callable[[Link], None] | None = None,
) -> list[Link]:
    """Every link of every chain of display math in ``path`` (``.tex`` or ``.md``), checked in
    document order. Symbols come from the sidecar ``FILE.derivax.toml``, the document's
    ``derivax: symbols`` declarations and ``symbols``; givens likewise, plus definitions made in
    the text (``a := b``)."""
    from .._verify import check
    from ..symbols import parse_symbols

    doc = read_document(path)
    declared = [s for s in (doc.sidecar_symbols, symbols or "") if s.strip()]
    givens = [*doc.sidecar_given, *given]
    links: list[Link] = []

    def table():
        return parse_symbols("; ".join(declared))

    try:
        table()
    except DerivaxError as e:
        raise DerivaxError(f"`{doc.path}`: the symbol declarations do not read: {e}") from None

    def emit(link: Link) -> None:
        links.append(link)
        if on_link:
            on_link(link)

    for event in doc.events:
        if event.kind == "symbols":
            try:
                parse_symbols("; ".join([*declared, event.text]))
            except DerivaxError as e:
                raise DerivaxError(
                    f"`{event.where or doc.path}` line {event.line}: the declaration `{event.text}` does not "
                    f"read: {e}"
                ) from None
            declared.append(event.text)
            continue
        if event.kind == "given":
            givens.append(event.text)
            continue
        where = event.where or doc.path
        for chain in _chains(event.pieces, where):
            if isinstance(chain, Link):  # a row that could not be split into terms
                emit(chain)
                continue
            if len(chain) == 1:  # a display without a relation states nothing to check
                emit(
                    Link(
                        where,
                        chain[0][2],
                        chain[0][1],
                        "",
                        "",
                        "expression",
                        reason="no relation (=, \\le, \\ge, <, >): nothing to check",
                    )
                )
            for (rel, lhs), (_, _, rhs_line), rhs in _links(chain):
                emit(_check_link(check, where, rhs_line, lhs, rel, rhs, table(), givens, timeout))
    return links


def _chains(pieces, path=""):
    """Terms and relations, each with its line: a row starting with a relation carries on the chain
    of the row before it (``a &= b \\\\ &= c``); a row that cannot be split is reported unread."""
    chains: list = []
    for p in pieces:
        try:
            parts = split_relations_lines(p.lined or p.latex)
        except DerivaxError as e:
            chains.append(Link(path, p.line, p.latex, "", "", "unread", reason=str(e)))
            continue
        terms = [(rel, term, p.line + breaks) for rel, term, breaks in parts]
        if (
            p.continues
            and chains
            and not isinstance(chains[-1], Link)
            and terms
            and not terms[0][1]
        ):
            chains[-1].extend(terms[1:])
        else:
            chains.append(terms)
    return chains


def _links(chain):
    for k in range(1, len(chain)):
        rel, rhs, line = chain[k]
        yield (rel, chain[k - 1][1]), (rel, rhs, line), rhs


def _check_link(check, file, line, lhs, rel, rhs, table, givens, timeout) -> Link:
    import time

    start = time.perf_counter()
    if not lhs or not rhs:
        return Link(file, line, lhs, rel, rhs, "unread", reason="one side of the relation is empty")
    if rel in _DEFINES:
        givens.append(f"{lhs} = {rhs}")
        return Link(
            file, line, lhs, rel, rhs, "definition", reason="taken as a given for what follows"
        )
    if rel not in _RELATIONS:
        return Link(
            file,
            line,
            lhs,
            rel,
            rhs,
            "unread",
            reason=f"`{rel}` is not a relation derivax decides; it checks =, \\le, \\ge, <, >",
        )
    claim = f"{lhs} {_RELATIONS[rel]} {rhs}"
    try:
        v = check(claim, table, list(givens), timeout=timeout)
    except DerivaxError as e:
        return Link(
            file,
            line,
            lhs,
            rel,
            rhs,
            "unread",
            reason=" ".join(str(e).split()),
            seconds=time.perf_counter() - start,
        )
    except Exception as e:
        return Link(
            file,
            line,
            lhs,
            rel,
            rhs,
            "unread",
            reason=f"{type(e).__name__}: {e}",
            seconds=time.perf_counter() - start,
        )
    return Link(
        file,
        line,
        lhs,
        rel,
        rhs,
        v.status,
        v.method or "",
        v.reason or "",
        v.counterexample if v.status == "refuted" else None,
        v.seconds,
    )
