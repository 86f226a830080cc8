r"""Checking a document: every chain ``a = b = c \le d`` link by link (``a = b``, ``b = c``,
``c \le d``) with ``check``, under the symbols and givens declared before it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from .._errors import DerivaxError
from . import _prose as cues
from ._analogy import by_analogy
from ._bridge import OPEN, Run
from ._claim import _check_link, _relevant, restated, where_distinct
from ._doubts import refutation_doubt
from ._einstein import cue_line, entry_axes, reading_note, refusal_note, written_out
from ._elided import Elided, through_ellipses
from ._givens import EigenWords, Givens, superseded
from ._infer import (
    index_letter,
    infer_symbols,
    undeclared_random,
    undeclared_random_arrays,
    unstated_laws,
)
from ._inline import inline_definitions
from ._laws import under_both_readings, with_density_subscripts
from ._link import _RELATIONS as _RELATIONS
from ._link import Link, failed_display, noted
from ._premise import adjusted_kind, defined_anew, named_in_definition
from ._primes import primed_names
from ._problems import problem_links, read_problem
from ._read import read_document, split_relations_lines
from ._solutions import solved
from ._statements import (
    _DERIVATIVE,
    ASSIGNMENT,
    ASSUMES,
    DEFINES,
    Kind,
    classify,
    head_of,
    is_range,
    names_in,
    split_statements,
)


def check_document(
    path,
    symbols: str | None = None,
    given: Sequence[str] = (),
    timeout: float = 10.0,
    on_link: Callable[[Link], None] | None = None,
) -> list[Link]:
    """Every statement of every display of ``path`` (``.tex``, ``.md`` or ``.ipynb``), in
    document order: each is classified (claim, definition, update rule, assumption, equation to
    solve), and each claim checked link by link under the symbols and givens in effect there.
    Symbols come from the sidecar ``FILE.derivax.toml``, the document's ``derivax: symbols``
    declarations and ``symbols``; givens likewise, plus the definitions and assumptions the
    document states."""
    from .._budget import require_budget
    from ..symbols import parse_symbols

    timeout = require_budget(timeout)
    doc = read_document(path)
    declared = [s for s in (doc.sidecar_symbols, symbols or "") if s.strip()]
    assumed = ""
    if not declared and not any(e.kind == "symbols" for e in doc.events):
        # first touch: no declaration anywhere; the notation's own implications, said
        assumed = infer_symbols(
            [p.lined or p.latex for e in doc.events if e.kind == "math" for p in e.pieces],
            " ".join(e.prose for e in doc.events if e.kind == "math"),
        )
        declared = [assumed] if assumed else []
    reader = _Reading(doc.path, declared)
    reader.assumed = assumed
    if not assumed:
        # E[X] with X undeclared beside declared names: X is the random variable E is taken of
        displays = [p.lined or p.latex for e in doc.events if e.kind == "math" for p in e.pieces]
        for name in undeclared_random(displays, reader._declared):
            if reader._declarable(f"{name}: random"):
                reader.declared.append(f"{name}: random")
                reader.implied.append(name)
        prose = " ".join(e.prose for e in doc.events if e.kind == "math")
        for entry in undeclared_random_arrays(displays, prose, reader._declared):
            if reader._declarable(entry):  # E[w_{ij} x_j]: w a random matrix, x a vector
                reader.declared.append(entry)
                reader.implied.append(entry.split(":")[0])
    reader.givens += [*doc.sidecar_given, *given]
    for g in reader.givens:
        reader.seen |= names_in(g.split("=")[0])
    try:
        parse_symbols("; ".join(reader.declared))
    except DerivaxError as e:
        raise DerivaxError(f"`{doc.path}`: the symbol declarations do not read: {e}") from None
    reader.on_link = on_link
    reader.timeout = timeout
    for event in doc.events:
        if event.kind == "symbols":
            try:
                parse_symbols("; ".join([*reader.declared, event.text]))
            except DerivaxError as e:
                raise DerivaxError(
                    f"`{event.where or doc.path}` line {event.line}: the declaration `{event.text}` does not "
                    f"read: {e}"
                ) from None
            reader.declared.append(event.text)
            continue
        if event.kind == "given":
            superseded(reader.givens, event.text)
            reader.givens.append(event.text)
            reader.seen |= names_in(event.text.split("=")[0])
            continue
        if not reader.einstein:  # Einstein's convention, from where the text states it on
            reader.einstein = cue_line(doc.text, event)
        try:
            reader.display(event)
        except Exception as e:
            # one display derivax cannot take in costs that display only, and says which
            reader.emit(failed_display(event.where or doc.path, event, e))
    reader.flush_run()
    return reader.links


class _Reading(Givens, EigenWords):
    """The state of a note read in order: declarations, givens (the definitions and assumptions
    so far), the names already seen, recurrences, and the last chain (a display that starts
    with a relation carries it on)."""

    def __init__(self, path: str, declared: list[str]):
        self.path = path
        self.declared = declared
        self.givens: list[str] = []
        self.seen: set[str] = set()
        self.recurrences: dict[str, int] = {}
        self.recurrent: set[str] = set()  # names an update rule gives a recurrence (not m_0 = 0)
        self.links: list[Link] = []
        self.last_term: tuple[str, int] | None = None
        self.on_link: Callable[[Link], None] | None = None
        self.timeout = 10.0
        self.assumed = ""
        self.distributed: set[str] = set()  # names a `\\sim` statement gave a distribution
        self.implied: list[str] = []  # names taken to be random, undeclared
        self.from_text: dict[str, str] = {}  # a given read from the running text -> its cue
        self.readings: dict[str, tuple] = {}  # a density given -> (its other reading, the law)
        self.laws_stated: set[str] = set()  # the variables whose law the text states
        self.pending_eigen: dict[str, str | None] = {}  # eigenvectors said, their equation unsaid
        self.solving = False  # an equation to solve came before, in this display
        # names met so far only on the right of a definition or an update rule (w_{t+1} = w_t -
        # \alpha \hat m_t, then \hat m_t = ...): a later `name = ...` defines them, as if unseen
        self.stated: set[str] = set()
        # names whose definition or assumption did not read -> its line: a claim about them is
        # never refuted with them free, since the text gave them a meaning derivax did not get
        self.unreadable: dict[str, int] = {}
        self.waiting: set[str] = set()
        self.einstein = 0  # the line where the text states the summation convention
        self.elided: Elided | None = None  # the ellipsis the next link is checked through
        self.problem_line = 0  # the line of the last optimization problem stated
        self.problem_after = ""  # what the last row was, when it was part of a problem
        self.run = Run()  # the open links of the current chain, checked end to end at its end
        self.chain_head = ""  # the first term of the current chain
        self.last_equation: tuple[str, str, int] | None = None  # an equation a step may solve
        self.last_objective: tuple[str, int] | None = None  # f(w) defined by the row before
        self.premise = False  # the statement being read is followed by `\Rightarrow`
        self.before_text: set[str] = set()  # names defined before the display's prose
        self.one = False  # the text before the display says it works on one example
        self.elsewhere = False  # ... or that it enters a definition it refers to
        self.axes: tuple[str, str] | None = None  # the entry (k, l) a derivation is by
        self.analogies: dict[str, tuple[str, str]] = {}  # g' -> (dJ'/dw, why)

    def emit(self, link: Link) -> None:
        if self.elided is not None:
            # b = \ldots = c: the claim through the omitted steps, reported on both links
            elided, self.elided = self.elided, None
            for part in elided.links(link):
                self.emit(part)
            return
        if self.assumed:
            link = replace(link, assumed=self.assumed)
            if link.kind == "claim" and link.status in ("proved", "refuted", "plausible"):
                link = replace(
                    link,
                    reason=(link.reason + "; " if link.reason else "")
                    + "under the declarations check-doc assumed (see the report)",
                )
        self.links.append(link)
        if self.on_link:
            self.on_link(link)

    def table(self):
        from ..symbols import parse_symbols

        return parse_symbols("; ".join(self.declared))

    def display(self, event) -> None:
        """One display: the running text's definitions before it, then each statement of each
        row in order."""
        where = event.where or self.path
        # names defined before this prose: a heading in it may define one anew (defined_anew)
        self.before_text = {h[0] for g in self.givens if (h := head_of(g.split("=")[0]))}
        for definition in inline_definitions(event.prose, self.seen):
            lhs, rhs = definition.split(" = ", 1)
            if not self._declared(lhs) and re.fullmatch(r"[A-Za-z](_\{?[A-Za-z0-9]+\}?)?", lhs):
                if self._declarable(f"{lhs}: scalar"):
                    self.declared.append(f"{lhs}: scalar")
            if self.take_given(lhs, rhs, event.line).startswith("; a given"):
                # as a display's definition: its names are written, those only on its right
                # still wait for a value
                self._note_uses(lhs, rhs, "definition")
                self.seen |= names_in(f"{lhs} {rhs}")
        for said in cues.constraints(event.prose) + cues.moments(event.prose, self._index_letter()):
            self.take_text_given(said)
        self.take_eigen_words(event.prose)
        self.take_laws(event.prose)
        # a display right after another with no text between goes on with what the text before
        # it said: one example, a definition from elsewhere, an equation to solve, an objective
        quiet, self.axes = not event.prose.strip(), None
        self.one = cues.one_example(event.prose) or (self.one and quiet)
        self.elsewhere = cues.cites_elsewhere(event.prose) or (self.elsewhere and quiet)
        self.solving = self.solving and quiet
        self.last_objective = self.last_objective if quiet else None
        names: set[str] = set()
        # "problem" after a problem's row, "constraints" after its "subject to": a display right
        # after one, with no text between, may go on with its constraints
        after = self.problem_after if not event.prose.strip() else ""
        for p in event.pieces:
            if p.problem:
                # a macro of the document that did not expand: named, never read in derivax's
                # own meaning of the command
                self.unread(where, p.line, p.latex, p.problem)
                continue
            row = p.lined or p.latex
            problem = read_problem(row, after)
            if problem is not None:
                # an optimization problem: no claim, its constraints givens for what follows
                self.problem_line = p.line if problem.operator else self.problem_line
                for link in problem_links(
                    problem, where, p.line, row.strip(), self.problem_line, self.take_text_given
                ):
                    self.emit(link)
                after = self.problem_after = "constraints" if problem.cue else "problem"
                names |= names_in(row)
                self.last_term = None
                continue
            after = self.problem_after = ""
            sts = split_statements(p.lined or p.latex)
            for n, st in enumerate(sts):
                # `a = b \Rightarrow c = d`: the left is the premise, stated as a condition
                self.premise = n + 1 < len(sts) and sts[n + 1].connective == "implies"
                self.row_statement(where, p.line + st.breaks, st, first_of_row=n == 0, event=event)
                names |= names_in(st.text)
            self.premise = False
        # a name is seen from the next display on: z_i = w x_i after \hat p_i = \sigma(z_i) in the
        # same display still defines z
        self.seen |= names

    def unread(self, where, line: int, text: str, reason: str) -> None:
        # `\ell(w) := ...` that does not read still gives `\ell` a meaning derivax did not get
        left = re.split(r":=|\\coloneqq|\\triangleq|\\equiv|(?<![<>\\!])=", text, maxsplit=1)
        head = head_of(left[0]) if len(left) == 2 else None
        if head is not None and head[0] not in self.seen:
            self.unreadable.setdefault(head[0], line)
        self.flush_run()
        self.emit(Link(where, line, text, "", "", "unread", reason=reason, kind="unread"))
        self.last_term = None

    def flush_run(self) -> None:
        """The end of a chain's open links: checked end to end, reported when refuted."""
        bridged = self.run.flush(lambda w, n, a, r, b: self.check(w, n, a, r, b, (), ()))
        if bridged is not None:
            self.emit(bridged)

    def _domain_statement(self, where, line0: int, st) -> bool:
        """``x \\in \\mathbb{R}^n, 0 \\le \\theta \\le 1``: the domain, its conditions givens."""
        domain = cues.domain_conditions(st.text)
        if domain is None:
            return False
        for said in domain[1]:
            self.take_text_given(said)
        why = f"the domain of `{domain[0]}`: " + (
            "its conditions are givens for what follows" if domain[1] else "no condition read"
        )
        self.emit(Link(where, line0, st.text, "", "", "assumption", reason=why, kind="assumption"))
        return True

    def row_statement(self, where, line0: int, st, first_of_row: bool, event) -> None:
        """A statement's chain, link by link; a row that starts with a relation carries on the
        chain before it (in this display or the one before)."""
        if st.problem:
            self.unread(where, line0, st.text, st.problem)
            return
        if is_range(st.text):
            return  # i = 1, \dots, n: what the letters range over
        if self._domain_statement(where, line0, st):
            return
        try:
            parts = split_relations_lines(st.text)
        except DerivaxError as e:
            self.unread(where, line0, st.text, str(e))
            return
        terms = [(rel, term, line0 + breaks) for rel, term, breaks in parts]
        continued = False
        if first_of_row and terms and not terms[0][1] and len(terms) > 1:
            if self.last_term is None:
                self.emit(
                    Link(
                        where,
                        terms[1][2],
                        "",
                        terms[1][0],
                        terms[1][1],
                        "unread",
                        reason="the row starts with a relation, but no chain before it gives its "
                        "left side",
                        kind="unread",
                    )
                )
                self.last_term = (terms[-1][1], terms[-1][2])
                return
            terms[0] = ("", self.last_term[0], self.last_term[1])
            continued = True
        if not continued:
            self.flush_run()
            self.chain_head = terms[0][1] if terms else ""
        self.last_term = (terms[-1][1], terms[-1][2])
        if len(terms) == 1:
            self.emit(
                Link(
                    where,
                    terms[0][2],
                    terms[0][1],
                    "",
                    "",
                    "expression",
                    reason="no relation (=, \\le, \\ge, <, >): nothing to check",
                    kind="expression",
                )
            )
            return
        terms, joined, problem = through_ellipses(terms)
        self.axes = entry_axes([t for _, t, _ in terms]) or self.axes  # for the whole display
        if problem:
            self.unread(where, terms[1][2], st.text, problem)
            return
        # m_0 = v_0 = 0: every name of the chain takes its last term
        names_chain = (
            not continued
            and len(terms) > 2
            and all(r == "=" for r, _, _ in terms[1:])
            and all((h := head_of(t)) is not None and not h[2] for _, t, _ in terms[:-1])
        )
        for k in range(1, len(terms)):
            rel, rhs, line = terms[k]
            lhs = terms[k - 1][1]
            if names_chain:
                rhs = terms[-1][1]
            kind = classify(
                lhs,
                rel,
                rhs,
                first=(k == 1 or names_chain) and not continued,
                seen=self.seen,
                waiting=self.waiting,
                prose=event.prose,
                connective=st.connective,
                after_equation=self.solving,
                derivative_chain=bool(_DERIVATIVE.search(terms[0][1])),
                single=len(terms) == 2,
            )
            kind = self._in_context(kind, lhs, rel, k, terms, event.prose)
            recurrence = kind.kind == "update" and rel == "=" and "recurrence" in kind.why
            head = head_of(lhs) if recurrence else None
            if head is not None and head[0] in self.recurrent:
                # v_t = \beta^2 v_{t-2} + ... after v_t = \beta v_{t-1} + g_t: the recurrence
                # unrolled, a claim about it (undecided where only the recurrence decides)
                kind = Kind("claim", "")
            self.solving = self.solving or kind.kind == "equation"
            self.elided = joined.get(k)
            self.statement(where, line, lhs, rel, rhs, kind, st)

    def _in_context(self, kind, lhs: str, rel: str, k: int, terms, prose: str):
        """The kind of link ``k`` adjusted by its chain, the arrow after it, the table and the
        section it is in (``_premise``); a name defined anew drops its earlier definition."""
        kind = adjusted_kind(kind, lhs, rel, len(terms), self.premise, self._rank)
        kind = named_in_definition(kind, lhs, rel, k, terms, self.seen, self._rank)
        if (analogy := by_analogy(lhs, rel, k, self.givens)) is not None:
            self.analogies[lhs] = analogy
            return Kind("claim", analogy[1])
        anew = defined_anew(kind, lhs, rel, k, prose, self.before_text)
        if anew is not kind:
            # the earlier section's definition no longer holds
            name = head_of(lhs)[0]  # type: ignore[index]  # defined_anew saw a head
            self.givens = [
                g for g in self.givens if (h := head_of(g.split("=")[0])) is None or h[0] != name
            ]
        return anew

    def statement(self, where, line, lhs, rel, rhs, kind, st) -> None:
        remarks = tuple(st.remarks)
        if not lhs or not rhs:
            empty = "one side of the relation is empty"
            link = Link(where, line, lhs, rel, rhs, "unread", reason=empty, kind="unread")
            self.emit(replace(link, remarks=remarks))
            return
        if (
            kind.kind == "claim"
            and rel == "="
            and (
                (cue := restated(lhs, rhs, self.from_text, self.table))
                or (cue := self.eigen_restated(lhs, rhs))
            )
        ):
            # "with mean $\mu$:" then $$\mathbb{E}[X_1] = \mu$$ writes out what the text said
            kind = Kind("assumption", f"restates what the text before it says ({cue})")
        self._note_uses(lhs, rhs, kind.kind)
        if (solution := solved(self, where, line, lhs, rel, rhs, kind)) is not None:
            self.flush_run()
            self.emit(replace(solution, remarks=remarks))
            return
        if kind.kind == "claim":
            link = self.check(where, line, lhs, rel, rhs, st.conditions, remarks)
            if link.status not in OPEN:
                self.flush_run()
            self.emit(link)
            if link.status in OPEN:
                self.run.add(where, link, lhs, rel, rhs)
            return
        self.flush_run()
        if kind.kind == "equation" and kind.guess:
            # `\nabla_\theta 1 = 0` is written like a condition to solve but holds for every
            # value: a proof makes it a claim (a failing point refutes nothing: it is a guess)
            link = self.check(where, line, lhs, rel, rhs, st.conditions, remarks)
            if link.status == "proved":
                self.emit(
                    replace(
                        link,
                        reason=f"{link.reason}; written like an equation to solve, but it holds "
                        f"for every value, so it is a claim",
                    )
                )
                return
        reason = kind.why
        if rel in ASSUMES:
            self.distributed |= {k for n in names_in(lhs) if (k := self._key(n))}
        if kind.kind in ("definition", "assumption") and rel in ("=", *DEFINES):
            reason += self.take_given(lhs, rhs, line)
        elif kind.kind == "assumption" and rel not in ("=",):
            reason += (
                "; not used by the checks (derivax takes equations and inequalities as givens)"
            )
        elif kind.kind == "update":
            head = head_of(lhs)
            # an assignment leaves its name any value; a recurrence (m_t = ...) ties a sequence
            if head is not None and not kind.why.endswith(ASSIGNMENT):
                self.recurrences[head[0]] = line
                if "recurrence" in kind.why:  # not an initial value
                    self.recurrent.add(head[0])
            reason += "; not checked, and not a given (derivax does not solve recurrences)"
        elif kind.kind == "equation":
            reason += "; not checked as an identity"
        if kind.guess:
            reason += " (a guess: write `:=` for a definition, or declare it in the text)"
        self.emit(
            Link(
                where,
                line,
                lhs,
                rel,
                rhs,
                kind.kind,
                reason=reason,
                kind=kind.kind,
                guess=kind.guess,
                remarks=remarks,
            )
        )

    def _note_uses(self, lhs: str, rhs: str, kind: str) -> None:
        """Which names are so far only used on the right of a definition or update rule."""
        left = names_in(lhs)
        if kind in ("definition", "update"):
            self.waiting |= names_in(rhs) - left - self.stated
            self.stated |= left
        else:
            self.stated |= left | names_in(rhs)
        self.waiting -= self.stated

    def _is_random(self, name: str) -> bool:
        key = self._key(name)
        return key is not None and self.table()[key].is_random

    def _index_letter(self) -> str | None:  # for a moment said of every entry of a vector
        try:
            return index_letter(self.table())
        except DerivaxError:
            return None

    def _declarable(self, declaration: str) -> bool:
        """Whether ``declaration`` reads beside the others (a name the table cannot hold stays
        undeclared, and its definition is tried as written)."""
        from ..symbols import parse_symbols

        try:
            parse_symbols("; ".join([*self.declared, declaration]))
        except DerivaxError:
            return False
        return True

    def _rank(self, name: str) -> int | None:  # 0 scalar, 1 vector, 2 matrix; None: undeclared
        return None if (key := self._key(name)) is None else self.table()[key].rank

    def check(self, where, line, lhs, rel, rhs, conditions, remarks) -> Link:
        from .._verify import check

        if lhs in self.analogies:  # g' written as the derivative it stands for
            written, why = self.analogies.pop(lhs)
            link = self.check(where, line, written, rel, rhs, conditions, remarks)
            return replace(link, lhs=lhs, reason=f"{why}; {link.reason}")
        if self.laws_stated:
            left, right = (with_density_subscripts(x, self.laws_stated) for x in (lhs, rhs))
            if (left, right) != (lhs, rhs):
                link = self.check(where, line, left, rel, right, conditions, remarks)
                return replace(link, lhs=lhs, rhs=rhs)
        primes = primed_names(f"{lhs} {rhs}", self.givens, self.chain_head)
        found = [*self.givens, *primes.givens]
        givens = _relevant(found, f"{lhs} {rhs}")
        ambiguous = next((g for g in givens if g in self.readings), None)
        if ambiguous is not None:
            other, law = self.readings[ambiguous]
            self.readings, saved = {}, self.readings
            try:
                first = self.check(where, line, lhs, rel, rhs, conditions, remarks)
                self.givens = [other if g == ambiguous else g for g in self.givens]
                self.from_text[other] = self.from_text[ambiguous]
                second = self.check(where, line, lhs, rel, rhs, conditions, remarks)
            finally:
                self.givens = [ambiguous if g == other else g for g in self.givens]
                self.readings = saved
            return under_both_readings(first, second, law)
        checked_lhs, checked_rhs, distinct = where_distinct(lhs, rel, rhs, conditions)
        givens += [c for c in conditions if not is_range(c) and c not in distinct]
        try:
            summed = written_out(checked_lhs, checked_rhs, self.table()) if self.einstein else None
        except DerivaxError as e:
            why = refusal_note(e, self.einstein)
            return Link(where, line, lhs, rel, rhs, "unread", reason=why, kind="unread")
        if summed is not None:
            checked_lhs, checked_rhs = summed.lhs, summed.rhs
        sides = (checked_lhs, rel, checked_rhs)
        link = _check_link(
            check, where, line, *sides, self.table(), givens, self.timeout, self.axes
        )
        if summed is not None:
            link = noted(link, reading_note(summed, self.einstein), lhs=lhs, rhs=rhs)
        if distinct:
            link = noted(link, f"checked where {', '.join(distinct)}", lhs=lhs, rhs=rhs)
        taken = sorted(names_in(f"{lhs} {rhs}") & {names_in(n).pop() for n in self.implied})
        if taken and link.status in ("proved", "refuted", "plausible"):
            link = noted(
                link,
                f"with {', '.join(f'`{n}`' for n in taken)} taken to be random (what a moment "
                f"is taken of; declare it `: random` to make it certain)",
            )
        loose = unstated_laws(taken, self.table(), givens)
        if link.status == "refuted" and loose:
            return replace(link, status="unknown", counterexample=None, reason=loose)
        said = [f"`{g}` ({self.from_text[g]})" for g in givens if g in self.from_text]
        if said and link.status in ("proved", "refuted", "plausible"):
            link = noted(link, f"using what the text says: {', '.join(said)}")
        if link.status == "refuted" and primes.undecided:
            return replace(
                link, status="unknown", method="", counterexample=None, reason=primes.undecided
            )
        if link.status == "refuted":
            doubt = refutation_doubt(
                lhs,
                rhs,
                table=self.table(),
                givens=givens,
                counterexample=link.counterexample,
                undescribed=lambda: self._undescribed(lhs, rhs, givens),
                recurrences=self.recurrences,
                unreadable=self.unreadable,
                elsewhere=self.elsewhere,
                one=self.one,
            )
            if doubt:
                return replace(
                    link,
                    status="unknown",
                    method="",
                    counterexample=None,
                    remarks=remarks,
                    reason=doubt,
                )
        return replace(link, remarks=remarks)
