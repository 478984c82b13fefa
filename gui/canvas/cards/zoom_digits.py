"""How a number on the canvas is written at a zoom: one rule every card kind asks.

Each kind of card chose its digits by its own room, so side by side at one
zoom they disagreed (a review: a card's "x ∇9e−7" beside a folded card's
"h1 ∇3.21e−6" at 44 %, "∇ 9.25e−7" beside "x ∇9.247e−7" at 62 %, "ypred[1]
−1.00" beside "ypred[3] −0.99999"). Now a number's text at a zoom depends on
the number and the zoom alone (:func:`grad_forms_at`, :func:`value_forms_at`):
its longest form, from the zoom's digits on (:func:`view_level`), that the
tightest card (a ÷ card, beside its port names) shows there written as wide as
it can be (negative). Node cards, folded cards' rows and linked copies write
that text; a shorter one only where a card has less room than that card.
"""

from __future__ import annotations

import functools
import math
import re

from PySide6.QtCore import QRectF

from core.autograd.floats import NEAR_WHOLE_DECIMALS, SMALL, signed_zero, whole_but_for_noise
from core.autograd.floats import sci as sci_digits
from core.explain.format import MINUS, number_forms
from gui.canvas.cards.card_facts import CardFacts
from gui.canvas.cards.card_text import is_compact, text_scale
from gui.canvas.cards.node_layout import laid_out

#: A gradient as wide as most are in each of :func:`number_forms`' forms ("−0.1234",
#: "−0.123", "−0.12"): the model a zoom's one precision is chosen by.
MODEL_GRAD = -0.1234
#: The widest size of a small value in one digit (a power of ten in three digits, parsed
#: as a number: −8e−888 would be −0): where it fits, every small value says its size.
WIDEST_SIZE = "−8e−308"
#: The widest small value in two digits, as graphs have them (a power of ten in two digits):
#: where it does not fit, every small value is written in one digit (or none in digits).
WIDEST_SMALL = "−8.8e−88"
#: Further out than this no card writes a number (card_text's sizes top out below it).
_FARTHEST = 64
_DIGIT = re.compile(r"[1-9]")


def grad_forms_at(g: float | None, need: int | None) -> list[str]:
    """How a gradient ``g`` is written where a readable text needs ``need``
    px, then shorter forms (for a card with less room than the tightest):
    from the zoom's digits on (``view_level``; trailing zeros kept, "4.00"),
    then a small one's narrowest ("2.3e−4", "9e−7", "≈0"); the first that
    the tightest card shows negative is the zoom's text, every card's.
    ``need`` None: every form, longest first (no zoom)."""
    if g is None:
        return []
    return list(_grad_forms(g, need, text_scale()))


@functools.lru_cache(maxsize=8192)  # (a linked copy asks at each paint)
def _grad_forms(g: float, need: int | None, _scale: float) -> tuple[str, ...]:
    if not math.isfinite(g):
        return (number_forms(g)[0],)
    level = 0 if need is None else view_level(need)
    forms = _digit_forms(g, True)
    if level == 0:  # (where the zoom writes four decimals, a wider number as many as fit first)
        forms = [forms[0], *_decimals(g, forms), *forms[1:]]
    digits = list(dict.fromkeys(forms[level:]))
    tiny = [t.removeprefix("∇") for t in tiny_grads(g)]
    if abs(g) >= 1000:  # a big one's size in one digit, last ("2e3": a card too narrow for
        tiny.append(sci_one(g))  # "1.99e3" showed its value instead, read as no gradient: verify 54)
    return tuple(_from_zoom(digits, [t for t in tiny if t not in digits], need, "grad"))


def value_forms_at(v: float | None, need: int | None) -> list[str]:
    """How a value ``v`` is written where a readable text needs ``need`` px,
    then shorter forms: the lecture's four decimals (a number a hair from a
    whole one in as many more as say it is not), three digits, two, under
    0.1 to two decimal places; the first the tightest card shows negative is
    the zoom's text (``need`` None: every form, longest first)."""
    if v is None or not math.isfinite(v):
        return [number_forms(v)[0]]
    # (−0.0 and 0.0 are one key of the cache: the sign put back after, trial 69 #12)
    return [signed_zero(v, t) for t in _value_forms(v, need, text_scale())]


@functools.lru_cache(maxsize=8192)
def _value_forms(v: float, need: int | None, _scale: float) -> tuple[str, ...]:
    digits = list(dict.fromkeys(_digit_forms(v, False)))
    cents = _approx(number_forms(v)[3], v)
    # (a small one's narrowest as a gradient's, its size in powers of ten before "≈0", at a zoom
    # where every small value's size fits: "≈0" was the one form among "4.5e−75" and "0.0000" on
    # a grid at 43 %, verify 55; where not all fit in two digits, all in one; further out, all "≈0")
    narrow = [t.removeprefix("∇") for t in tiny_grads(v)] or [cents]
    if need is not None and is_compact(need):
        at = _shown_need(need, _scale, "value")
        sizes = _shows(at, _scale, "value", WIDEST_SIZE)
        if not sizes:
            narrow = [t for t in narrow if t != sci_one(v)]
        if 0 < abs(v) < SMALL and not _shows(at, _scale, "value", WIDEST_SMALL):
            digits = [sci_one(v) if sizes else cents]
            narrow = [cents] if sizes else []
    return tuple(_from_zoom(digits, [t for t in dict.fromkeys(narrow) if t not in digits], need, "value"))


