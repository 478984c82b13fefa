"""Semantic zoom: the texts a card draws at a given zoom, each at a size
that stays readable on screen.

Every text a card or group item paints comes from a list of :class:`Text`
made here (the items' ``texts_at``), so what is measured is what is drawn.
A text's font grows as the view zooms out (``needed_px``: at least
``MIN_PX`` screen pixels) for as long as it fits its box; a text that no
longer fits is shortened (an elided label, a number in fewer digits) or
left out, never drawn too small to read. Zoomed out far enough, a card drops
its small parts and gives its whole face to its name and value.

The items cache their list per needed size, so a repaint at the same zoom
does no font-metric work; fonts and metrics are shared per size.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF

from gui.canvas.cards.name_parts import break_ends, first_operand_end, formula, misleads, top_sum_sign
from gui.common import style as S

#: The smallest text drawn, in screen pixels.
MIN_PX = 11.0
#: Below the zoom at which a card's texts need more than this many pixels
#: (about 79%), a card shows its name and value large instead of its parts.
FULL_MAX = 14

#: From this zoom up, cards are drawn whole, the notes under them included
#: (below it, a card gives its face to its name and value).
FULL_ZOOM = MIN_PX / FULL_MAX * (1 + 1e-9)

#: A note's font size under its card, smallest and largest (scene pixels):
#: it grows as the view zooms out, to stay ``MIN_PX`` on screen wherever a
#: card draws it (at most ``FULL_MAX``: a compact card draws no note).
NOTE_PX = (10, FULL_MAX)

_AL = Qt.AlignmentFlag
LEFT = _AL.AlignLeft | _AL.AlignVCenter
RIGHT = _AL.AlignRight | _AL.AlignVCenter
CENTER = _AL.AlignCenter


#: View › Presentation Mode's canvas text: the smallest text drawn is this
#: many times ``MIN_PX`` on screen (1: as usual). One window a process: the app's.
_scale = [1.0]


def set_text_scale(scale: float) -> None:
    """Every canvas text ``scale`` times as large on screen at the same zoom
    (the items lay their texts out again when next painted: they keep them
    per needed size); a card goes compact at the same zoom as ever (its
    limit, ``FULL_MAX``, scales with it: ``is_compact``)."""
    _scale[0] = scale


def text_scale() -> float:
    return _scale[0]


def note_largest() -> int:
    """A note's largest font size, its room's (scene pixels): ``NOTE_PX[1]``
    times the text scale, so Presentation Mode's notes grow as the cards'
    texts do (trial 60 #1: "x.grad = 0.75" at 11 px on screen beside 16 px names)."""
    return round(NOTE_PX[1] * _scale[0])


def needed_px(zoom: float) -> int:
    """The font pixel size that shows as ``MIN_PX`` on screen at ``zoom``
    (times the text scale: :func:`set_text_scale`)."""
    return max(1, math.ceil(MIN_PX * _scale[0] / max(zoom, 1e-6) - 1e-9))


def usual_px(need: int) -> int:
    """``need`` as it would be without the text scale (the usual size at the same zoom)."""
    return max(1, math.ceil(need / _scale[0] - 1e-9))


def is_compact(need: int, full_max: float = FULL_MAX) -> bool:
    """Whether a card whose texts need ``need`` px shows its name and value
    large instead of its parts: past ``full_max`` times the text scale (so
    at the zoom it would without Presentation Mode's larger text)."""
    return need > full_max * _scale[0] + 1e-9


def one_line_px(px: int, height: float) -> int:
    """``px``, or the largest size below it whose line fits ``height``: a
    compact card's text made larger (Presentation Mode, 1.5×) is written as
    large as fits, not left out (the cards were blank blocks at 20-26 %, a review)."""
    while px > 1 and line_height(px, True) > height:
        px -= 1
    return px


def coarse_px(px: int) -> int:
    """``px`` rounded up to five significant bits above 64 (at most ~6 %
    larger): far out, a zoom a hair from the last one (Fit after Expand
    All, 32,957 px then 32,965) keeps the same size, so texts laid out for
    it are kept, not laid out again for every group."""
    if px <= 64:
        return px
    step = 1 << (px.bit_length() - 5)
    return -(-px // step) * step


@functools.cache
def font(px: int, bold: bool = False) -> QFont:
    return S.font(px, bold)


@functools.cache
def metrics(px: int, bold: bool = False) -> QFontMetricsF:
    return QFontMetricsF(font(px, bold))


def line_height(px: int, bold: bool = False) -> float:
    return metrics(px, bold).height()


@dataclass(frozen=True)
class Text:
    """One text as an item paints it: what, where (item coordinates), how big."""

    kind: str  # "label", "value", "grad", "name", "row", "symbol", "tag", "port", "badge", "note"
    text: str
    rect: QRectF
    px: int
    bold: bool = False
    align: Qt.AlignmentFlag = CENTER
    box: QRectF | None = None  # a background behind it (a pill, a tag)

    def screen_px(self, zoom: float) -> float:
        """The font's size on screen at ``zoom``."""
        return self.px * zoom


def fit(
    text: str,
    px: int,
    bold: bool,
    width: float,
    elide: bool = False,
    middle: bool = False,
    tail: bool = False,
) -> str | None:
    """``text`` if it fits ``width`` at ``px``; elided when allowed (in its
    ``middle``: a name's end tells cards apart, "ypred − y [4]" from
    "… [3]"; or its start, keeping the ``tail``) and at least two
    characters stay; else None."""
    m = metrics(px, bold)
    if m.horizontalAdvance(text) <= width:
        return text
    if not elide:
        return None
    mode = (
        Qt.TextElideMode.ElideLeft
        if tail
        else Qt.TextElideMode.ElideMiddle
        if middle
        else Qt.TextElideMode.ElideRight
    )
    shown = m.elidedText(text, mode, width)
    return shown if len(shown.replace("…", "").strip()) >= 2 else None


#: A number ending a form, on its own (after a space or ∇): a name's digits
#: ("ypred[2] —", "9 values in") are not it.
_LAST_NUMBER = re.compile(r"(?:^|(?<=[\s∇]))[−-]?\d+(?:\.\d+)?(?:e[−-]?\d+)?$")


def signed(text: str) -> str:
    """``text`` as wide as with its number (the one ending it: "ypred[2]
    ∇3.11") negative; a form with none (a name with digits) as it is."""
    found = _LAST_NUMBER.search(text)
    if found is None or found.group().startswith(("−", "-")):
        return text
    at = found.start()
    return text[:at] + "−" + text[at:]


def first_signed_fit(candidates: list[str], px: int, bold: bool, width: float) -> str | None:
    """The first of ``candidates`` that would fit with its number negative:
    cards of one width take one form whatever their signs (a trial:
    "∇ 0.4545" beside "∇ −0.344")."""
    for c in candidates:
        if fit(signed(c), px, bold, width) is not None:
            return c
    return None


def first_fit(
    candidates: list[str], px: int, bold: bool, width: float, elide_last: bool = False
) -> str | None:
    """The first of ``candidates`` that fits (the last may be elided)."""
    for i, c in enumerate(candidates):
        shown = fit(c, px, bold, width, elide=elide_last and i == len(candidates) - 1)
        if shown is not None:
            return shown
    return None


#: A name that ends in an index: "layer 3 [4]", "neuron 1.2" ("exp(2·n)", "x2*w2" do not);
#: what matches is what an elided name keeps to still tell which: a data point's "4]".
_INDEX_END = re.compile(r"\d+\]$|\b\d+(?:\.\d+)*\)?$")


#: An index in a name, kept whole or left out whole: "2.4.1" of w2.4.1, "1" of x1.
_INDEX = re.compile(r"\d+(?:\.\d+)*")
_DIGIT = re.compile(r"\d")
#: A name's last part when it is an index alone: the "[1]" of w1.3.2·x2[1].
_LAST_INDEX = re.compile(r"\s*\[[\w.,]+\]$")
#: A name that ends in a note in round brackets after its head: Import Code's group of a
#: statement, "d″ (line 10)", whose head, the name it assigns, is what tells it apart.
_NOTE = re.compile(r"(?<=\S) \([^()]*\)$")


#: What makes a cut sum read as a product ("x1*…*w2").
_PRODUCT_SIGNS = "*·×/"
#: A gradient of a function's value, its name a call ("tanh(x*y + x**2).grad").
_CALL_GRAD = re.compile(r"^([A-Za-z_]\w*)\((.*)\)(\.grad)$")


def call_gradient(text: str) -> bool:
    """Whether ``text`` names the gradient of a function's value, "tanh(x*y + x**2).grad"
    (its cut keeps the function: "tanh(…).grad")."""
    call = _CALL_GRAD.match(text)
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


def cut_name(text: str, px: int, bold: bool, width: float) -> str | None:
    """``text`` to ``width`` with no index cut through: elided in its middle
    where the cut falls outside every index ("ypre… [1]", "x1*w…2*w2"), or
    its first part whole where that holds one ("w2.4.1·…": a product said
    by its weight), whichever keeps more digits; else None. A cut through
    an index misled: "w2.…1.1" for the product w2.4.1·h1.1 read as a
    weight, the same on all four neurons' cards."""
    shown = fit(text, px, bold, width, elide=True, middle=True)
    if shown is None or shown == text:
        return shown
    call = _CALL_GRAD.match(text)
    if call is not None and call_gradient(text):
        # the function and ".grad", its argument cut: "tanh(…).grad" (trial 68 #6: "…x**2).grad"
        # read as (x*y + x**2).grad, the card beside it)
        head = first_fit([f"{call.group(1)}(…){call.group(3)}"], px, bold, width)
        if head is not None:
            return head
    note = _NOTE.search(text)
    if note is not None:
        return head_kept(text, note.start(), px, bold, width)
    cuts = _cut_at(text, shown)
    if any(a < c < b for m in _INDEX.finditer(text) for a, b in [m.span()] for c in cuts) or misleads(
        text, *cuts
    ):
        shown = None
    sign = top_sum_sign(text)
    if (
        sign is not None
        and not _LAST_INDEX.search(text)
        and (shown is None or top_sum_sign(text[: cuts[0]] + text[cuts[1] :]) is None)
    ):
        # a sum cut to its products' ends read as a product ("x1*…*w2" of x1*w1 + x2*w2): its first
        # term and sign (a name ending in a data point's index keeps it: "ypr…[4]", told apart), or
        # the term alone where it is a formula itself ("x1*w1…"; "b…" of b + w·h1.1 read as b)
        first = text[:sign].rstrip()
        term = first[:-1].rstrip()
        heads = [f"{text[:sign]}…", f"{first}…", *([f"{term}…"] if formula(term) else [])]
        head = first_fit(heads, px, bold, width)
        if head is not None:
            return head
        if shown is not None and any(c in shown for c in _PRODUCT_SIGNS):
            return None  # (no name rather than a product's: its numbers say what it is)
    end = first_operand_end(text)
    if end is not None and end.start() and _DIGIT.search(text[: end.start()]):
        heads = [f"{text[: end.end()]}…", f"{text[: end.start()]}…"]
        index = _LAST_INDEX.search(text, end.end())
        if index is not None:  # all but its data point, which its frame says: "w1.3.2·x2…" of w1.3.2·x2[1]
            heads.insert(0, f"{text[: index.start()]}…")
        head = first_fit(heads, px, bold, width)
        if head is not None and (shown is None or len(_DIGIT.findall(head)) > len(_DIGIT.findall(shown))):
            return head
    if shown is not None and shown != text:
        # its end, where the middle cut took every index that tells it apart: "…+b - y1)**2" and
        # "…+b - y2)**2", where both squares read "(w*x…)**2" (trial 49)
        end_kept = fit(text, px, bold, width, elide=True, tail=True)
        if (
            end_kept is not None
            and not _through_index(text, len(text) - len(end_kept) + 1)
            and len(_DIGIT.findall(end_kept)) > len(_DIGIT.findall(shown))
        ):
            return end_kept
    if shown is None and not formula(text):  # a plain name cut at its end where that loses no index:
        start = fit(text, px, bold, width, elide=True)  # "w1.gr…" of w1.grad (its middle cut: "w1…ad")
        if start is not None and not _DIGIT.search(text[len(start) - 1 :]):
            return start
    return shown


def head_kept(text: str, head: int, px: int, bold: bool, width: float) -> str | None:
    """``text``, a name whose first ``head`` characters tell it apart and a note
    follows ("d″ (line 10)"), cut to ``width`` with its head whole: in its middle
    where that keeps the note's last number whole and its brackets paired ("d″ (… 10)"), else at its end
    keeping two letters of the note ("d″ (li…"), else its head alone ("d″", or
    its start: "lossf…"). Cut at its start it read "…(line 10)", which says
    which line but not which name (verify 54)."""
    name = text[:head]
    mid = fit(text, px, bold, width, elide=True, middle=True)
    kept, back = _cut_at(text, mid) if mid is not None else (0, 0)
    if mid is not None and 0 < back < len(text) and text[back - 1].isalpha() and text[back].isalpha():
        back = text.find(" ", back)  # (its end from a whole word: "d′ (… 9)", not "d′ (…e 9)")
        mid = f"{mid[: mid.index('…') + 1]}{text[back:]}" if back > 0 else None
    if mid is not None and mid.count("(") != mid.count(")"):
        mid = None  # (its bracket cut away: "d′ … 9)" read as half a note, verify 55)
    if mid is not None and kept >= head and _INDEX.search(text[back:]) and not _through_index(text, back):
        return mid
    end = fit(text, px, bold, width, elide=True)
    if end is not None and end.startswith(name) and len(end.rstrip("…")) >= head + 4:
        return end
    return fit(name, px, bold, width, elide=True)


def _through_index(text: str, cut: int) -> bool:
    """Does a cut at ``cut`` fall inside one of ``text``'s indices?"""
    return any(a < cut < b for m in _INDEX.finditer(text) for a, b in [m.span()])


def _cut_at(text: str, shown: str) -> tuple[int, int]:
    """Where ``shown`` (``text`` elided in its middle) cut ``text``: the end
    of what it kept of the start, the start of what it kept of the end (a
    name may hold a "…" of its own: "… + w·h1.2")."""
    for k, c in enumerate(shown):
        left, right = shown[:k], shown[k + 1 :]
        if c == "…" and text.startswith(left) and text.endswith(right) and k + len(right) < len(text):
            return k, len(text) - len(right)
    return 0, len(text)


def short_name(text: str, px: int, bold: bool, width: float) -> str | None:
    """``text`` shortened (``cut_name``) to ``width`` only while most of it
    stays (60 % of its characters) or its index does: "x…]" for x1[2] said
    nothing and read like every other input's; None then (the card shows
    its numbers instead)."""
    shown = cut_name(text, px, bold, width)
    if shown is None or shown == text or text.startswith(shown[:-1]):
        return shown  # (its first part whole: "w2.4.1·…")
    index = _INDEX_END.search(text)
    if index is not None and shown.endswith(index.group()) and not shown.startswith("…"):
        return shown  # "yp…4]": which data point, still told
    kept = len(shown.replace("…", ""))
    return shown if kept >= 4 or kept >= 0.6 * len(text) else None


def tail_words(text: str, px: int, bold: bool, width: float) -> str | None:
    """``text`` cut at its start at a word boundary only, to ``width``: the
    most whole last words that fit after "… " ("layer 3 [1]": "… 3 [1]");
    ``fit``'s cut by letters left "…r 3 [1]", a fragment no learner could
    read. ``text`` itself when it fits; None when not even its last word does."""
    m = metrics(px, bold)
    if m.horizontalAdvance(text) <= width:
        return text
    words = text.split(" ")
    for i in range(1, len(words)):
        rest = " ".join(words[i:])
        for shown in (f"… {rest}", f"…{rest}"):
            if m.horizontalAdvance(shown) <= width:
                return shown
    return None


def _tells(shown: str, text: str) -> bool:
    """Whether ``shown`` (``text`` cut at its start) keeps a letter or
    digit besides its index: "…r 3 [1]" tells layer 3 from layer 2, "… [1]" nothing."""
    index = _INDEX_END.search(text)
    kept = shown.replace("…", "")
    if index is not None and kept.endswith(index.group()):
        kept = kept[: -len(index.group())]
    return any(c.isalnum() for c in kept)


def wrap(text: str, px: int, bold: bool, width: float, max_lines: int) -> list[str]:
    """``text`` broken at spaces into at most ``max_lines`` lines of ``width``
    (the last elided); [] when not even a start of it fits."""
    if max_lines < 1:
        return []
    m = metrics(px, bold)
    lines: list[str] = []
    cur = ""
    words = text.split(" ")
    for i, w in enumerate(words):
        cand = f"{cur} {w}" if cur else w
        if m.horizontalAdvance(cand) <= width:
            cur = cand
            continue
        if cur and len(lines) < max_lines - 1:  # a new line
            lines.append(cur)
            cur = w
            if m.horizontalAdvance(w) <= width:
                continue
            cur = ""
        # the last line, or a word wider than a line: the rest on it, elided
        # (a name alone on its line that ends in its index keeps the index:
        # "…3 [4]", not "lay…" on every layer's card)
        rest = " ".join(words[i:])
        # (not a name whose head tells it, before a note: "d″ (line 10)" read "…(line 10)")
        note = _NOTE.search(text) if not lines else None
        tail = not lines and note is None and _INDEX_END.search(text) is not None
        whole = f"{cur} {rest}" if cur else rest
        last = tail_words(whole, px, bold, width) if tail else fit(whole, px, bold, width, elide=True)
        if note is not None and whole == text:
            last = head_kept(text, note.start(), px, bold, width)
        if last is not None and tail and not _tells(last, text):
            last = None  # "… [1]" on "layer 1 [1]" and "layer 2 [1]" alike: said nothing
        return lines + [last] if last is not None else lines
    if cur:
        lines.append(cur)
    return lines


_DIGITS = re.compile(r"\d+")


def number_and_kind(text: str, px: int, bold: bool, width: float) -> str | None:
    """``text`` on one line of ``width`` keeping its numbers and its last
    word, the words before its first number cut at a word boundary
    ("layer 1 weights": "… 1 weights", else "1 weights", "1 weig…"); None when the
    name has no number before a last word, or not even that fits. Cut at
    its end, "layer 1…" read as one more of the "layer 1 [k]" cards."""
    words = text.split(" ")
    first = next((i for i, w in enumerate(words) if _DIGITS.search(w)), None)
    if first is None or first >= len(words) - 1 or _INDEX_END.search(text):
        return None
    runs = _DIGITS.findall(text)
    start = tail_words(text, px, bold, width)
    if start is not None and start.endswith(" " + words[-1]) and _DIGITS.findall(start) == runs:
        return start
    rest = " ".join(words[first:])
    shown = fit(rest, px, bold, width, elide=True)
    if shown is None or len(shown.rstrip("…")) < len(" ".join(words[first : len(words) - 1])) + 3:
        return None  # (its number and at least two letters of the next word)
    return shown


def first_words(text: str, px: int, width: float) -> tuple[str, bool] | None:
    """``text`` on one line of ``width`` cut at its end, its first words
    kept through its first number and at least a letter after it ("layer 1
    weights": "layer 1 wei…"): ``(shown, bold)``, in bold unless the
    regular face (as large: still ``MIN_PX`` on screen) keeps more letters
    of the cut word; None where neither keeps that much, or the name ends
    in an index (``wrap`` keeps it: "… 3 [1]"). A trial at 33 %: "1 weights",
    cut at its start, lost the "layer" that says what the card is."""
    words = text.split(" ")
    first = next((i for i, w in enumerate(words) if _DIGITS.search(w)), None)
    if first is None or first >= len(words) - 1 or _INDEX_END.search(text):
        return None
    least = len(" ".join(words[: first + 1])) + 2  # its number, a space, a letter
    kept: dict[bool, tuple[str, int]] = {}
    for bold in (True, False):
        shown = fit(text, px, bold, width, elide=True)
        n = len(shown.rstrip("…").rstrip()) if shown is not None else 0
        if shown is not None and n >= least:
            kept[bold] = shown, n
    if True in kept and (False not in kept or kept[True][1] >= min(kept[False][1], least + 1)):
        return kept[True][0], True
    return (kept[False][0], False) if False in kept else None


def two_lines(text: str, px: int, bold: bool, width: float) -> list[str] | None:
    """``text``, a formula, broken after an operator outside every bracket into
    two lines that each fit ``width`` ("(1 − o)·" over "(1 + o)"), the most even
    such break; None where none fits (a cut in a bracket read as a new pair)."""
    m = metrics(px, bold)
    best: tuple[float, list[str]] | None = None
    for end in break_ends(text):
        head, rest = text[:end].rstrip(), text[end:].strip()
        if not head or not rest:
            continue
        a, b = m.horizontalAdvance(head), m.horizontalAdvance(rest)
        if max(a, b) <= width and (best is None or max(a, b) < best[0]):
            best = max(a, b), [head, rest]
    return best[1] if best is not None else None


def stack(lines: list[tuple[str, str, bool]], box: QRectF, px: int, rows: float | None = None) -> list[Text]:
    """``(kind, text, bold)`` lines centred one under another in ``box``
    (the "row" lines ``rows`` apart where given: closer than a line's height)."""
    hs = [rows if rows is not None and k == "row" else line_height(px, b) for k, _t, b in lines]
    y = box.center().y() - sum(hs) / 2
    out = []
    for (kind, text, bold), h in zip(lines, hs):
        out.append(Text(kind, text, QRectF(box.left(), y, box.width(), h), px, bold, CENTER))
        y += h
    return out
