r"""A given about a family, instantiated at the numbered members a claim names: with the given
``g_i = x_i - 1``, the claim's ``g_1`` and ``g_2`` are ``x_1 - 1`` and ``x_2 - 1``; with
``A_{ij} = a_i b_j``, ``A_{12}`` is ``a_1 b_2``; with ``w_t = w_{t-1} - g_t``, ``w_1`` is
``w_0 - g_1``.

A subscript that is not a declared index makes ``g_i`` a name of its own, and ``g_1`` another:
read apart, the given says nothing about ``g_1``, and a true claim such as ``g_1^2 + g_2 = (x_1
- 1)^2 + x_2 - 1`` would be refuted at a point where ``g_1`` is not ``x_1 - 1``. The given holds
for every value of its index, so it holds at each number the claim and the givens write: each
such instance is added as a given of its own, its members written as the numbered names the
claim uses.

What a subscript may be, on the family's side: a letter (``t``), a letter plus or minus a whole
number (``t-1``), letters written together (``ij``, one index each) or separated by commas
(``i,j``), and the same in a sample's superscript (``x^{(i)}``); on the member's side, whole
numbers in the same layout (``12`` is 1, 2 against ``ij``; ``1,2`` against ``i,j``). An index
declared as an index in the table reads as an entry of an array (``g[i]``), matched the same way.

Side conditions, and the case that breaks each:

- a given with an integral, or a name carrying a summed letter: renaming would change what is
  summed; left as it is. A sum over another letter (``y_i = \sum_{j=1}^{2} W_{ij}``) is written
  out term by term in the instance when its range is whole numbers (at most 64 terms), its
  entries then the numbered names the claim uses (``W_{11}``);
- a letter that is declared a dimension or a scalar (``x_n`` with ``n: dim``): the n-th, no family;
- members that bind only some of the given's indices (``a_1`` against ``A_{ij} = a_i b_j``): no
  instance (every index needs a number);
- a member number 0 or below that a shift gives (``w_{t-1}`` at t = 1 is ``w_0``) is kept as the
  name the claim writes, never an array entry (arrays count from 1);
- two members that give one index two numbers (``A_{12}`` against ``A_{ii}``): no instance;
- a family declared an array (``x: vector[n]`` with ``x_{t+1} = 2 x_t``): its entries are the
  members, instantiated the same way, an instance that would reach entry 0 dropped;
- a recurrence (``x_{k+1} = 2 x_k``) is written again at the members its instances name, until
  none is new or 64 instances are written; a claim's shifted member (``x_{k+2}``) gets the
  given at k + 1 once, with no descent below it;
- a claim about the general member of a sequence with a start (``x_t = 1`` with ``x_0 = 1``,
  ``x_{t+1} = x_t^2``) needs induction: ``unmatched_member`` makes its refutation unknown, as it
  does for a member no instance reached and for a primed name a given defines with several
  variables.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sympy

from .symbols import SymbolTable

#: the last script of a name: its spelling before, the script's content, and after
_SCRIPT = re.compile(r"(?P<pre>.*[_^]\{[(\[]?)(?P<sub>[^{}()\[\]]*)(?P<post>[)\]]?\}+)")
_TERM = re.compile(r"([A-Za-z])(?:([+-])([0-9]+))?")
_MAX_INSTANCES = 64


def instantiated_givens(
    claim: sympy.Basic, givens: Sequence[sympy.Basic], table: SymbolTable
) -> list[sympy.Basic]:
    """``givens`` with each family given also written at the numbered members the claim and the
    givens name; an indexed family given whose family nothing else writes with an index is
    replaced by its instances (its unsized arrays would leave nothing to sample)."""
    exprs = [e for e in (claim, *givens) if isinstance(e, sympy.Basic)]
    if not _members(exprs) and not _shifted_members(claim):
        return list(givens)
    families = [_family(g, table) if isinstance(g, sympy.Equality) else None for g in givens]
    extra: list[sympy.Basic] = []
    used: set[int] = set()
    # a recurrence (x_{k+1} = 2 x_k) reaches x_3 from x_0 through the members its own instances
    # name: written again with those, until no new member appears or the cap is reached
    for _ in range(_MAX_INSTANCES):
        members = _members([*exprs, *extra])
        # each member by its name, once for every binding below (a name, not the printer's str)
        named = {s.name: s for lst in members.values() for _, s in lst}
        found = False
        for n, (g, family) in enumerate(zip(givens, families, strict=True)):
            if family is None:
                continue
            for values in _bindings(family, members):
                instance = _at(g, family, values, named, table)
                if instance is None or instance is sympy.true:
                    continue
                used.add(n)
                if instance not in givens and instance not in extra:
                    extra.append(instance)
                    found = True
        if not found or len(extra) >= _MAX_INSTANCES:
            break
    # x_{k+2} in the claim beside x_{k+1} = 2 x_k: the given at k + 1, once (no descent)
    shifts = _shifted_members(claim)
    for g, family in zip(givens, families, strict=True):
        if family is None:
            continue
        for moved in _shift_bindings(family, shifts):
            instance = _shift_at(g, family, moved, claim, table)
            if instance not in givens and instance not in extra and instance is not sympy.true:
                extra.append(instance)
    out = []
    for n, (g, family) in enumerate(zip(givens, families, strict=True)):
        others = [e for m, e in enumerate(givens) if m != n] + [claim]
        if family is None or n not in used or not _indexed(g):
            out.append(g)
        elif any(_writes_with_index(e, family) for e in others):
            out.append(g)
    return [*out, *extra]


class _Family:
    """What a family given writes with its letters: ``names`` (Symbol -> (key, pattern)),
    ``entries`` (Indexed of unsized arrays with letter indices), its ``letters``."""

    def __init__(self) -> None:
        self.names: dict[sympy.Symbol, tuple[str, list]] = {}
        self.entries: list[sympy.Indexed] = []
        self.letters: set[str] = set()

    def keys(self) -> dict[str, list[list]]:
        out: dict[str, list[list]] = {}
        for key, pattern in self.names.values():
            out.setdefault(key, []).append(pattern)
        for e in self.entries:
            out.setdefault(_entry_key(e), []).append(_entry_pattern(e))
        return out


def _shifted(i) -> tuple[str, int] | None:
    """``t`` -> ("t", 0), ``t + 1`` -> ("t", 1), ``t - 1`` -> ("t", -1); None for anything else."""
    if isinstance(i, sympy.Symbol):
        return str(i), 0
    if isinstance(i, sympy.Add) and len(i.args) == 2:
        c, s = i.as_coeff_Add()
        if c.is_Integer and isinstance(s, sympy.Symbol):
            return str(s), int(c)
    return None


def _entry_pattern(e: sympy.Indexed) -> list:
    return [[_shifted(i)] for i in e.indices]


def _family(g: sympy.Equality, table: SymbolTable) -> _Family | None:
    """The family a given writes with free letters, or None (no letter, a bound one, or a
    subscript that is more than a letter and a shift)."""
    if g.atoms(sympy.Integral):
        return None
    bound = {str(v[0]) for e in g.atoms(sympy.Sum, sympy.Product) for v in e.limits}
    fam = _Family()
    for e in g.atoms(sympy.Indexed):
        slots = [_shifted(i) for i in e.indices]
        if all(slots):
            letters = {slot[0] for slot in slots if slot}
            if not letters & bound:
                fam.entries.append(e)
                fam.letters |= letters
    for s in g.atoms(sympy.Symbol):
        m = _SCRIPT.fullmatch(s.name)
        pattern = _letters(m.group("sub")) if m else None
        if not m or pattern is None:
            continue
        used = {letter for slot in pattern for letter, _ in slot}
        if used & bound:
            return None  # a name carrying a summed letter: renaming it would change the sum
        if any(table.resolve(x) is not None and table[x].kind != "index" for x in used):
            continue  # x_n with n a dimension: the n-th
        fam.names[s] = (_key(m), pattern)
        fam.letters |= used
    return fam if fam.letters else None


def _letters(sub: str) -> list | None:
    """``t-1`` -> [[("t", -1)]], ``ij`` -> [[("i", 0)], [("j", 0)]], ``i,j`` likewise; None for
    anything else."""
    sub = sub.replace(" ", "")
    if not sub:
        return None
    parts = (
        sub.split(",") if "," in sub else ([*sub] if re.fullmatch(r"[A-Za-z]{2,4}", sub) else [sub])
    )
    out = []
    for p in parts:
        m = _TERM.fullmatch(p)
        if m is None:
            return None
        shift = int(m.group(3) or 0) * (-1 if m.group(2) == "-" else 1)
        out.append([(m.group(1), shift)])
    return out


def _members(exprs: Sequence[sympy.Basic]) -> dict[str, list[tuple[list[int], sympy.Symbol]]]:
    """The names written with whole numbers for a subscript, by family key."""
    out: dict[str, list[tuple[list[int], sympy.Symbol]]] = {}
    for e in exprs:
        for s in e.atoms(sympy.Symbol):
            m = _SCRIPT.fullmatch(s.name)
            if m is None or isinstance(s, sympy.Dummy):
                continue
            sub = m.group("sub").replace(" ", "")
            if re.fullmatch(r"[0-9]+(?:,[0-9]+)*", sub):
                numbers = [int(x) for x in sub.split(",")]
                out.setdefault(_key(m), []).append((numbers, s))
                if m.group("pre").endswith(("^{(", "^{[")):  # y^{(1)}: also entry 1 of y
                    out.setdefault(m.group("pre")[:-3] + "_{#}", []).append((numbers, s))
                if len(numbers) == 1 and len(sub) > 1:  # 12: also 1, 2 against ij
                    out.setdefault(_key(m), []).append(([int(c) for c in sub], s))
        for x in e.atoms(sympy.Indexed):  # x_3 of a declared vector
            if x.indices and all(i.is_Integer for i in x.indices):
                out.setdefault(_entry_key(x), []).append(([int(i) for i in x.indices], x))
    return out


def _bindings(fam: _Family, members: dict) -> list[dict[str, int]]:
    """Every assignment of numbers to all the family's letters that some member names."""
    found: list[dict[str, int]] = []
    for key, patterns in fam.keys().items():
        for numbers, _ in members.get(key, []):
            for pattern in patterns:
                if len(pattern) != len(numbers):
                    continue
                values: dict[str, int] = {}
                ok = True
                for slot, k in zip(pattern, numbers, strict=True):
                    letter, shift = slot[0]
                    if values.setdefault(letter, k - shift) != k - shift:
                        ok = False
                if ok and values not in found:
                    found.append(values)
    return [v for v in found if set(v) == fam.letters]