def _digit_forms(v: float, pad: bool) -> list[str]:
    """``v`` in four decimals, three digits and two (``pad``: their zeros
    kept); a number a hair from a whole one ("−0.999998", six decimals) in
    four as well ("≈−1.0000", as one nearer still reads): "−0.99999" beside
    "−1.00" read as two precisions (a review). A rounding that reads as a
    whole number the number is not, "≈" before it (:func:`_approx`)."""
    four, three, two, _cents = number_forms(v, pad)
    plain = f"{v + 0.0:.4f}"
    near_whole = abs(v) >= SMALL and len(four) > len(plain) and float(plain) == round(v)
    return [_approx(t, v) for t in [four, *([plain.replace("-", MINUS)] if near_whole else []), three, two]]


def _decimals(g: float, forms: list[str]) -> list[str]:
    """``g`` (10 to 1000 in size) in three decimals, two, one: where its four do not
    fit but a gradient's of the zoom do, as many as fit ("25.000" beside "7.0000" at
    87 %, not "25.0", read as rounded: trial 75 #11); only those longer than its
    three digits."""
    if not 10 <= abs(g) < 1000:
        return []
    texts = [_approx(f"{g + 0.0:.{d}f}".replace("-", MINUS), g) for d in (3, 2, 1)]
    return [t for t in texts if len(t) > len(forms[1])]


_WHOLE = re.compile(f"[{MINUS}-]?[0-9]+\\.0+")


def _approx(text: str, v: float) -> str:
    """``text``, "≈" before it where it is a whole number in decimals ("−1.0000",
    "−1.0") that ``v``, a hair from it (whole in four decimals), is not: trial 66
    #9, tanh's −0.999998 at 83 % read "−1.0000", as exactly −1, on a slide about
    its saturation. Any other number's shorter form ("−2.0" for −2.0347) as it is:
    its four decimals say it is no whole number. Nor where ``v`` is whole but for
    float noise (t71 #8: the neuron's w1.grad, 0.9999999999999996, read "≈1.00" on
    its card while its caption, Order and the Chain Rule panel said 1, and the cards
    of 0.4999999999999998 "0.500" with no "≈"): the "≈" marks a number that is not
    whole, as tanh's saturation is, never the last bits of a float."""
    if not _WHOLE.fullmatch(text) or v == round(v) or float(f"{v:.4f}") != round(v):
        return text
    if whole_but_for_noise(v):
        return text
    return f"≈{text}"


def _near_whole(text: str) -> bool:
    """Whether ``text`` is a number a hair from a whole one in more than four decimals."""
    whole, _dot, frac = text.lstrip(MINUS + "-").partition(".")
    if len(frac) <= 4 or not (whole + frac).isdigit():
        return False
    x = float(f"{whole}.{frac}")
    return float(f"{x:.4f}") == round(x)  # (four decimals would read as a whole number)


def _from_zoom(digits: list[str], narrow: list[str], need: int | None, kind: str) -> list[str]:
    """``digits`` then ``narrow`` (last resorts: one digit, hundredths) from the first the
    tightest card shows at ``need`` on (all: None), each as if negative; a value's two
    digits as they are before its hundredths (a positive number keeps them where a negative
    one's would not fit, rather than a digit less: "0.033" at 30 %, a trial). Near, where
    cards are full size, never from a last resort (a folded card's rows at 90 % read "∇3e−6"
    for 3.212e−6): a card with no room for two digits writes its own."""
    forms = digits + narrow
    if need is None:
        return forms
    scale = text_scale()
    at = _shown_need(need, scale, kind)
    # (a gradient's zoom text keeps two digits, its last resorts only a card's with less room than
    # that: at 47 % the folded cards' "h8 ∇0.01" for 0.00846 beside "h6 ∇−3e−3", a trial)
    last = len(forms) - 1 if is_compact(need) and kind == "value" else len(digits) - 1
    first = next((i for i, t in enumerate(forms[:last]) if _shows(at, scale, kind, _measure(t))), None)
    if first is None and kind == "value" and len(digits) - 1 < last:
        two = len(digits) - 1
        first = two if _shows(at, scale, kind, _shape(digits[two], negative=False)) else None
    return forms[last if first is None else first :]


def _measure(text: str) -> str:
    """What ``text`` is measured by: its shape, and a number a hair from a whole one
    ("−0.99999", "−0.999998") by the widest of them: at one zoom all of them in their
    digits or all in four decimals ("ypred[1] −1.00" beside "ypred[3] −0.99999", a review)."""
    if _near_whole(text):
        whole = text.lstrip(MINUS + "-").partition(".")[0]
        return _shape(f"{whole}.{'9' * NEAR_WHOLE_DECIMALS}")
    return _shape(text)


