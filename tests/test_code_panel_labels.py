"""The Code panel at 1366 wide on a graph its fit shows at about a fifth
(trial 51 #9): the canvas, narrower, refitted the 21 cards to 18 %, every
one a blank block, where at 32 % each wrote its name or number. A panel
opening keeps the zoom at which the cards still write one (the student
scrolls), for the app's fit and for the user's Fit All alike; closing it
gives the fit back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_code_panel_gui import click_code_button, laid_out_as_at_first_start
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.code.codeadd import import_code
from core.files import fileio
from gui.common import style as S

#: Four tanh neurons in a row: 17 cards the fit shows at about 22 % in a 1366-wide window.
CHAIN = "a = x1*w1 + b; c = tanh(a)*w2 + x2; d = tanh(c)*w1 + b; e = tanh(d)*w2 + x2; o = tanh(e)"
LEAVES = {"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432}


def open_chain(qtbot, w, tmp_path) -> None:
    laid_out_as_at_first_start(w, 1366, 768)
    model, _plan = import_code(CHAIN, LEAVES)
    path = tmp_path / "chain.mgraph"
    fileio.save(model, str(path))
    assert w.open_path(str(path))
    qtbot.waitUntil(lambda: w.view.is_fitted, timeout=2000)
    QApplication.processEvents()


def labelled(w) -> bool:
    """Every card writes a text: the overview's blank blocks are not drawn."""
    return not w.scene.far and w.view.zoom >= w.scene.far_zoom()


@pytest.mark.parametrize("fit_all", [False, True])
def test_the_code_panel_keeps_the_cards_labelled_and_the_student_scrolls(qtbot, window, tmp_path, fit_all):
    w = window
    open_chain(qtbot, w, tmp_path)
    if fit_all:  # the user's Fit All (F) asked for all of it: still never blank blocks
        w.view.setFocus()
        qtbot.keyClick(w.view, Qt.Key.Key_F)
        QApplication.processEvents()
    fitted = w.view.zoom
    assert S.FAR_ZOOM_FEW < fitted < S.LOD_TEXT and labelled(w)  # (the case: labelled, far out)
    click_code_button(qtbot, w)
    assert w.code_panel.dock.isVisible()
    assert labelled(w), f"{w.view.zoom:.0%}: the cards are blank blocks"
    assert w.view.zoom == pytest.approx(S.FAR_ZOOM_FEW, rel=0.01)  # as far out as they stay labelled
    assert w.view.horizontalScrollBar().maximum() > 0  # the rest a scroll away
    click_code_button(qtbot, w)  # closed: the fit as it was
    assert not w.code_panel.dock.isVisible()
    assert w.view.is_fitted and w.view.zoom == pytest.approx(fitted, rel=0.02)
