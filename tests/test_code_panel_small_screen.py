"""The Code panel on a high-DPI laptop (trial 67 #7): at QT_SCALE_FACTOR=2
on a 2400×1500 screen (a 1200×740 window), the f(x) bar's graph fitted at
64 %; clicking Code held the zoom at 40 %, where its cards write their
names, and cut x at the canvas's left edge and y at its right, though at
37 % all of it fitted and each card still wrote a name or a number. A view
as a fit left it stays a fit as a panel opens or closes: every card whole.
Driven as a user: File › New, the f(x) bar, its values table, the toolbar's
Code button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_code_panel_gui import click_code_button, laid_out_as_at_first_start
from test_formula_bar_canvas_names import formula_with_table, typing
from test_panel_keeps_graph import cards_in_view
from test_tutorial_gui import click
from test_window_height_small import SMALL_H, SMALL_W, launch
from window_helpers import answers, tmp_settings  # noqa: F401

from gui.common import style as S


def test_the_f_of_x_graph_stays_whole_as_the_code_panel_opens_and_closes(qtbot, answers):
    w = launch(qtbot)
    laid_out_as_at_first_start(w, SMALL_W, SMALL_H)  # a maximised window's first start at scale 2
    click(qtbot, w.tutorial.panel.start_button)  # the Tutorial under way beside the canvas
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # File › New
    qtbot.wait(50)
    formula_with_table(qtbot, w, "y = 3*x**2 - 4*x + 2", typing(qtbot, "3"))  # x = 3
    qtbot.wait(100)
    assert len(w.model) == 9 and w.view.is_fitted and cards_in_view(w)
    fitted, width = w.view.zoom, w.view.viewport().width()
    click_code_button(qtbot, w)
    qtbot.wait(50)
    assert w.code_panel.dock.isVisible() and w.view.viewport().width() < width - 200
    assert cards_in_view(w), f"cards cut at {w.view.zoom:.0%}"
    assert w.view.is_fitted and not w.scene.far and w.view.zoom >= w.scene.far_zoom()  # each writes a text
    assert w.view.zoom < S.LOD_TEXT  # (the case: under the zoom the cards write their names at)
    click_code_button(qtbot, w)  # closed: the fit as it was
    qtbot.wait(50)
    assert not w.code_panel.dock.isVisible()
    assert w.view.is_fitted and cards_in_view(w) and abs(w.view.zoom - fitted) < 0.02 * fitted
