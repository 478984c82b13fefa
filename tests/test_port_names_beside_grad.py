"""During a pass, a − or ÷ card's port names stay readable beside its
gradient (trial 48 #4: after the f(x) bar's `L=(a-b)**2/c+a.relu()`, Ctrl+B,
End, the "a-b" and "(a-b)**2/c" cards read "in:" and "in", the subscripts
clipped and the "grad 4.0000" pill over in₂, so numerator and denominator
could not be told apart). The port names are drawn whole, in a column of
their own width, and the value and the gradient's pill right of it: neither
covers the other, at every zoom a full card is drawn at."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QApplication
from test_formula_bar_canvas_names import formula_with_table, typing
from window_helpers import answers, run_to_end, tmp_settings, trigger, window  # noqa: F401

from gui.canvas.cards.card_text import MIN_PX, is_compact, metrics, needed_px
from gui.canvas.painting import CARD_RECT

CTRL = Qt.KeyboardModifier.ControlModifier


def build_trials_graph(qtbot, w) -> dict[str, str]:
    """File › New, the trial's formula typed in the f(x) bar, 3, −1, 2 typed in the values table."""
    w.resize(1600, 1000)
    qtbot.waitExposed(w)
    trigger(w, "new")
    formula_with_table(qtbot, w, "L=(a-b)**2/c+a.relu()", typing(qtbot, "3", "-1", "2"))
    ids = {w.model.label(n): n for n in w.model.nodes()}
    assert w.model.value(ids["L"]) == 11.0, ids
    return ids


def painted(t) -> QRectF:
    """Where a text's ink is: its background, else its text's width centred or left in its rect."""
    if t.box is not None:
        return t.box
    width = metrics(t.px, t.bold).horizontalAdvance(t.text)
    r = t.rect
    left = r.left() if t.kind == "port" else r.center().x() - width / 2
    h = metrics(t.px, t.bold).ascent() * 0.75  # (a line's letters, not its leading)
    return QRectF(left, r.center().y() - h / 2, width, h)


def check_ports(card, zoom: float) -> None:
    texts = card.texts_at(zoom)
    ports = [t for t in texts if t.kind == "port"]
    assert [t.text for t in ports] == ["in₁", "in₂"], (card.label, zoom, texts)
    grad = [t for t in texts if t.kind == "grad"]
    assert grad and grad[0].text.startswith("grad "), (card.label, zoom, texts)
    for p in ports:
        assert p.screen_px(zoom) >= MIN_PX - 1e-6, p
        assert metrics(p.px).horizontalAdvance(p.text) <= p.rect.width(), p  # drawn whole, not clipped
        for t in texts:
            if t.kind in ("value", "grad"):
                assert not painted(t).intersects(painted(p)), (card.label, zoom, p, t)
    for t in texts:
        if t.kind in ("value", "grad", "port"):
            assert CARD_RECT.contains(painted(t)), (card.label, zoom, t)


def test_port_names_of_minus_and_divide_stay_clear_of_the_gradient_at_every_full_zoom(qtbot, window):
    w = window
    ids = build_trials_graph(qtbot, w)
    run_to_end(qtbot, w)
    cards = [w.scene.node_item(ids[name]) for name in ("a-b", "(a-b)**2/c")]
    assert [c.op for c in cards] == ["sub", "div"]
    zooms = [w.view.transform().m11()]  # where the pass left the view (the trial's 79 %)
    qtbot.keyClick(w.view, Qt.Key.Key_0, CTRL)
    qtbot.keyClick(w.view, Qt.Key.Key_Equal, CTRL)
    zooms.append(w.view.transform().m11())  # 125 %
    qtbot.keyClick(w.view, Qt.Key.Key_0, CTRL)
    for _ in range(3):
        zooms.append(w.view.transform().m11())  # 100 %, 80 %, 64 %
        qtbot.keyClick(w.view, Qt.Key.Key_Minus, CTRL)
    QApplication.processEvents()
    full = [z for z in zooms if not is_compact(needed_px(z))]
    assert len(full) >= 4 and min(full) < 0.85, zooms  # down to the tightest full card (80 %)
    for z in full:
        for card in cards:
            check_ports(card, z)
