"""A folded card's rows: the texts each row may show, longest first, and
one choice of form for a whole column, so a card's numbers share one
precision (a row in four decimals beside one cut to "∇−2" read as if the
short one were exact)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QRectF

from core.explain.format import number_forms, padded, short
from core.explain.words import counted
from core.graph.groups import MAX_PORT_ROWS
from gui.canvas.cards.card_text import fit, metrics
from gui.canvas.cards.card_text import signed as as_negative
from gui.canvas.cards.zoom_digits import grad_forms_at, value_forms_at, view_level
from gui.common import style as S

#: More values than this crossing one side share one port and one summary
#: row (a layer's sixteen weights are one bundle, drawn as one wire).
MAX_ROWS = MAX_PORT_ROWS


@dataclass
class Port:
    """One row of a collapsed group's card: a value crossing its boundary."""

    node: str  # the outside source (input) or the inside node (output)
    name: str
    value: float | None
    grad: float | None = None
    #: forward mode's tangent not made yet (its step to come): "d/da —", a row
    #: like the others, not a bare value among tangents (trial 52)
    pending: bool = False


class Summed(Sequence[Port]):
    """Rows summed up in one (card_rows.Bundle), which say their gradients
    without a row made for each."""

    def grads(self) -> list[float]:
        raise NotImplementedError


#: A gradient's sign before its number (forward mode's cards pass the tangent's name: card_rows.sign).
GRAD = "∇"
#: Forward mode's short sign, where the tangent's name costs rows their names (as a node card's ∂).
TANGENT = "∂"
#: In place of a tangent its step has not made yet (as the tooltips' "—": not reached yet).
PENDING = "—"


def negative_model(ports: Sequence[Port]) -> Sequence[Port]:
    """``ports`` with every number negative (a summary's as it is): a card's rows measured so
    lay out as its like cards' whatever their signs (trial 73 #9: a minus sign put layer 7's
    output over its input, beside it on layers 1–6 of the vanishing chain)."""
    if isinstance(ports, Summed):
        return ports
    return [
        replace(
            p, value=None if p.value is None else -abs(p.value), grad=None if p.grad is None else -abs(p.grad)
        )
        for p in ports
    ]


def waiting(p: Port, ports: Sequence[Port]) -> bool:
    """Whether ``p``'s gradient is still to come where a row beside it shows one (mid-pass): its
    row then says so, "ypred[1]  ∇—", as the others say theirs (trial 64 #3: Presentation Mode's
    loss read "0.4277 / 0.5571 / 0.7185 / ∇−1.1", three values and one gradient, no names)."""
    return p.grad is None and not p.pending and any(q.grad is not None for q in ports)


def _forms(
    p: Port, sign: str = GRAD, need: int | None = None, fewer: int = 0, later: bool = False
) -> list[str]:
    """A row's text, then shorter forms for a narrow column: once a pass
    shows gradients, the name and the gradient before the value (a row of
    numbers alone did not say whose gradient it was), then fewer digits,
    then the gradient (or value) alone. Each number as every card writes it
    where a text needs ``need`` px (zoom_digits.py; None: in full), ``fewer``
    forms shorter; alone, the gradient in that form before fewer digits
    (verify 51: Presentation Mode's loss card read "∇−1.1" where "∇−1.0960"
    fitted, beside four-decimal rows). ``later``: its gradient still to come
    (:func:`waiting`), "—" in its place, each form of the kind of a gradient's."""
    values = value_forms_at(p.value, need) if p.value is not None else ["—"]
    v, v3 = values[0], _shorter(values, p.value)
    if later:
        g = f"{sign}{PENDING}"
        return [f"{p.name} {v}  {g}", f"{p.name}  {g}", f"{p.name} {g}", f"{v}  {g}", g, f"{v3}  {g}", g]
    if p.grad is None and p.pending:
        g = f"{sign}{PENDING}"
        return [f"{p.name} {v}  {g}", f"{p.name}  {g}", f"{p.name} {g}", f"{v}  {g}", f"{v3}  {g}", g]
    if p.grad is None:  # in step with a gradient's forms: the name kept as long as theirs
        return [f"{p.name} {v}", f"{p.name} {v}", f"{p.name} {v3}", v, v, v3, v3]
    at, two = _grad_texts(p.grad, need, fewer)
    g, g2 = f"{sign}{at}", f"{sign}{two}"
    return [f"{p.name} {v}  {g}", f"{p.name}  {g}", f"{p.name} {g2}", f"{v}  {g}", g, f"{v3}  {g2}", g2]


