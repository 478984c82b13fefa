"""Numbers shown whole, in the digits they need (trial 52, #1, #8 and #13).

On the vanishing-gradient example (File › Examples, View › Gradient Flow,
Ctrl+B, End) Presentation Mode's folded cards read "∇0…11" for 0.00011: the
digits cut out of the middle of a number, which then reads as 0.11; the
Gradient Flow panel's "1.05e−6" was cut to "1.05e−". At 100 % small
gradients read "∇0.0001" and "∇0.0008", one digit, beside "∇9.247e−7" in
four (at 62 % "∇0.00011": zooming in showed less). And at 62 % Gradient
Flow's bar ran through the folded cards' names."""

from __future__ import annotations

import math
import random
import re

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyleOptionGraphicsItem
from test_gradient_flow import backward_to_end, open_example, turn_on
from test_presentation_mode import toggle_presentation
from window_helpers import answers, make_window, menu_action, tmp_settings, window  # noqa: F401

from core.autograd.floats import fmt_card
from core.explain.format import MINUS, number_forms, short
from gui.canvas.cards.card_text import metrics
from gui.canvas.cards.note_text import note_for_width
from gui.canvas.cards.zoom_digits import tiny_grads
from gui.canvas.folding.group_strip import STRIP

_NUMBER = re.compile(r"[−-]?\d+(?:\.\d+)?(?:e[−-]?\d+)?")


def _sig(text: str) -> int:
    """The significant digits ``text`` (one number) shows."""
    mant = text.lstrip(MINUS).split("e")[0].replace(".", "").lstrip("0")
    return len(mant)


# ------------------------------------------------------------------ the forms, on hand-chosen numbers


def test_small_gradients_keep_their_significant_digits():
    # the trial's: h4's 0.000112 and h5's 0.00076 read "0.0001", "0.0008" beside "9.247e−7"
    assert fmt_card(0.00011213) == "1.121e−4" and fmt_card(-0.00075812) == "−7.581e−4"
    assert fmt_card(9.247e-7) == "9.247e−7" and fmt_card(1e-5) == "1e−5"
    assert fmt_card(-0.0028131) == "−0.00281" and fmt_card(0.0084612) == "0.00846"  # not "0.0028"
    assert fmt_card(0.0405) == "0.0405" and fmt_card(0.5) == "0.5000" and fmt_card(0.0) == "0.0000"
    assert number_forms(0.00011213) == ("1.121e−4", "1.12e−4", "1.1e−4", "≈0")
    assert short(0.00037, 2) == "3.7e−4" and short(0.000205, 3) == "2.05e−4"  # the Gradient Flow panel's
    # a tiny gradient's last resort says its size ("9e−7") before "≈0" (x's "∇≈0" beside "∇3.2e−6")
    forms = tiny_grads(9.247e-7)
    assert forms.index("∇9e−7") < forms.index("∇≈0")


def test_zooming_out_never_shows_more_digits_than_nearer():
    rnd = random.Random(52)
    for _ in range(3000):
        v = rnd.choice((-1, 1)) * rnd.uniform(1, 9.99) * 10 ** rnd.randint(-9, 2)
        four, three, two, _cents = number_forms(v, True)  # (as gradients are written)
        assert _sig(four) >= _sig(three) >= _sig(two) >= min(2, _sig(four)), (v, four, three, two)
        if abs(v) < 0.1:  # a small one: never fewer than three digits nearest (0.0001 had one)
            assert _sig(four) >= 3 or float(four.replace(MINUS, "-")) == float(f"{v:.2g}"), (v, four)
        for text in (four, three, two):
            assert math.isclose(float(text.replace(MINUS, "-")), v, rel_tol=0.06), (v, text)


def test_a_narrowed_caption_keeps_its_numbers_whole(qapp):
    note = "layer 1 1.0512e−6 · x.grad = 2.0000 + 1.0512e−6 = 2.0000"
    for width in range(20, 400, 7):
        shown = note_for_width(note, 12, width)
        words = note.split(" ")
        assert all(t in words for t in shown.split(" ") if t != "…"), (width, shown)


# ------------------------------------------------------------------ the trial's steps