def _at(g, fam: _Family, values: dict[str, int], named: dict, table: SymbolTable):
    """The family given at the numbers ``values``, its members written as numbered names
    (``named``: the members the claim and the givens name, by name)."""
    patterns = [p for _, p in fam.names.values()] + [_entry_pattern(e) for e in fam.entries]
    shifted = [values[slot[0][0]] + slot[0][1] for p in patterns for slot in p]
    declared = [
        values[sl[0][0]] + sl[0][1] for e in fam.entries if e.base.shape for sl in _entry_pattern(e)
    ]
    if any(k < 0 for k in shifted) or any(k < 1 for k in declared):
        return None  # w_{t-1} at t = 0, x_{t-1} of a declared vector at t = 1: no member
    swap: dict = {}
    for s, (key, pattern) in fam.names.items():
        swap[s] = _named(key, pattern, values, named, table)
    for e in fam.entries:
        if e.base.shape is None:  # an entry of a declared array stays one, its index a number
            swap[e] = _named(_entry_key(e), _entry_pattern(e), values, named, table)
    for s in g.atoms(sympy.Symbol):
        if s.name in values and s not in swap:
            swap[s] = sympy.Integer(values[s.name])
    instance = g.xreplace(swap)
    # a sum over another index, now with whole-number entries: written out term by term, each
    # entry the numbered name the claim uses (y_1 = W_{11} + W_{12})
    sums = [e for e in instance.atoms(sympy.Sum) if _short(e)]
    if sums:
        instance = instance.xreplace({e: e.doit() for e in sums})
        numbered = {}
        for e in instance.atoms(sympy.Indexed):
            if e.base.shape is None and all(i.is_Integer for i in e.indices):
                pattern = [[(f"_{k}", 0)] for k in range(len(e.indices))]
                at = {f"_{k}": int(i) for k, i in enumerate(e.indices)}
                numbered[e] = _named(_entry_key(e), pattern, at, named, table)
        instance = instance.xreplace(numbered)
    return instance


