"""Numbers on zoomed-out cards and linked copies (trial 49's verification,
"new problems" 5, and trial 49's 12d): after a paste at 30 % the squares of
a loss read 0.2500 as "0.2", 0.1824 as "0.2", 0.0333 as ".03" and 0.2833 as
"0.3", where at 31 % they had read 0.25, 0.18, 0.03, 0.28; the pills of the
weight shared by two groups wrote "w ∇−.05". Now a number keeps two
significant digits, and its leading zero, at every zoom it is written at
(core.explain.format.number_forms), the same on neighbouring zooms."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.code import codeadd
from core.explain.format import MINUS, fmt_card, number_forms
from core.files import fileio
from gui.canvas.cards.card_facts import CardFacts
from gui.canvas.cards.card_text import MIN_PX, needed_px
from gui.canvas.cards.node_text import node_texts
from gui.canvas.cards.zoom_digits import tiny_grads

#: A small loss as trial 49's logistic regression: two groups share w and b (linked
#: copies), and the squares are 0.25 and 0.0333, their sum 0.2833, a difference 0.1824.
CODE = """w = Value(-0.05)
b = Value(0.1)
x1 = Value(-8.0)
x2 = Value(-11.648)
y1 = Value(1.0)
y2 = Value(0.5)
# --- p1
p1 = w*x1 + b
# --- p2
p2 = w*x2 + b
# --- loss
L = (p1 - y1)**2 + (p2 - y2)**2
"""


def _open(qtbot, w, tmp_path):
    path = tmp_path / "squares.mgraph"
    fileio.save(codeadd.import_code(CODE, {})[0], str(path))
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    assert w.open_path(str(path))
    qtbot.wait(50)  # (the view fits the graph once shown)
    QApplication.processEvents()
    w.view.setFocus()


def _values_drawn(w, zoom: float) -> dict[str, str]:
    """What each card of the loss draws as its value at ``zoom`` (its label -> text)."""
    out = {}
    for n in w.model.nodes():
        texts = w.scene.node_item(n).texts_at(zoom)
        assert texts, (w.model.label(n), zoom)  # never a blank block
        assert all(t.screen_px(zoom) >= MIN_PX - 1e-6 for t in texts)
        for t in texts:
            if t.kind == "value":
                out[w.model.label(n)] = t.text
    return out


def _honest(text: str, v: float) -> bool:
    """``text`` is one of ``v``'s forms (a hyphen for its minus sign allowed): two digits at least."""
    return text in number_forms(v) or text.replace("-", MINUS) in number_forms(v)


def test_the_squares_read_the_same_two_digits_at_30_and_31_percent(qtbot, window, tmp_path):
    w = window
    _open(qtbot, w, tmp_path)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(w.view, Qt.Key.Key_0, ctrl)  # 100 %
    for _ in range(5):  # 32.8 %, a user's Ctrl+− five times, then a touch further out
        qtbot.keyClick(w.view, Qt.Key.Key_Minus, ctrl)
    QApplication.processEvents()
    assert abs(w.view.zoom - 0.328) < 0.001
    drawn = {}
    for zoom in (0.328, 0.31, 0.30):
        w.view.set_zoom(zoom)
        QApplication.processEvents()
        assert not w.scene.far
        drawn[zoom] = _values_drawn(w, w.view.zoom)
    want = {"(p1 - y1)**2": "0.25", "p2 - y2": "0.18", "(p2 - y2)**2": "0.033", "p1 - y1": "−0.5"}
    for zoom, seen in drawn.items():
        assert {k: seen.get(k) for k in want} == want, (zoom, seen)  # not "0.2", ".03", "0.3"
        for label, text in seen.items():
            n = next(n for n in w.model.nodes() if w.model.label(n) == label)
            assert _honest(text, w.model.value(n)), (zoom, label, text)
    assert drawn[0.31] == drawn[0.30]  # neighbouring zooms, one picture of each number


@pytest.mark.parametrize(
    "value, texts", [(0.25, ["0.25"]), (0.1824, ["0.18"]), (0.0333, ["0.033", "0.03"]), (0.2833, ["0.28"])]
)
def test_a_card_too_narrow_for_its_name_writes_two_digits_from_33_to_26_percent(qapp, value, texts):
    """Every zoom of a compact card's one line, Ctrl+− five times (32.8 %) to
    six (26.2 %): two digits, or a small number to hundredths where those do
    not fit (as "0.25" beside it), never fewer digits further in."""
    facts = CardFacts(
        label="(p1 - y1)**2", value=value, value_text=fmt_card(value), symbol="x²", tag=None, arity=1,
        ports=("in",), show_port_names=True, grad=None, grad_name="grad", badge=None, note=None,
        note_rect=QRectF(), widest="(p1 - y1)**2", op="pow",
    )  # fmt: skip
    seen = []
    for need in range(needed_px(0.328), needed_px(0.262) + 1):
        (shown,) = node_texts(facts, need)
        assert shown.kind == "value" and shown.text in texts, (need, shown.text)
        seen.append(texts.index(shown.text))
    assert seen == sorted(seen) and seen[needed_px(0.30) - needed_px(0.328)] == 0, seen


def test_the_shared_weights_pills_keep_their_leading_zero(qtbot, window, tmp_path):
    w = window
    _open(qtbot, w, tmp_path)
    lk = w.scene.linked
    copies = [c for c in lk.copies() if w.model.label(c.source) == "w"]
    assert copies
    zooms = (0.8, 0.6, 0.52, 0.45, 0.4, 0.35, 0.31, 0.3)

    def numbers(carried: bool) -> list[str]:
        out = []
        for c in copies:
            v = lk.carried(c.key) if carried else w.model.value(c.source)
            for zoom in zooms:
                lines, _px = c.texts(zoom)
                for line in lines:
                    number = line.rpartition("∇" if carried else " ")[2]
                    if number and number != "w":
                        assert not number.startswith((".", "−.", "-.")), (zoom, line)
                        forms = [*number_forms(v), *number_forms(v, True), *(t[1:] for t in tiny_grads(v))]
                        forms = forms if carried else []
                        assert number in forms or not carried and _honest(number, v), (zoom, line)
                        out.append(number)
        return out

    seen = numbers(carried=False)
    assert "−0.05" in seen or "-0.05" in seen, seen  # "w −0.05", not "w −.05"
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Backward
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    assert numbers(carried=True)
