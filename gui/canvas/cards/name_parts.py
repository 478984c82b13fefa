"""A name's parts as its shortening on a card reads them (card_text.py): where
its first operand ends, its top-level sum's sign, and which cuts make a new,
wrong name. Plain string logic."""

from __future__ import annotations

import re

#: A sum's or difference's sign between terms ("x1*w1 + x2*w2"; not the minus of a number).
SUM_SIGN = re.compile(r" [+−-] ")
#: Where a name built of parts ("w2.4.1·h1.1", "x1*w1", "b + w·h1.1") ends its first one.
OPERAND_END = re.compile(r"\s*[·*×/+−-]")


def formula(name: str) -> bool:
    """True for a name written as a formula ("1 + o", "(1 − o)·(1 + o)", "2*x"), not a variable's."""
    if not (name[:1].isalpha() or name[:1] == "_"):
        return True
    return any(not (c.isalnum() or c in "_.[]′″") for c in name)


def misleads(text: str, kept: int, back: int) -> bool:
    """Whether cutting ``text[kept:back]`` out reads as another name: two
    brackets of different groups as one pair ("(1 … o)" of (1 − o)·(1 + o),
    trial 58), or the end of a word as a word ("w1…ad" of w1.grad)."""
    opened = closed = 0
    for c in text[kept:back]:
        if c in "([":
            opened += 1
        elif c in ")]":
            opened, closed = (opened - 1, closed) if opened else (0, closed + 1)
    if opened and closed:
        return True
    return 0 < kept < back < len(text) and text[back - 1].isalpha() and text[back].isalpha()


def first_operand_end(text: str) -> re.Match[str] | None:
    """Where ``text``'s first operand ends, outside every bracket: "(1 − o)·" of
    (1 − o)·(1 + o), not "(1 −", a factor's inside cut off; nor "x*" of x**2*y
    (a power's ``**`` is inside its operand) or "x**-" of x**-1 (a sign)."""
    for m in OPERAND_END.finditer(text):
        if top_depth(text[: m.start()]) == 0 and joins(text, m.end() - 1):
            return m
    return None


#: What an operand ends with: a name's or number's character, or a closing bracket.
_OPERAND_TAIL = re.compile(r"[\w.′″)\]]")


def joins(text: str, i: int) -> bool:
    """Whether the operator character ``text[i]`` joins two operands: not a
    half of a power's ``**``, not a sign ("-1" of x**-1, "−b" of a - −b), not
    the exponent's sign of a number written "1e-05"."""
    c = text[i]
    if c == "*" and "*" in (text[i - 1 : i], text[i + 1 : i + 2]):
        return False
    raw = text[:i]
    before = raw.rstrip()
    if not before or not _OPERAND_TAIL.fullmatch(before[-1]):
        return False  # (at the start, or after another operator or an opening bracket: a sign)
    if c in "+-−" and len(before) == len(raw) and re.search(r"(?<![\w.])\d[\d.]*[eE]$", before):
        return False  # (1e-05: the number's exponent)
    return True


#: The operators a formula may break after, lowest precedence first (a comma before them: the
#: gradient graph's "x.grad," over "2 of 3", not "…ad, 2 of 3"; t70 #3).
_LEVELS = (",", "+-−", "·*×/")


def break_ends(text: str) -> list[int]:
    """Where a formula may break onto a second line: just after each operator
    outside every bracket of its lowest precedence ("3*x**2 -" over "4*x", not
    "3*x**" over "2 - 4*x"; "a*b +" over "c", never "a*" over "b + c", read as
    a product of a sum)."""
    ends: dict[str, list[int]] = {level: [] for level in _LEVELS}
    depth = 0
    for i, c in enumerate(text):
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif depth == 0:
            level = next((lv for lv in _LEVELS if c in lv), None)
            if level is not None and joins(text, i):
                ends[level].append(i + 1)
    return next((e for e in ends.values() if e), [])


def top_sum_sign(text: str) -> int | None:
    """Where the first sum's or difference's sign outside every bracket
    ends ("x1*w1 + x2*w2": after "+ "); None where there is none (the "+"
    of "tanh(a + b)*c" is inside the product's factor)."""
    for m in SUM_SIGN.finditer(text):
        if top_depth(text[: m.start()]) == 0:
            return m.end()
    return None


def top_depth(before: str) -> int:
    """How many brackets ``before`` leaves open (0: what follows is outside every bracket)."""
    return before.count("(") + before.count("[") - before.count(")") - before.count("]")


#: A gradient of a function's value, its name a call ("tanh(x*y + x**2).grad").
CALL_GRAD = re.compile(r"^([A-Za-z_]\w*)\((.*)\)(\.grad)$")


def call_gradient(text: str) -> bool:
    """Whether ``text`` names the gradient of a function's value, "tanh(x*y + x**2).grad"
    (its cut keeps the function: "tanh(…).grad")."""
    call = CALL_GRAD.match(text)
    return call is not None and _balanced(call.group(2))


def _balanced(inside: str) -> bool:
    """Whether ``inside`` closes every bracket it opens and none it does not
    (so "f(" … ")" around it is one call, not "f(a)*g(b")."""
    depth = 0
    for c in inside:
        depth += (c in "([") - (c in ")]")
        if depth < 0:
            return False
    return depth == 0
