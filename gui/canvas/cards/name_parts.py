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
    (1 − o)·(1 + o), not "(1 −", a factor's inside cut off."""
    for m in OPERAND_END.finditer(text):
        if top_depth(text[: m.start()]) == 0:
            return m
    return None


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
