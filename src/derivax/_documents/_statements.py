r"""What each statement of a note is, before anything is checked: a claim, a definition, an update
rule, an assumption or an equation to solve. Only claims get verdicts; definitions and
assumptions become givens for what follows.

A display row is first cut into statements at the connectives authors write between them
(``\quad \text{and} \quad``, ``,\qquad``, ``\Rightarrow``, ``\text{where}``); a ``\text{for }
x > 0`` clause is a condition of the statement before it. Text inside math is never dropped
silently: a word that names something (``\text{Var}``, ``\mathrm{NLL}``) stays as a name, a
trailing remark (``\qquad \text{(by Jensen)}``) is kept as the statement's remark, and anything
else makes the statement unread with the text named."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ._cuts import _arrow_split, _top_level_matches, cut_where_both_relate
from ._mathtext import space_at_end, texts
from ._quantifiers import quantified

KINDS = ("claim", "definition", "update", "assumption", "equation", "unread")

DEFINES = (":=", r"\coloneqq", r"\triangleq", r"\equiv", r"\stackrel{def}{=}")
UPDATES = (r"\leftarrow", r"\gets")
#: the reason of an update written with a definition's sign, ``\theta_j := \theta_j - \alpha g_j``
ASSIGNMENT = "an assignment, as a step of gradient descent"
ASSUMES = (r"\sim",)

# a connective between two statements of one row, with what it makes of the statement after it
_CONNECTIVES = re.compile(
    r"(?:\\q?quad|\\[,;:! ]|~|\s)*"
    r"(?:\\(?:text|textrm|textnormal|mbox|mathrm)\s*\{\s*"
    r"(?P<word>and|where|with|if|for(?: all| each| every| any| some)?|since|so|hence|thus|then|"
    r"i\.e\.,?|e\.g\.,?|or)\b(?P<tail>[^{}]*)\}"
    r"|(?P<arrow>\\(?:Rightarrow|implies|Longrightarrow|Leftrightarrow|iff|therefore|because)"
    r"(?![A-Za-z])))"
    r"(?:\\q?quad|\\[,;:! ]|~|\s)*"
)
_LIST_BREAK = re.compile(
    r"(?:,|;)\s*(?:\\q?quad\b|\\[ ,;]|~|\s)*\\q?quad(?![A-Za-z])|\\qquad(?![A-Za-z])"
    # one \quad before an index condition that ends the row (`= -a_i a_j \quad i \ne j`)
    r"|\\quad(?=\s*[a-z]\s*(?:=|\\neq?(?![A-Za-z]))\s*[a-z]\s*\.?\s*$)"
)
_INDEX_CONDITION = re.compile(
    r"(?:\\text\{\s*(?:for|if|when)\s*\}\s*)?[a-z]\s*(?:=|\\neq|\\ne)\s*[a-z]\s*\.?"
)


@dataclass
class Statement:
    """One statement of a row: its LaTeX, how many line breaks precede it in the row, the
    connective before it (``and``, ``where``, ``implies``, ...), its conditions (``x > 0`` of
    ``\text{for } x > 0``) and remarks; ``problem`` when its text cannot be read."""

    text: str
    breaks: int = 0
    connective: str = ""
    conditions: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    problem: str = ""


def split_statements(row: str) -> list[Statement]:
    """The statements of one row (its line breaks kept, so each statement knows its line)."""
    # an empty group that only makes the next sign binary (`\left. {} + x`) is no term
    row = re.sub(r"(?<![\\A-Za-z}^_{])\{\s*\}", " ", row)
    pieces: list[tuple[str, int, str, str]] = []  # (text, start, connective, clause tail)
    start, connective, tail = 0, "", ""
    for m in _top_level_matches(_CONNECTIVES, row):
        pieces.append((row[start : m.start()], start, connective, tail))
        connective = (m.group("word") or m.group("arrow") or "").strip()
        tail = (m.group("tail") or "").strip()
        start = m.end()
    pieces.append((row[start:], start, connective, tail))
    pieces = [
        (sub, at + offset, conn if k == 0 else r"\rightarrow", clause if k == 0 else "")
        for text, at, conn, clause in pieces
        for k, (sub, offset) in enumerate(_arrow_split(text))
    ]
    out: list[Statement] = []
    for text, at, conn, clause in pieces:
        word = conn.split()[0] if conn else ""
        if word in ("for", "if") and out:
            # a condition on the statement before: x > 0 of \text{for } x > 0 (a range such as
            # i = 1, \dots, n or x \in \mathbb{R} only says what the letters are)
            condition = (clause + " " + text).strip()
            if condition and not re.search(
                r"=|<|>|\\[lg]eq?(?![A-Za-z])|\\neq?(?![A-Za-z])", condition
            ):
                # \text{for all } y: a quantifier over letters the claim holds for, no condition
                out[-1].remarks.append(" ".join(f"{conn} {condition}".split()))
            elif condition:
                out[-1].conditions.append(condition)
            continue
        for sub, offset in _list_split(text):
            if not sub.strip():
                continue
            if out and _INDEX_CONDITION.fullmatch(sub.strip()):
                # \frac{\partial a_j}{\partial z_i} = a_i (1 - a_i), \quad i = j: a case
                out[-1].conditions.append(sub.strip().rstrip("."))
                continue
            lead = len(sub) - len(sub.lstrip())
            s = Statement(
                sub.strip(),
                row.count("\n", 0, at + offset + lead),
                _CANONICAL.get(word or conn, word or conn),
            )
            quantified(s)
            texts(s)
            space_at_end(s)
            # punctuation that closed the statement before a connective (`\big), \quad \text{where}`)
            s.text = re.sub(r"(?<!\\)(?<!\\right)(?<!\\left)\s*[,;.]$", "", s.text)
            out.append(s)
            conn, word = "", ""
    return out


_CANONICAL = {
    r"\Rightarrow": "implies",
    r"\rightarrow": "implies",
    r"\implies": "implies",
    r"\Longrightarrow": "implies",
    r"\therefore": "implies",
    r"\Leftrightarrow": "iff",
    r"\iff": "iff",
    r"\because": "since",
    "with": "where",
}


def _list_split(text: str) -> list[tuple[str, int]]:
    """``a = b, \\quad c = d``: statements listed with a comma and a quad (or a double quad)."""
    # a list break inside one statement (f(x), \quad x) is only a cut when both halves relate
    return cut_where_both_relate(_LIST_BREAK, text)


#: one letter in a font, the body of ``\\DeclareMathOperator{\\E}{\\mathbb{E}}``


_RANGE = re.compile(r"^\s*[A-Za-z\\{}_ ]{1,20}=\s*[^=<>]*,\s*(\\[lc]?dots|\\dotsc)\s*,[^=<>]*$")
_MEMBER = re.compile(r"^\s*[A-Za-z\\{}_, ]{1,40}\\in(?![A-Za-z])")


def is_range(text: str) -> bool:
    r"""``i = 1, \dots, n``, ``x \in \mathbb{R}^n``: what the letters range over, no relation to
    use or check. Names only before the ``\in``: ``\inf_{x \in C} f(x) \ge 0`` is a claim about
    an infimum, and was dropped unseen as a range."""
    member = _MEMBER.match(text)
    if member and _OPERATOR.search(member.group(0)):
        return False
    return bool(_RANGE.match(text)) or bool(member)


_OPERATOR = re.compile(
    r"\\(?:inf|sup|min|max|arg|lim|sum|prod|forall|exists|bigcup|bigcap)(?![A-Za-z])"
)


# -- what a statement is ---------------------------------------------------------------------

_DECOR = r"(?:\\(?:hat|bar|tilde|widehat|widetilde|overline|vec|dot|ddot|check|mathbf|boldsymbol|bm|mathcal|mathbb|mathsf)\s*)"
_GREEK = (
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi "
    "pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta "
    "Lambda Xi Pi Sigma Upsilon Phi Psi Omega ell"
).split()
# a letter: Latin, or a Greek one by its command (never another command: \tr, \Big)
_LETTER = r"(?:\\(?:" + "|".join(sorted(_GREEK, key=len, reverse=True)) + r")(?![A-Za-z])|[A-Za-z])"
_INNER = r"(?:" + _DECOR + r"(?:\{\s*" + _LETTER + r"\s*\}|" + _LETTER + r")|" + _LETTER + r")"
# a letter, decorated once or twice (\hat{\mathbf{v}}), or an upright word
_HEAD = re.compile(
    r"(?P<head>(?:" + _DECOR + r"(?:\{\s*" + _INNER + r"\s*\}|" + _LETTER + r"))|"
    r"\\operatorname\{[A-Za-z]+\}|\\mathrm\{[A-Za-z]+\}|" + _LETTER + r")"
)
_SCRIPT = re.compile(r"\s*(?:[_^]\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\?[A-Za-z0-9]+)|'|\\prime)")
_NOT_NAMES = {
    r"\frac",
    r"\sum",
    r"\prod",
    r"\int",
    r"\log",
    r"\ln",
    r"\exp",
    r"\sin",
    r"\cos",
    r"\tan",
    r"\tanh",
    r"\max",
    r"\min",
    r"\left",
    r"\right",
    r"\nabla",
    r"\bigtriangledown",
    r"\partial",
    r"\sqrt",
    r"\det",
    r"\operatorname",
    r"\mathrm",
    r"\text",
    r"\cdot",
    r"\top",
    r"\mathbb",
    r"\mathcal",
    r"\lim",
    r"\arg",
    r"\infty",
    r"\dots",
    r"\ldots",
    r"\cdots",
    r"\quad",
    r"\qquad",
}
_BUILTIN_APPLIED = {r"\sigma", r"\Gamma", r"\Phi"}
# words that name operators with a meaning of their own: never defined by a note
_OPERATOR_WORDS = {
    "Var",
    "var",
    "Cov",
    "cov",
    "Corr",
    "E",
    "KL",
    "softmax",
    "softplus",
    "ReLU",
    "relu",
    "tr",
    "diag",
    "det",
    "sigmoid",
    "logsumexp",
    "erf",
    "sign",
    "argmax",
    "argmin",
    "Pr",
    "P",
}


def _norm(latex: str) -> str:
    return re.sub(r"[\s{}]", "", latex)


def _name(head: str) -> str:
    """A name's head as the table reads it: ``\\mathbf{w}``, ``\\boldsymbol{w}``, ``\\bm{w}``
    and ``\\vec{w}`` are the symbol ``w`` (a given spelled one way and a claim the other are
    about one name)."""
    return re.sub(r"^\\(?:mathbf|boldsymbol|bm|vec)(?=[A-Za-z\\])", "", _norm(head))


_INCREMENT = re.compile(r"(\\partial|\\Delta|\\delta)\s*(?=[A-Za-z]|\\(?!partial)[A-Za-z]+)")


def head_of(lhs: str) -> tuple[str, str, str] | None:
    r"""``(head, scripts, arguments)`` when ``lhs`` is a name and nothing else: a letter or a
    Greek command, decorated or not (``\hat{y}``), with subscripts, superscripts or primes
    (``\theta_{t+1}``, ``m_0``) and an optional argument list (``\ell(w)``, ``p(x \mid \theta)``);
    None for anything else."""
    s = lhs.strip()
    inc = _INCREMENT.match(s)
    if inc is not None and (named := head_of(s[inc.end() :])) is not None and not named[2]:
        # \partial x_i = x_i - 1, \Delta w = ...: an increment is one name
        return f"{inc.group(1)} {named[0]}", named[1], ""
    m = _HEAD.match(s)
    if m is None or m.group("head") in _NOT_NAMES:
        return None
    word = re.fullmatch(r"\\(?:operatorname|mathrm)\{([A-Za-z]+)\}", m.group("head"))
    if word and word.group(1) in _OPERATOR_WORDS:
        return None
    k = m.end()
    scripts = ""
    while (sm := _SCRIPT.match(s, k)) is not None and sm.end() > k:
        scripts += sm.group(0)
        k = sm.end()
    if m.group("head") == "e" and scripts.lstrip().startswith("^"):
        return None  # e^{2x} is an exponential, not a name with a superscript
    rest = s[k:].strip()
    args = ""
    if rest:
        # f(x), and an entry of a vector-valued function, \sigma(\mathbf{z})_i
        inner = re.fullmatch(
            r"(?:\\left)?\((.*?)(?:\\right)?\)(\s*_\s*(?:\{[^{}]*\}|[A-Za-z0-9]))?", rest, re.DOTALL
        )
        if inner is None:
            return None
        args = inner.group(1)
        scripts += _norm(inner.group(2) or "")
    return _name(m.group("head")), _norm(scripts), args


def names_in(latex: str) -> set[str]:
    """The heads of the names written in ``latex`` (normalized as ``head_of`` gives them)."""
    out: set[str] = set()
    s = latex
    k = 0
    while k < len(s):
        inc = _INCREMENT.match(s, k)
        if inc is not None and (named := _HEAD.match(s, inc.end())) is not None:
            out.add(f"{inc.group(1)} {_name(named.group('head'))}")  # \partial x_1: an increment
        m = _HEAD.match(s, k)
        if m is None:
            # a command that names no letter (\top, \frac, \left) is skipped whole
            command = re.match(r"\\[A-Za-z]+", s[k:])
            k += len(command.group(0)) if command else 1
            continue
        head = m.group("head")
        if head not in _NOT_NAMES:
            out.add(_name(head))
        k = m.end()
    return out


_SOLVE_CUE = re.compile(
    r"\b(set(ting)?|solv(e|ing)|equat(e|ing) .{0,20}zero|to zero|stationary|first[- ]order"
    r"|critical point|optimality|maximi[sz]|minimi[sz]|vanish|satisf(y|ies|ying)|we need"
    r"|must hold|require)",
    re.IGNORECASE,
)
#: words that name an objective, not a condition: "the parameters that maximize the likelihood"
#: before `P(Y | X) = \prod_i p(y_i | x_i)` introduce the function optimised, and the display is
#: a claim about it; only before `= 0` (a derivative that vanishes) do they mark an equation
_OBJECTIVE_CUE = re.compile(r"\b(maximi[sz]|minimi[sz])", re.IGNORECASE)
#: words that bring in a fact as known, not derived here ("Recall that all probability
#: distributions are normalized:")
_ASSUME_CUE = re.compile(r"\b(assum|suppos|given that|we take|postulat|recall)", re.IGNORECASE)
_ORDERS = ("<", ">", r"\le", r"\ge", r"\leq", r"\geq")
#: prose that ends by introducing a region: ``f decreases exactly where`` [display]. An inequality
#: set there describes where something happens (a condition on the variables), not a claim that
#: holds everywhere; ``= `` after ``where`` defines a name and is left to the other rules
_REGION_CUE = re.compile(
    r"\b(?:(?:exactly|precisely|only|just)\s+)?(?:where|when|whenever|wherever|for which"
    r"|on the (?:set|region) (?:where|of)|in the region(?: where)?|if and only if|iff)\s*[:,]?\s*$",
    re.IGNORECASE,
)
#: words that introduce a definition; "the random variable with density" introduces the density
_DEFINE_CUE = re.compile(
    r"\b(let|define[sd]?|definition|denot|we write|call(ed)?|stands? for|notation|where|with"
    r"|with (?:the )?(?:(?:probability )?density(?: function)?|pdf|pmf|(?:probability )?mass "
    r"function))\b\W*$",
    re.IGNORECASE,
)
_DERIVATIVE = re.compile(r"\\partial|\\nabla|\\bigtriangledown|\\frac\{d|'|\\prime|\\mathrm\{d\}")
#: a side that is an average of something, outermost: an expectation (in any spelling, with
#: its subscript) or an integral. ``E[\nabla \log p] = 0`` is the score-function identity, a
#: statement about the average of a derivative, not a derivative set to 0 to solve
_AVERAGE = re.compile(
    r"^\s*-?\s*(?:\\mathbb\s*\{?E\}?|\\operatorname\*?\{(?:E|\\mathbb\{E\})\}|\\mathrm\{E\}"
    r"|\{\\mathrm E\}|E\s*[\[_]|\\underset|\\int|\\iint|\\oint)"
)
_MOMENT = re.compile(
    r"^\s*(?:\\mathbb\{E\}|\\mathbb E|E|\\operatorname\{(?:Var|Cov|E)\}|\\mathrm\{(?:Var|Cov)\}|\\mathbb\{V\})"
    r"\s*(?:\\left)?[\[(]\s*(?P<inner>[^\[\]()]*)\s*(?:\\right)?[\])]\s*$"
)


@dataclass(frozen=True)
class Kind:
    """What a statement is, and whether that was read from the text (a relation such as ``:=``,
    a cue word) or guessed (``guess``), with the reason the report shows."""

    kind: str
    why: str
    guess: bool = False


def classify(
    lhs: str,
    rel: str,
    rhs: str,
    *,
    first: bool,
    seen: set[str],
    prose: str = "",
    connective: str = "",
    after_equation: bool = False,
    derivative_chain: bool = False,
    single: bool = False,
    waiting: frozenset[str] | set[str] = frozenset(),
) -> Kind:
    """The kind of the link ``lhs rel rhs`` of a statement (``first``: the first link of its
    chain), given the names ``seen`` in earlier displays and givens, the prose right before the
    display and the connective before the statement."""
    if rel in DEFINES:
        named = head_of(lhs)
        if named is not None and not named[2] and named[0] in names_in(rhs):
            # \theta_j := \theta_j - \alpha g_j: an assignment of gradient descent, which as an
            # equation would say g_j = 0
            return Kind(
                "update", f"`{lhs}` is written in terms of `{named[0]}` itself: {ASSIGNMENT}"
            )
        return Kind("definition", f"`{rel}` defines `{lhs}`")
    if rel in UPDATES:
        return Kind("update", f"`{rel}` assigns a new value to `{lhs}`")
    if rel in ASSUMES:
        return Kind("assumption", f"`{lhs} \\sim {rhs}` states a distribution")
    tail = prose[-160:]
    region = _REGION_CUE.search(tail) if first and rel in _ORDERS else None
    if region is not None:
        return Kind(
            "assumption",
            f"the text introduces it as a region (`{region.group(0).strip()}`): a condition on "
            f"the variables, not a claim",
        )
    if rel == "=" and not first:
        later = _later_link(lhs, rhs, seen, tail, after_equation, derivative_chain)
        if later is not None:
            return later
    if rel != "=" or not first:
        return Kind("claim", "")
    if after_equation and connective in ("implies", "iff"):
        # `3x - 6 = 0 \Rightarrow x = 2`: what the equation implies, never a definition of x
        return _stated_or_solved(lhs, rhs, seen, tail, connective, after_equation, single)
    first_kind = _first_link(lhs, rhs, seen, tail, connective, waiting)
    if first_kind is not None:
        return first_kind
    return _stated_or_solved(lhs, rhs, seen, tail, connective, after_equation, single)


def _later_link(lhs, rhs, seen, tail, after_equation, derivative_chain) -> Kind | None:
    """A link after the first of its chain, when it is not a claim: the end of an equation to
    solve, a first-order condition, a name given to the expression."""
    if rhs.strip() == "0" and (_SOLVE_CUE.search(tail) or after_equation):
        return Kind("equation", "an equation to solve (the text says so)")
    if rhs.strip() == "0" and derivative_chain:
        return Kind(
            "equation",
            "a derivative set to 0 at the end of its chain: a first-order condition",
            guess=True,
        )
    named = head_of(rhs)
    if (
        named is not None
        and not named[2]
        and named[0] not in seen
        and named[0] not in names_in(lhs)
    ):
        return Kind(
            "definition",
            f"`{rhs}` appears here for the first time, so this names the expression",
            guess=True,
        )
    return None


#: words after an assumption that introduce what follows from it: "recall that the logarithm
#: turns products to sums, in which case" [a claim]
_CONSEQUENCE = re.compile(
    r"\b(in which case|so that|so|hence|thus|therefore|then|which gives|gives|yields|implies"
    r"|we (?:get|have|obtain|find)|to (?:obtain|get|arrive at)|it follows)\b",
    re.IGNORECASE,
)


def _assumed_by_text(words: str) -> bool:
    """Whether ``words`` (the prose after the last inline math) assume the display after them:
    a cue ("assume", "recall", "suppose") not followed by words of consequence."""
    cues = list(_ASSUME_CUE.finditer(words))
    return bool(cues) and not _CONSEQUENCE.search(words[cues[-1].end() :])


#: prose that ends by naming what the display writes out: "the loss function $l$ is",
#: "$\hat y$ is given by", "where $s$ is defined as"
_NAMED_IS = re.compile(
    r"\$([^$]+)\$\s*(?:is|are|reads|is defined as|is given by|is written)\s*:?\s*$", re.IGNORECASE
)


def _named_just_before(tail: str, head: str) -> bool:
    """Whether the prose ends with the display's head in inline math followed by "is"."""
    m = _NAMED_IS.search(tail)
    if m is None:
        return False
    named = head_of(m.group(1))
    return named is not None and named[0] == head and not named[1] and not named[2]


