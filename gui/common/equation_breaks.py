"""Where an equation may wrap: before a whole term ("= 12", "+ 3"), never
inside "3 × 2**(3 - 1)" (t72 #11e: Properties broke it after "(3"). Shared
by the Chain Rule panel (its mono font, a character count) and the
Properties panel's equations (gui/common/equation_label.py, in pixels)."""

from __future__ import annotations

#: An equation may wrap before these, never elsewhere.
BREAK_BEFORE = ("=", "+=", "+")
#: No line break here: the zero-width no-break space (U+2060, the word
#: joiner, is missing from the mono font: its fallback made lines taller).
#: Left out of what a panel's text says and of what is copied from it.
JOIN = "\ufeff"
#: A place a long name may wrap, unseen (a zero-width space).
WRAP = "\u200b"
NBSP = "\u00a0"


def runs(line: str) -> list[str]:
    """``line``'s pieces that stay whole, their own spaces no-break ones: it
    wraps only before a whole term ("= 1 × 1", "+ 3", and left of the first
    "=" a factor "× ∂b/∂a" or "· da/dx") outside parentheses, after its
    "from e:" and in a remark set off by two spaces; never inside "1 × 1" or
    in the middle of a name such as "(x1*w1 + x2*w2)". A line without " = "
    is words: each word a piece."""
    if " = " not in line:
        return line.split(" ")
    tokens = line.split(" ")
    out = [tokens[0]]
    depth = tokens[0].count("(") - tokens[0].count(")")
    remark = False  # past the two spaces: words, wrapped as words
    numbers = False  # past the first " = ": the numbers, whose "1 × 1" stays whole
    for prev, tok in zip(tokens, tokens[1:]):
        remark = remark or prev == ""
        # (left of the numbers, a factor: the MLP's long names "× ∂(…)/∂(…)"; forward mode's "· d(x1*w1)/dx1")
        term = tok in BREAK_BEFORE or (tok in ("×", "·") and not numbers)
        free = remark or (depth <= 0 and (term or prev.endswith(":")))
        out.append(" " if free else NBSP)
        out.append(tok)
        depth += tok.count("(") - tok.count(")")
        numbers = numbers or tok == "="
    return "".join(out).split(" ")


def held(run: str) -> str:
    """``run`` kept on one line also at its slashes ("∂b/∂a" whole)."""
    return run.replace("/", "/" + JOIN)


def loosened(run: str) -> str:
    """``run``, one piece wider than its panel, free to wrap after its slashes
    and a product's "·" ("∂n2.3.3[1]/" then "∂(w2.3.3·" "h1.3[1])"), rather
    than inside "x2*w22" or past the panel's edge."""
    return run.replace("/", "/" + WRAP).replace("·", "·" + WRAP)
