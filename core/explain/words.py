"""Counts in words: "1 node", "2 nodes". A trial read "1 nodes" and "All 1
gradients agree" on a small graph: a count the window or a headless command
shows goes through :func:`counted`, never a bare ``f"{n} nodes"``. Plain
Python with no imports (the headless commands import it)."""

from __future__ import annotations


def counted(n: int, one: str, many: str | None = None, sep: str = "") -> str:
    """``n`` and the word for that many: ``counted(1, "leaf", "leaves")`` is
    "1 leaf"; ``many`` defaults to ``one`` + "s"; ``sep`` groups thousands
    (",": "50,000 nodes")."""
    number = f"{n:{sep}}" if sep else str(n)
    return f"{number} {one if n == 1 else (many or one + 's')}"


def the_counted(n: int, one: str, many: str | None = None) -> str:
    """A count after "the" or "other", where "1" reads wrong: ``the_counted(1,
    "leaf", "leaves")`` is "leaf" ("the leaf it depends on", "the file's other
    leaf"), ``the_counted(3, "leaf", "leaves")`` is "3 leaves"."""
    return one if n == 1 else counted(n, one, many)


def all_of(n: int, one: str, many: str | None = None) -> str:
    """The whole of a count, as a pass's end says it: "its one step", "all 5 steps"."""
    return f"its one {one}" if n == 1 else f"all {n} {many or one + 's'}"


def listed(names: list[str]) -> str:
    """Names in a sentence: "a", "a and b", "a, b and c"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def close_word(word: str, words: list[str] | tuple[str, ...], cutoff: float = 0.75) -> str | None:
    """The one of ``words`` that ``word`` most likely misspells ("tahn":
    "tanh", "Valeu": "Value"), compared without case; None where none is
    close (a typo, not any word). Quick Add's list and the formula's
    messages ask it alike."""
    import difflib

    if len(word) < 3:
        return None
    lower = {w.lower(): w for w in words}
    got = difflib.get_close_matches(word.lower(), list(lower), n=1, cutoff=cutoff)
    return lower[got[0]] if got else None