def _shifted_members(claim: sympy.Basic) -> dict[str, list[tuple[str, int]]]:
    """The claim's names with a letter and a shift for a subscript (``x_{k+2}``), by family."""
    out: dict[str, list[tuple[str, int]]] = {}
    for s in claim.atoms(sympy.Symbol) if isinstance(claim, sympy.Basic) else ():
        m = _SCRIPT.fullmatch(s.name)
        pattern = _letters(m.group("sub")) if m else None
        if m and pattern is not None and len(pattern) == 1:
            out.setdefault(_key(m), []).append(pattern[0][0])
    return out


def _shift_bindings(fam: _Family, shifts: dict) -> list[dict[str, tuple[str, int]]]:
    """For a family of one letter written by names only: each letter-and-offset a claim's
    shifted name gives its letter (x_{k+2} against x_{k+1}: k is k + 1)."""
    if fam.entries or len(fam.letters) != 1:
        return []
    found: list[dict[str, tuple[str, int]]] = []
    for key, pattern in fam.names.values():
        if len(pattern) != 1:
            continue
        letter, shift = pattern[0][0]
        for claimed, at in shifts.get(key, []):
            value = {letter: (claimed, at - shift)}
            if value[letter] != (letter, 0) and value not in found:
                found.append(value)
    return found


