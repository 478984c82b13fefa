"""A full card's header: its operator's pill and its name beside it, each
as large as the zoom asks and the name whole where that can be (the pill
smaller first; a formula's name without the pill, since it says its op)."""

from __future__ import annotations

from gui.canvas.cards.card_facts import CardFacts
from gui.canvas.cards.card_text import call_gradient, fit, metrics, usual_px
from gui.canvas.cards.name_parts import formula
from gui.canvas.painting import W2


def pill_w(symbol: str, px: int) -> float:
    """The width of the operator's pill writing ``symbol`` at ``px``."""
    return max(22.0, metrics(px, True).horizontalAdvance(symbol) + 10)


def pill_room(f: CardFacts, size: int) -> float:
    """What the symbol's pill of ``size`` takes off the header's name (its gap included)."""
    return pill_w(f.symbol, size) - 3 + 5 if f.symbol else 0.0


def header_sizes(f: CardFacts, need: int, right: float) -> tuple[int, int]:
    """The sizes of the symbol's pill and the name in the header (whose
    text ends at ``right``): each ``need`` (at least its smallest), or, where
    the name would be cut at that size (Presentation Mode's larger text),
    the pill smaller first, then the name, down to the usual size, till the
    name fits whole (trial 60 #1: "tanh1" read "t…1" beside a 21 px "tanh"
    pill at 1280×800); cut only where even the usual sizes cut it."""
    least_s = 14 if len(f.symbol) <= 2 else 13
    spx, px = max(least_s, need), max(13, need)
    left = -W2 + 9
    if fit(f.label, px, True, right - left - pill_room(f, spx)) is not None:
        return spx, px
    usual = usual_px(need)
    for lpx in range(px, max(13, usual) - 1, -1):
        for size in range(spx, max(least_s, usual) - 1, -1):
            if fit(f.label, lpx, True, right - left - pill_room(f, size)) is not None:
                return size, lpx
    return spx, px


def name_px(f: CardFacts, need: int, px: int, width: float) -> int | None:
    """The largest size from ``px`` down to the readable ``need`` at which
    the name fits ``width`` whole in bold; None if none does."""
    return next((s for s in range(px, need - 1, -1) if fit(f.label, s, True, width) is not None), None)


def formula_header(f: CardFacts, need: int, px: int, spx: int, width: float) -> tuple[str, int, bool]:
    """The pill's symbol ("" for none), the name's size and whether it is
    bold, in a header ``width`` wide (pill and name; ``px``, ``spx``: their
    sizes by :func:`header_sizes`): a formula's name too wide beside its pill
    is written without it (the name says its op; trial 65 #5: the gradient
    graph's "exp1…exp1" beside "×"), down to the readable size, then in the
    regular face (trial 67 #7: the lecture's "x1*w1 + x2*w2" at 80–89 %); a
    function's call keeps its pill, its argument beside it ("tanh" "(x*y)")."""
    called = f.op and f.label.startswith(f.op + "(")
    if not f.symbol or not formula(f.label) or called or fit(f.label, px, True, width - pill_room(f, spx)):
        return f.symbol, px, True
    whole = name_px(f, need, max(13, need), width)
    if whole is not None:
        return "", whole, True
    if fit(f.label, max(13, need), False, width) is not None or call_gradient(f.label):
        # (a function's gradient cut anyway: "tanh(…).grad" in the regular face where
        # "…x**2).grad" fitted in bold, read as its neighbour's, (x*y + x**2).grad: trial 68 #6)
        return "", max(13, need), False
    return f.symbol, px, True