def _shorter(values: list[str], value: float | None) -> str:
    """The form after the zoom's (``values[0]``), or that one again where the zoom's is a
    rounding the shorter one only writes in fewer zeros ("−1.0" after "−1.0000" for
    −0.999997): its row keeps the zoom's digits, or its card writes it another way
    (the output over the inputs), not a shorter text that reads as the same number."""
    if len(values) < 2 or value is None:
        return values[0]
    zoom, short = (float(t.replace("−", "-")) if _NUMBER.fullmatch(t) else None for t in values[:2])
    return values[0] if zoom is not None and zoom == short and zoom != value else values[1]


def _grad_texts(g: float, need: int | None, fewer: int) -> tuple[str, str]:
    """``g`` as the zoom writes it, ``fewer`` forms shorter, and in two digits (or
    that form, where it has fewer: "9e−7"), never more than the zoom's; near, where
    the zoom's digits are four, without trailing zeros ("loss ∇1", not "∇1.0": its
    row no wider than it was, the other column's digits kept)."""
    forms = grad_forms_at(g, need)
    i = min(fewer, len(forms) - 1)
    two = number_forms(g, True)[2]
    if two not in forms[i:]:
        return forms[i], forms[i]
    near = need is None or view_level(need) == 0
    return forms[i], number_forms(g)[2] if near else two


def _steps(forms: list[str], fewer: int) -> list[str]:
    """Three steps of ``forms`` (the zoom's text first), from ``fewer`` on: a column's
    rows alike in kind whatever their numbers (the last repeated where they end)."""
    return [forms[min(i, len(forms) - 1)] for i in range(min(fewer, 2), 3)]


def compact_forms(
    p: Port,
    sign: str = GRAD,
    need: int | None = None,
    fewer: int = 0,
    alone: bool = False,
    later: bool = False,
) -> list[str]:
    """An output's line on a zoomed-out card: its gradient, else its value;
    named while the card has room (a column of "∇ 0.5461" did not say
    whose gradient each was; ``alone``, a card's one output, the card's
    name says whose: its digits kept before its name, as the cards' beside it).
    Each number as every card writes it where a text needs ``need`` px
    (zoom_digits.py: "h1 ∇3.2e−6" beside x's "∇9.247e−7" was trial 52's), ``fewer`` shorter;
    ``later``, its gradient still to come beside others' (:func:`waiting`): "h2 ∇—"."""
    # six forms a row, alike in kind (named in the zoom's digits and two steps fewer, then bare):
    # a column takes the same one of each row, so no row loses its name alone;
    # a negative's minus costs a digit, not two ("∇−1.1" beside "∇3.1141")
    if p.grad is not None or p.pending or later:
        if p.grad is None:  # (forward mode's tangent to come, or a gradient mid-pass)
            digits = [PENDING] * (3 - min(fewer, 2))
        else:
            digits = _steps(grad_forms_at(p.grad, need), fewer)
        named = [f"{p.name} {sign}{x}" for x in digits]
        if alone:  # a card's one output, under the card's name: its name before a digit
            return [named[0], f"{sign} {digits[0]}", *named[1:], *(f"{sign} {x}" for x in digits[1:])]
        return [*named, *(f"{sign} {x}" for x in digits)]
    values = _steps(value_forms_at(p.value, need), fewer) if p.value is not None else ["—"] * 3
    return [*(f"{p.name} {v}" for v in values), *values]


def row_texts(
    ports: Sequence[Port], side: int, sign: str = GRAD, need: int | None = None, fewer: int = 0
) -> list[list[str]]:
    """Each row's forms, longest first (one summary row for many ports), each
    number as the zoom writes it (``need``: zoom_digits.py), ``fewer`` forms shorter."""
    if len(ports) > MAX_ROWS:
        return [summary_forms(ports, side, sign)]
    return [_forms(p, sign, need, fewer, waiting(p, ports)) for p in ports]


def summary_forms(ports: Sequence[Port], side: int, sign: str = GRAD) -> list[str]:
    """The forms of the one row of many values: their count and, once a
    pass shows gradients on them, the range of those (a layer's sixteen
    folded weights showed no gradient at all after Backward)."""
    way = "in" if side == 0 else "out"
    count, short_count = f"{counted(len(ports), 'value')} {way}", f"{len(ports)} {way}"
    spans = grad_span(ports, sign)
    if spans is None:
        return [count, short_count]
    full, cut = spans
    # (five forms, not a row's seven: a summary is never read as a row cut short,
    # which cut the other column's numbers to two digits: a trial's "9 in … ∇−1.1")
    return [f"{count}  {full}", f"{short_count}  {full}", f"{short_count}  {cut}", count, short_count]