def _shift_at(g, fam: _Family, values: dict[str, tuple[str, int]], claim, table: SymbolTable):
    """The family given with its letter moved by ``values``, each name spelled as the parser
    spells it (``x_{k+2}``, ``x_{k}``, ``x_{k-1}``)."""
    ((letter, (claimed, offset)),) = values.items()
    named = {x.name: x for x in claim.free_symbols if isinstance(x, sympy.Symbol)}
    swap: dict = {}
    for name_symbol, (key, pattern) in fam.names.items():
        k = offset + pattern[0][0][1]
        sub = claimed if k == 0 else f"{claimed}{'+' if k > 0 else '-'}{abs(k)}"
        spelled = key.replace("#", sub)
        swap[name_symbol] = named.get(spelled) or table.scalar(spelled)
    base = named.get(claimed) or sympy.Symbol(claimed, integer=True)
    for x in g.atoms(sympy.Symbol):
        if x.name == letter and x not in swap:
            swap[x] = base + offset
    return g.xreplace(swap)


def _short(e: sympy.Sum) -> bool:
    """A sum whose ranges are whole numbers, at most 64 terms in all."""
    count = 1
    for _, lo, hi in e.limits:
        if not (lo.is_Integer and hi.is_Integer):
            return False
        count *= max(int(hi) - int(lo) + 1, 0)
    return count <= _MAX_INSTANCES


def _named(key: str, pattern: list, values: dict[str, int], named: dict, table: SymbolTable):
    numbers = [str(values[slot[0][0]] + slot[0][1]) for slot in pattern]
    joint = ",".join(numbers)
    spellings = [key.replace("#", joint)]
    if len(numbers) > 1 and all(len(x) == 1 for x in numbers):
        spellings.insert(0, key.replace("#", "".join(numbers)))
    if key.endswith("_{#}"):  # an entry of an undeclared array read from y^{(i)} or a^{[l]}
        spellings += [key[:-4] + f"^{{({joint})}}", key[:-4] + f"^{{[{joint}]}}"]
    for name in spellings:
        if name in named:
            return named[name]
    return table.scalar(spellings[0])


def _indexed(g: sympy.Basic) -> bool:
    return bool(g.atoms(sympy.Indexed))


def _writes_with_index(e: sympy.Basic, fam: _Family) -> bool:
    """Whether ``e`` writes one of the family's arrays with a letter index."""
    keys = {_entry_key(x) for x in fam.entries}
    return any(
        _entry_key(x) in keys and not all(i.is_Integer for i in x.indices)
        for x in e.atoms(sympy.Indexed)
    )


def _key(m: re.Match) -> str:
    """A family's spelling with ``#`` where its subscript goes."""
    return f"{m.group('pre')}#{m.group('post')}"


def _entry_key(e: sympy.Indexed) -> str:
    return f"{e.base.label}_{{#}}"