def _shape(text: str, negative: bool = True) -> str:
    """``text`` as wide as it can be, negative, in as many digits: the cards' digits are one
    width, so one measure for "−0.1234" and "0.5678" (its zeros kept: they count digits; in
    powers of ten, its mantissa's too, "1.0e−57" as "8.8e−57": as "8.0e−57" its two digits read
    as one, "8e−57", and it did not fit where "4.5e−75" did; its power as it is, never 1e−888)."""
    mantissa, e, power = text.partition("e")
    text = (re.sub("[0-9]", "8", mantissa) if e else _DIGIT.sub("8", mantissa)) + e + power
    return text if not negative or text.startswith((MINUS, "-", "≈")) else MINUS + text


def view_level(need: int) -> int:
    """Which of :func:`number_forms`' forms (0: four decimals, 1: three
    digits, 2: two) a gradient of the model's width is written in where a
    text needs ``need`` px: the longest the tightest card fits (a − or ÷
    card's, beside its port names) for a negative gradient. The first of a
    gradient's forms at a zoom (:func:`grad_forms_at`), so cards, folded
    cards' rows, linked copies and Forward Mode's tangents side by side say a
    gradient in as many digits (a trial at 79 %: x**2's "grad 1.25" under
    x*y's "grad 1.2493")."""
    return _level(need, text_scale())


@functools.lru_cache(maxsize=512)
def _level(need: int, scale: float) -> int:
    # (far out, where a card shows no gradient, the linked copies' as at the last zoom a card did:
    # no card shows one further out than where one stopped)
    shown = _model_level(_shown_need(need, scale, "grad"), scale)
    return 0 if shown is None else shown


@functools.lru_cache(maxsize=512)
def _shown_need(need: int, scale: float, kind: str) -> int:
    """The nearest size to ``need`` (not larger) at which the tightest card shows a number of
    ``kind``: where none shows (far out), a linked copy or a folded card's row writes it as at
    the last zoom a card did."""
    model = _shape(number_forms(MODEL_GRAD, True)[2])
    return next((n for n in range(min(need, _FARTHEST), 0, -1) if _shows(n, scale, kind, model)), need)


@functools.lru_cache(maxsize=128)
def _model_level(need: int, _scale: float) -> int | None:
    """The form the model's gradient takes on the tightest card at ``need``, None where none shows."""
    forms = [number_forms(MODEL_GRAD)[0], *number_forms(MODEL_GRAD, True)[1:3]]
    return next((i for i, t in enumerate(forms) if _shows(need, _scale, "grad", t)), None)


@functools.lru_cache(maxsize=4096)
def _shows(need: int, _scale: float, kind: str, number: str) -> bool:
    """Whether the tightest card (÷, beside its port names) writes ``number`` as its ``kind``
    (its value before a pass, a name too long to take its one line far out) at ``need``."""
    grad = kind == "grad"
    try:  # (its value a number of its shape: the layout tells its two digits from its hundredths)
        value = None if grad else float(number.replace(MINUS, "-"))
    except ValueError:
        value = None
    facts = CardFacts(
        label="x" if grad else "x" * 40, value=value, value_text=number, symbol="÷", tag=None, arity=2,
        ports=("in₁", "in₂"), show_port_names=True, grad=MODEL_GRAD if grad else None, grad_name="grad",
        badge=None, note=None, note_rect=QRectF(), widest="x" if grad else "x" * 40,
    )  # fmt: skip
    texts = laid_out(facts, need, [number] if grad else [], [] if grad else [number], smaller=False)
    shown = [t.text.replace("∇", " ").split()[-1] for t in texts if t.kind == kind]
    return bool(shown) and shown[0] in (number, number.replace(MINUS, "-"))


def tiny_grads(g: float) -> list[str]:
    """Narrow forms of a small gradient, last resorts before none at all (a
    trial: a saturated neuron's cards, their gradients near 1e−4, showed
    their values instead, read as "backprop never reached here"): in powers
    of ten where that is narrower ("2.3e−4" for 0.00023), still in two
    digits, then in one under 0.001, or where two decimal places would say
    "≈0" ("9e−7": its size, not "≈0" beside "3.2e−6", trial 52; "−3e−3" for
    −0.00281); then to two decimal places ("0.01" for 0.0093; "≈0" last)."""
    if g == 0 or not math.isfinite(g) or abs(g) >= 0.1:
        return []
    _four, _three, two, cents = number_forms(g)
    mantissa, power = f"{g:.1e}".split("e")
    sci = f"{mantissa.rstrip('0').rstrip('.')}e{int(power)}".replace("-", MINUS)
    # (one digit too where hundredths would say "≈0": at 43 % a gradient of −0.00281
    # read "∇≈0" beside 7.58e−4's "∇8e−4", a review)
    one = [sci_one(g)] if abs(g) < SMALL or cents == "≈0" else []
    return [f"∇{t}" for t in ([sci] if len(sci) < len(two) else []) + one + [cents]]


def sci_one(g: float) -> str:
    """``g`` in one significant digit in powers of ten ("9e−7"): a tiny gradient's size."""
    return sci_digits(g, 1)