def grad_span(ports: Sequence[Port], sign: str = GRAD) -> tuple[str, str] | None:
    """The range of the gradients ``ports`` show, in full and in two
    digits ("∇−1.959 to 0.8532", "∇−2.0 to 0.85"); None if none shows one."""
    grads = ports.grads() if isinstance(ports, Summed) else [p.grad for p in ports if p.grad is not None]
    if not grads:
        return None
    finite = [g for g in grads if not math.isnan(g)]  # (min and max of a nan depend on where it is)
    nan = " (and nan)" if len(finite) < len(grads) else ""
    if not finite:
        return f"{sign}nan", f"{sign}nan"
    lo, hi = min(finite), max(finite)
    # (two digits each, trailing zeros kept: "−0.40 to 0.55", not "−0.4" beside "0.55")
    (lo4, _lo3, lo2, _loc), (hi4, _hi3, hi2, _hic) = number_forms(lo), number_forms(hi)
    full, cut = (lo4, hi4), (padded(lo2, 2), padded(hi2, 2))
    return (
        f"{sign}{full[0]}{nan}" if full[0] == full[1] else f"{sign}{full[0]} to {full[1]}{nan}",
        f"{sign}{cut[0]}{nan}" if cut[0] == cut[1] else f"{sign}{cut[0]} to {cut[1]}{nan}",
    )


#: The widths a gradient range's full and two-digit forms are measured by (a
#: negative low end, a positive high one, as most ranges are): a card shows a
#: form only if this fits, so cards of one size at one zoom make one choice
#: whatever their numbers (a trial at 36 %: "∇−0.4 to 0.55" on one neuron's
#: card, "4 out" on the next, whose "∇−0.52 to 0.75" was a little wider).
SPAN_MODELS = ("−0.0000 to 0.0000", "−0.00 to 0.00")


def span_forms(ports: Sequence[Port], sign: str, px: int, width: float) -> list[str]:
    """The forms of the range of the gradients ``ports`` show that a card of
    ``width`` shows at ``px`` (each where its model fits, and so does the
    text), longest first: the range in full and in two digits
    (``grad_span``), then, narrower, the largest size ("|∇| ≤ 0.75": how
    large they are, what a zoomed-out look is for; one value, that value:
    "∇0"); none without gradients."""
    span = grad_span(ports, sign)
    if span is None:
        return []
    name = f"|{sign.strip()}| ≤ "
    grads = ports.grads() if isinstance(ports, Summed) else [p.grad for p in ports if p.grad is not None]
    top = max(map(abs, grads))  # (a nan: its own range's "∇nan"; no bound)
    bound = () if math.isnan(top) else (name + padded(short(top, 2), 2),)
    if bound and min(grads) == max(grads):  # one value: said as it is ("∇0", not "|∇| ≤ 0": trial 55)
        bound = (span[1],)
    models = [sign + m for m in SPAN_MODELS] + [name + "0.00"]
    return [
        text
        for text, model in zip((*span, *bound), models)
        if fit(model, px, False, width) is not None and fit(text, px, False, width) is not None
    ]


def column(rows: list[list[str]], px: int, width: float, signed: bool = False) -> list[str | None]:
    """Each row's text in one form for the whole column: the longest form
    every row fits in (None for a row no form of which fits). ``signed``:
    a form fits only if it would with a minus sign too, so cards of one
    width make one choice whatever the signs of their numbers (a trial:
    "ypred[2] ∇3.1141" beside "ypred[1] ∇−1.14" on the next card)."""
    depth = max((len(c) for c in rows), default=0)
    for k in range(depth):
        texts = [c[min(k, len(c) - 1)] for c in rows]
        shown = [fit(as_negative(t) if signed else t, px, False, width) for t in texts]
        if None not in shown:
            return list(texts) if signed else shown
    return [next((t for t in (fit(x, px, False, width) for x in c) if t is not None), None) for c in rows]


#: Where a row's forms (``_forms``) cut its numbers short (2–3 digits),
#: and each one's form in full (the same texts, every number in full).
_SHORT, _FULL = (2, 5, 6), (0, 1, 3, 4)
_PARTNER = {2: 1, 5: 3, 6: 4}
_FORMS = len(_SHORT) + len(_FULL)
_NUMBER = re.compile(r"[−-]?\d+(?:\.\d+)?(?:e[−-]?\d+)?")


def _numbers(text: str) -> list[float]:
    return [float(t.replace("−", "-")) for t in _NUMBER.findall(text)]


def cut_short(forms: list[str], shown: str | None) -> bool:
    """Whether a row shows a number with digits cut off (a summary row has
    none; "loss ∇1" for a gradient of exactly 1 is whole)."""
    if len(forms) != _FORMS:
        return False
    if shown is None:  # elided from its shortest form
        return True
    if shown in [forms[k] for k in _FULL] or shown not in forms:
        return False
    short = _numbers(shown)
    return short != _numbers(forms[_PARTNER[forms.index(shown)]])[-len(short) :]