@pytest.fixture
def vanishing_at_end(qtbot, window):
    w = window
    turn_on(w)
    open_example(w, "vanishing_tanh")
    backward_to_end(qtbot, w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    return w


def _row_numbers(w, zoom: float) -> list[tuple[str, float]]:
    """Each folded card's rows at ``zoom``: (its text, each gradient it names as a port's)."""
    out = []
    for card in w.scene.folding.cards():
        grads = {p.name: p.grad for p in (*card.inputs, *card.outputs)}
        for t in card.texts_at(zoom):
            if t.kind == "row":
                out.append((t.text, grads))
    return out


def _check_rows(w, zoom: float) -> int:
    rows = _row_numbers(w, zoom)
    for text, grads in rows:
        assert "…" not in text, (zoom, text)  # never a number's middle cut out
        m = re.search(r"∇\s*(" + _NUMBER.pattern + ")", text)
        if m is None:
            continue
        shown = float(m.group(1).replace(MINUS, "-"))
        # the number is one of the card's gradients, rounded: never "0.11" for 0.00011; or, zoomed
        # out, a small one in its narrowest forms where the cards beside it write it so ("3e−6", as x's
        # "9e−7": one text a zoom, zoom_digits.py)
        assert any(
            g is not None and (math.isclose(shown, g, rel_tol=0.06) or "∇" + m.group(1) in tiny_grads(g))
            for g in grads.values()
        ), (zoom, text)
    return len(rows)


@pytest.mark.parametrize("presenting", [False, True], ids=["usual", "presentation"])
def test_the_folded_cards_rows_keep_every_number_whole(qtbot, vanishing_at_end, presenting):
    w = vanishing_at_end
    if presenting:
        toggle_presentation(qtbot, w)
        assert w.presentation.on
    zooms = (1.5, 1.2, 1.0, 0.9, 0.8, 0.75, 0.7, 0.66, 0.62, 0.55, 0.5, 0.45)
    assert all(_check_rows(w, zoom) for zoom in zooms[:6])  # (further out, a card may be compact)
    for zoom in zooms[6:]:
        _check_rows(w, zoom)
    # at 100 %, the trial's layer 5: h4's 0.000112 in its digits, as x's 9.247e−7 beside it (in
    # Presentation Mode's larger text two of them, as the tightest card beside it: zoom_digits.py)
    card = next(c for c in w.scene.folding.cards() if c.label == "layer 5")
    rows = [t.text for t in card.texts_at(1.0) if t.kind == "row"]
    assert any(("∇1.1" if presenting else "∇1.12") in r and "e−4" in r for r in rows), rows
    assert not any("∇0.0001" in r or "∇0.0008" in r for r in rows), rows


def test_in_presentation_mode_the_gradient_flow_panel_shows_every_number_whole(qtbot, vanishing_at_end):
    w = vanishing_at_end
    toggle_presentation(qtbot, w)
    bars = w.gradient_flow.panel.bars
    assert bars.rows
    fm = bars.fontMetrics()
    widest = max(fm.horizontalAdvance(bars.text_of(r)) for r in bars.rows)
    assert "1.05e−6" in [bars.text_of(r) for r in bars.rows]
    assert bars.number_w() >= widest  # (its column was 64 px, "1.05e−6" wider in the mode)


def _painted(card, zoom: float) -> QImage:
    r = card.rect()
    img = QImage(int(r.width() * zoom) + 2, int(r.height() * zoom) + 2, QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.scale(zoom, zoom)
    card.paint(p, QStyleOptionGraphicsItem(), None)
    p.end()
    return img


@pytest.mark.parametrize("zoom", [1.0, 0.8, 0.75, 0.66, 0.62])
def test_the_gradient_bar_never_runs_through_a_folded_cards_name(qtbot, vanishing_at_end, zoom):
    w = vanishing_at_end
    checked = 0
    for card in w.scene.folding.cards():
        if card.strip is None or card.strip[0] <= 0.1:
            continue
        name = next((t for t in card.texts_at(zoom) if t.kind == "name"), None)
        if name is None:
            continue
        fm = metrics(name.px, True)
        ink = fm.tightBoundingRect(name.text)  # (the letters' ink, from their baseline)
        base = name.rect.center().y() - fm.height() / 2 + fm.ascent()
        letters = QRectF(name.rect.left(), base + ink.top(), ink.width(), ink.height())
        img = _painted(card, zoom)
        bar = STRIP.rgb()
        hits = [
            (x, y)
            for y in range(int(letters.top() * zoom), int(letters.bottom() * zoom) + 1)
            for x in range(int(letters.left() * zoom), int(letters.right() * zoom))
            if 0 <= x < img.width() and 0 <= y < img.height() and img.pixelColor(x, y).rgb() == bar
        ]
        assert not hits, (zoom, card.label, hits[:5])
        checked += 1
    assert checked, zoom


@pytest.mark.parametrize("zoom", [1.0, 0.8, 0.64, 0.62])
def test_one_gradient_reads_the_same_on_neighbouring_folded_cards(qtbot, vanishing_at_end, zoom):
    # trial 52 at 64 %: layer 1's output "h1 ∇3.2e−6" beside layer 2's input "h1 ∇3.212e−6"
    w = vanishing_at_end
    shown: dict[str, set[str]] = {}
    for card in w.scene.folding.cards():
        names = {p.name for p in (*card.inputs, *card.outputs)}
        for t in card.texts_at(zoom):
            head = t.text.split(" ")[0]
            if t.kind == "row" and head in names and "∇" in t.text:
                shown.setdefault(head, set()).add(t.text.split("∇")[-1].strip())
    assert len(shown) >= 10, shown
    assert all(len(v) == 1 for v in shown.values()), {k: v for k, v in shown.items() if len(v) > 1}