def unmatched_member(
    claim: sympy.Basic, givens: Sequence[sympy.Basic], table: SymbolTable
) -> str | None:
    """A numbered member the claim names of a family some given writes with a letter, where no
    given speaks of that member itself (no instance could be written): a refutation would rest
    on the member taken as unrelated to the family, so it is no refutation. None otherwise."""
    defined = {
        g.lhs.name
        for g in givens
        if isinstance(g, sympy.Equality) and isinstance(g.lhs, sympy.Symbol)
    }
    for s in claim.free_symbols if isinstance(claim, sympy.Basic) else ():
        name = getattr(s, "name", "")
        if name.endswith("'") and name.rstrip("'") in defined and name not in defined:
            return (
                f"refuted only with `{name}` taken free: a given defines `{name.rstrip(chr(39))}`, "
                f"and its prime is a derivative by a variable the definition does not settle "
                f"(it has several); write the derivative with its variable, `\\frac{{d}}{{dx}}`"
            )
    if isinstance(claim, sympy.Basic) and (recurrence := _recurrence_of(claim, givens, table)):
        return (
            f"refuted only with `{recurrence}` taken free: the givens define the sequence by a "
            f"recurrence, so a claim about its general member is a statement for every index "
            f"(proved by induction, which derivax does not do); check it at members (`{recurrence}` "
            f"at 1, 2, 3) instead"
        )
    members = _members([claim]) if isinstance(claim, sympy.Basic) else {}
    if not members:
        return None
    concrete = set().union(
        *(g.free_symbols for g in givens if isinstance(g, sympy.Basic) and not _lettered(g, table))
    )
    for g in givens:
        if not isinstance(g, sympy.Basic) or not _lettered(g, table):
            continue
        keys = _lettered(g, table)
        for key, found in members.items():
            for _, s in found:
                if key in keys and s not in concrete:
                    family = key.replace("#", "\\dots")
                    return (
                        f"refuted only with `{s}` unrelated to `{family}`, which a given writes "
                        f"for every index: derivax could not write that given at `{s}` (a "
                        f"subscript or a form it does not instantiate); give it for this "
                        f"member (`{s} = ...`) to decide"
                    )
    return None


def _recurrence_of(claim, givens, table: SymbolTable) -> sympy.Symbol | None:
    """A name of the claim (``x_t``) whose family a given writes with shifted subscripts
    (``x_{t+1} = x_t^2``), a recurrence, and another gives a start (``x_0 = 1``); None otherwise."""
    written = {}
    for s in claim.atoms(sympy.Symbol):
        m = _SCRIPT.fullmatch(s.name)
        pattern = _letters(m.group("sub")) if m else None
        if m and pattern is not None and all(slot[0][1] == 0 for slot in pattern):
            written[_key(m)] = s
    # only a sequence with a start given (x_0 = 1) has its general member fixed; without one
    # x_t is free and a refutation with it stands
    started = {
        k
        for g in givens
        if isinstance(g, sympy.Equality)
        for k in _members([g.lhs])
        if k in written
    }
    written = {k: v for k, v in written.items() if k in started}
    if not written:
        return None
    for g in givens:
        family = _family(g, table) if isinstance(g, sympy.Equality) else None
        if family is None:
            continue
        for key, pattern in family.names.values():
            if key in written and any(slot[0][1] != 0 for slot in pattern):
                return written[key]
    return None


def _lettered(g: sympy.Basic, table: SymbolTable) -> set[str]:
    """The keys of the families ``g`` writes with a letter for a subscript (bound or free)."""
    bound = {v[0] for e in g.atoms(sympy.Sum, sympy.Product) for v in e.limits}
    keys = {
        _entry_key(e)
        for e in g.atoms(sympy.Indexed)
        if not all(i.is_Integer for i in e.indices)
        # an entry of a declared array: only by an index free in an equation (x_{t+1} = 2 x_t)
        and (
            e.base.shape is None
            or (
                isinstance(g, sympy.Equality) and not any(i.free_symbols & bound for i in e.indices)
            )
        )
    }
    for s in g.atoms(sympy.Symbol):
        m = _SCRIPT.fullmatch(s.name)
        pattern = _letters(m.group("sub")) if m else None
        if m and pattern is not None:
            used = {letter for slot in pattern for letter, _ in slot}
            if not any(table.resolve(x) is not None and table[x].kind != "index" for x in used):
                keys.add(_key(m))
    return keys
