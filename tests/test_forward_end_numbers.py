"""t62 #3: the trial's MLP (imported from its code), Forward Mode from w11
(Shift+F5), End. The finished picture was fitted at 40 %, where a card has
room for one line: the cards in layer 1 read "1.3", "h1", no d/dw11, while
Backward's end at 41 % wrote a ∇ under every card. The window here is sized
so the end is fitted in that narrow band; the finished cards must write
their tangents, as Backward's write their gradients."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from snippets import TRIAL62_MLP as MLP
from test_forward_mode_gui import click_card, hand_mode
from window_helpers import answers, make_window, tmp_settings  # noqa: F401

from gui.backward.camera_moves import ENDS_ZOOM, MARGIN

#: Where the end was fitted in the trial (40.2 %): below ~40.7 % a card writes one line.
TRIAL_ZOOM = 0.403


def _forward_to_end(qtbot, answers, path, size) -> tuple:
    w = make_window(qtbot, answers)
    w.resize(*size)
    qtbot.waitExposed(w)
    assert w.open_dropped(str(path))  # (as `micrograd-studio mlp.py` opens it)
    QApplication.processEvents()
    hand_mode(w)
    click_card(w, qtbot, _id(w, "w11"))
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    assert w.backward.animator.at_end and w.scene.node_item(_id(w, "h1")).grad_name == "d/dw11"
    return w, w.view.transform().m11(), w.view.viewport().width()


def _id(w, label: str) -> str:
    return next(n for n in w.model.nodes() if w.model.label(n) == label)


def test_forward_modes_finished_cards_write_their_tangents(qtbot, answers, tmp_path):
    path = tmp_path / "mlp.py"
    path.write_text(MLP)
    w, z, width = _forward_to_end(qtbot, answers, path, (2600, 1000))  # (its end fitted whole)
    # the window made as much narrower as brings the fitted end to the trial's zoom
    # (the fit's zoom goes as the viewport's width less its margins)
    size = (round(w.width() - (width - 2 * MARGIN) * (1 - TRIAL_ZOOM / z)), 1000)
    w.undo_stack.setClean()  # (the first window closed, as the fixture closes it)
    w.close()
    w, z, _width = _forward_to_end(qtbot, answers, path, size)
    assert ENDS_ZOOM <= z < 0.42  # (the end fitted as in the trial, not refused nor kept nearer)
    shown = {}
    for n in w.model.nodes():
        it = w.scene.node_item(n)
        if it is not None and it.isVisible() and it.grad is not None:
            shown[w.model.label(n)] = [t.text for t in it.texts_at(z) if t.kind == "grad"]
    assert {"w11", "x1*w11", "h1"} <= shown.keys()
    assert all(shown.values()), shown  # every card with a tangent writes it ("h1" over "∂ 0.43")