def _first_link(lhs, rhs, seen, tail, connective, waiting=frozenset()) -> Kind | None:
    """The first link of a chain with `=`, when it is an assumption, an update or a definition."""
    name = head_of(lhs)
    # "assuming $c$. Then" assumes c, not the display: only the words after the last inline math
    if _assumed_by_text(_after_inline_math(tail)) and not connective:
        return Kind("assumption", "the text before it assumes it")
    if name is not None:
        head, scripts, args = name
        in_rhs = head in names_in(rhs)
        # an update writes a new value of a name, or of its step t (\theta_{t+1}, w^{(k+1)}); a
        # transpose, an inverse or a power on the left (A^\top = A) is a statement about it
        stepped = re.fullmatch(r"(_\(?[^'^]*\)?|\^\(.*\)|_[^^]*\^\(.*\))?", scripts) is not None
        if in_rhs and not args and stepped and (scripts or head_of(rhs) is None):
            return Kind(
                "update",
                f"`{lhs}` is written in terms of `{head}` itself: an update rule or recurrence",
            )
        if re.fullmatch(r"_\(?0\)?", scripts) and not names_in(rhs) - {"e", r"\pi"}:
            return Kind("update", f"`{lhs} = {rhs}` is an initial value")
        primed = "'" in scripts or r"\prime" in scripts
        # \sigma(z) is the sigmoid; \sigma(\mathbf{z})_i, an entry of a vector-valued \sigma the
        # note introduces (a softmax), is the note's own
        builtin = head in _BUILTIN_APPLIED and bool(args) and not scripts.startswith("_")
        if not primed and not builtin and not in_rhs:
            if connective == "where" or _DEFINE_CUE.search(tail) or _named_just_before(tail, head):
                return Kind("definition", f"`{lhs}` is introduced here (the text says so)")
            if re.fullmatch(r"\^\{?\s*(\*|\\star|\\ast)\s*\}?", scripts):
                # m^\star = \frac{1}{n}\sum_i x_i after "its minimiser is": the optimum's value,
                # a name of its own whatever m was; never sampled as a free scalar
                return Kind("definition", f"`{lhs}` (an optimum) is named here", guess=True)
            if head not in seen:
                return Kind(
                    "definition",
                    f"`{head}` appears here for the first time, so this defines it",
                    guess=True,
                )
            if head in waiting:
                return Kind(
                    "definition",
                    f"`{head}` was only used before (on the right of a definition or update "
                    f"rule), never given a value, so this defines it",
                    guess=True,
                )
    return None