def zeros_dropped(forms: list[str], shown: str | None) -> bool:
    """Whether a row shows a number as its full form says it but for its trailing zeros
    ("loss ∇1" for ∇1.0000: whole, so not :func:`cut_short`, but beside "ypred[4]
    ∇−1.0959" on the loss card it read as another precision, trial 59)."""
    if len(forms) != _FORMS or shown is None or shown not in forms or forms.index(shown) not in _PARTNER:
        return False
    short = _NUMBER.findall(shown)
    return short != _NUMBER.findall(forms[_PARTNER[forms.index(shown)]])[-len(short) :]


def one_precision(
    rows: tuple[list[list[str]], list[list[str]]],
    cols: dict[int, list[str | None]],
    widths: tuple[float, float],
    px: int,
) -> tuple[dict[int, list[str | None]], tuple[float, float]]:
    """Both columns of a card in one precision, and their widths: inputs in
    two digits beside outputs in four read as if the short ones were exact
    (the trial's complaint of one column, across the card). The short
    column is widened to its full forms where both keep their names and the
    other its precision in what is left; else the other is cut short too."""
    short = [any(cut_short(f, t) for f, t in zip(rows[s], cols[s])) for s in (0, 1)]
    if short[0] == short[1]:
        return cols, widths
    s, o = (0, 1) if short[0] else (1, 0)
    named = any(_named(f, t) for f, t in zip(rows[s], cols[s]))
    keep = (0, 1) if named else _FULL  # a column that showed names keeps them
    full = [[f[k] for k in keep] if len(f) == _FORMS else f for f in rows[s]]
    fm = metrics(px)
    need = min(max(fm.horizontalAdvance(f[min(k, len(f) - 1)]) for f in full) for k in range(len(keep)))
    wide = max(need, widths[s])
    left = widths[o] - (wide - widths[s])
    if left > 0:
        mine, other = column(full, px, wide), column(rows[o], px, left)
        if (
            None not in mine
            and None not in other
            and all(
                not cut_short(f, t) and _named(f, t) >= _named(f, was)
                for f, t, was in zip(rows[o], other, cols[o])
            )
        ):
            w = {s: wide, o: left}
            return {s: mine, o: other}, (w[0], w[1])
    cut = [[f[k] for k in _SHORT] if len(f) == _FORMS else f for f in rows[o]]
    return {s: cols[s], o: column(cut, px, widths[o])}, widths


def _named(forms: list[str], shown: str | None) -> bool:
    """Whether a row shows one of its named forms (the first three)."""
    return len(forms) == _FORMS and shown in forms[:3]


def zeros_kept(forms: list[str], shown: str, px: int, width: float, least: float) -> tuple[int, str]:
    """A row showing a whole number with its zeros dropped ("loss ∇1" for ∇1.0000, where its
    row is no wider than that: Presentation Mode at 78 %) in the two significant digits every
    number keeps elsewhere ("loss ∇1.0"), a little smaller (down to ``least`` of ``px``) where
    that fits ``width``; else as it was, at ``px``."""
    if not zeros_dropped(forms, shown):
        return px, shown
    numbers = _NUMBER.findall(shown)
    at = shown.rfind(numbers[-1])
    kept = shown[:at] + padded(numbers[-1], 2) + shown[at + len(numbers[-1]) :]
    for size in range(px, max(8, int(px * least)) - 1, -1):
        if fit(kept, size, False, width) == kept:
            return size, kept
    return px, shown


def named_rows(ports: Sequence[Port], shown: list[str | None]) -> int:
    """How many rows of ``ports`` show their name in the texts ``shown``
    (none of a summary row: no row is made for each of its values)."""
    if len(ports) > MAX_ROWS:
        return 0
    return sum(1 for p, t in zip(ports, shown) if t and p.name and t.startswith(p.name))


def named_width(fm, ports: Sequence[Port], rows: list[list[str]]) -> float:
    """The width the rows of ``ports`` need to keep their names (each in
    its shortest form with its name; a summary row has none)."""
    need = 0.0
    if len(ports) > MAX_ROWS:
        return need
    for p, forms in zip(ports, rows):
        named = [f for f in forms if p.name and f.startswith(p.name)]
        if named:
            need = max(need, fm.horizontalAdvance(named[-1]))
    return need


#: A zoomed-out card's rows keep this far from its sides, clear of the port dots beside them
#: (trial 73 #7: Presentation Mode's "ypred[4] ∇−1.1" ran from the input port to the output port).
PORT_CLEAR = S.PORT_R + 6


def rows_width(box: QRectF) -> float:
    """How wide a row centred in ``box`` (8 in from the card's sides) may be, clear of the ports."""
    return box.width() - 2 * (PORT_CLEAR - 8)