def _solve_cue_beyond_objective(tail: str) -> bool:
    """Whether the prose before a display asks to solve or satisfy it, by a word other than the
    naming of an objective (maximize, minimize)."""
    return any(not _OBJECTIVE_CUE.fullmatch(m.group(0)) for m in _SOLVE_CUE.finditer(tail))


def _stated_or_solved(lhs, rhs, seen, tail, connective, after_equation, single) -> Kind:
    """The first link of a chain that is no definition: stated about new names, a moment
    stated, an equation to solve, or a claim."""
    name = head_of(lhs)
    fresh = names_in(rhs) - seen - {"e", "d", r"\pi", "i", r"\mathrmd"}
    if name is not None and name[0] in seen and not name[2] and fresh and seen:
        # A = T \Lambda T^{-1} with T and \Lambda never written before: a decomposition the text
        # states about new names, not a step that follows
        return Kind(
            "assumption",
            f"`{rhs}` brings in {', '.join(f'`{x}`' for x in sorted(fresh))}, written here for the "
            f"first time: stated about them, not derived",
            guess=True,
        )
    moment = _MOMENT.match(lhs)
    if moment and names_in(moment.group("inner")) - seen == names_in(moment.group("inner")):
        if not re.search(r"\\mathbb\{E\}|\\operatorname\{Var\}|E\[", rhs):
            return Kind(
                "assumption",
                f"`{lhs}` is a moment of a variable nothing before defines: stated, not derived",
                guess=True,
            )
    zero = rhs.strip() == "0" or lhs.strip() == "0"
    if single and _solve_cue_beyond_objective(tail) and not zero:
        # "we try to satisfy", "setting the gradient to zero gives": a condition or its solution
        return Kind("equation", "an equation to satisfy or solve (the text says so)")
    if zero or after_equation:
        other = lhs if rhs.strip() == "0" else rhs
        if _SOLVE_CUE.search(tail):
            return Kind("equation", "an equation to solve (the text says so)")
        if after_equation or connective in ("implies", "iff"):
            return Kind("equation", "a step of solving the equation before it", guess=True)
        if zero and _DERIVATIVE.search(other) and not _AVERAGE.match(other):
            return Kind(
                "equation",
                "a derivative set to 0: a first-order condition, to solve",
                guess=True,
            )
    return Kind("claim", "")


_INLINE = re.compile(r"(?<![\\$])\$(?!\$)([^$]+?)(?<!\\)\$(?!\$)|\\\((.+?)\\\)", re.DOTALL)


def _after_inline_math(text: str) -> str:
    """The words of ``text`` after its last inline math (all of it when there is none)."""
    ends = [m.end() for m in _INLINE.finditer(text)]
    return text[ends[-1] :] if ends else text
