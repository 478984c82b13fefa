"""Opening or closing a side panel keeps a graph that was wholly in view
whole (gui/canvas/resize_cause.py).

A trial: clicking Code in the toolbar narrowed the canvas, and the cards
were cut at its left and right edges ("outpu…"), the zoom kept at 121 %
(52_code_view). A view the user zoomed into part of keeps its middle.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_code_panel_gui import EX, click_code_button, laid_out_as_at_first_start, same_view, view_at
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.files import fileio
from gui.canvas.cards.card_text import is_compact, needed_px
from gui.common import style as S

CTRL = Qt.KeyboardModifier.ControlModifier


def open_example(qtbot, w, name: str) -> None:
    w.document.replace(fileio.load(EX / name), str(EX / name))
    qtbot.waitUntil(lambda: w.view.is_fitted, timeout=2000)
    QApplication.processEvents()


def whole_cards(w) -> bool:
    """The cards show their parts at the view's zoom, not their compact form."""
    return not is_compact(needed_px(w.view.zoom))


def cards_in_view(w) -> bool:
    """Every card wholly inside the canvas (as the user sees it)."""
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    return all(seen.contains(it.sceneBoundingRect()) for it in w.scene.node_items())


def test_clicking_code_keeps_the_graph_just_opened_whole(qtbot, window):
    """The trial's screen (1600×1000, the panels as a first start lays them
    out): the lecture's graph, as the app fitted it on opening, stays whole
    as the Code panel opens, readable; as large again when it closes."""
    w = window
    dock = laid_out_as_at_first_start(w, 1600, 1000)
    open_example(qtbot, w, "blog_L.mgraph")
    before, width = view_at(w), w.view.viewport().width()
    assert cards_in_view(w)
    click_code_button(qtbot, w)
    assert dock.isVisible() and w.view.viewport().width() < width - 200
    assert cards_in_view(w) and whole_cards(w)  # (the lecture's graph: whole cards still)
    click_code_button(qtbot, w)
    assert not dock.isVisible() and cards_in_view(w)
    assert abs(w.view.zoom - before[0]) < 0.02 * before[0]


def test_a_wider_graph_stays_whole_as_the_panel_opens_its_cards_compact_if_need_be(qtbot, window):
    """The neuron fits beside the Code panel only at 59 %, where its cards
    are drawn compact: all of it shows (held at whole-card zoom, its leaves
    and its output were cut at the edges: a review); the fit, with whole
    cards, comes back as the panel closes."""
    w = window
    laid_out_as_at_first_start(w, 1600, 1000)
    open_example(qtbot, w, "neuron_tanh.mgraph")
    before = view_at(w)
    assert whole_cards(w)
    click_code_button(qtbot, w)
    assert cards_in_view(w) and w.view.zoom >= S.LOD_TEXT
    click_code_button(qtbot, w)
    assert cards_in_view(w) and whole_cards(w) and abs(w.view.zoom - before[0]) < 0.02 * before[0]


def test_a_graph_the_user_zoomed_out_to_whole_stays_whole(qtbot, window):
    """Not a fit: the user zoomed out until all of it showed (Ctrl+−). The
    Code panel opening keeps all of it in view; a zoomed-in part keeps its
    middle, zoom and all, as the panel opens and closes."""
    w = window
    laid_out_as_at_first_start(w, 1600, 1000)
    open_example(qtbot, w, "neuron_tanh.mgraph")
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Minus, CTRL)  # View › Zoom Out
    QApplication.processEvents()
    assert not w.view.is_fitted and cards_in_view(w)
    click_code_button(qtbot, w)
    assert cards_in_view(w) and w.view.zoom >= S.LOD_TEXT
    click_code_button(qtbot, w)
    assert cards_in_view(w)
    # zoomed in on a part: the panel leaves what the user looks at where it is
    w.view.setFocus()
    for _ in range(4):
        qtbot.keyClick(w.view, Qt.Key.Key_Plus, CTRL)  # View › Zoom In
    QApplication.processEvents()
    assert not cards_in_view(w)
    before = view_at(w)
    click_code_button(qtbot, w)
    assert same_view(view_at(w), before)
    click_code_button(qtbot, w)
    assert same_view(view_at(w), before)


def test_show_hessian_on_the_mlp_keeps_the_graph_whole(qtbot, window, tmp_path):
    """A trial: the MLP template, all of it in view as opened (52 %), then
    Backward › Show Hessian: the panel grew to show its 57 rows, and the
    canvas, refitted no smaller than the cards write their names at, cut
    x1[1] at the top and the last layer's consumers at the bottom. The table
    grows only as far as the graph above stays whole (its rows scroll)."""
    from test_cli import run
    from window_helpers import menu_action

    path = tmp_path / "mlp.mgraph"
    assert run("template", "mlp", "-o", path).returncode == 0
    w = window
    w.showNormal()
    laid_out_as_at_first_start(w, 1600, 1000)
    assert w.open_path(str(path))
    qtbot.waitUntil(lambda: w.view.is_fitted, timeout=3000)
    QApplication.processEvents()
    assert w.view.shows_whole()
    height = w.view.viewport().height()
    menu_action(w.menus["backward"], "hessian").trigger()
    panel = w.backward.forward.hessian_panel
    qtbot.waitUntil(lambda: panel.table.rowCount() == 57, timeout=5000)
    for _ in range(4):  # (the table grows for its rows a moment after it opens)
        QApplication.processEvents()
    assert w.view.viewport().height() < height - 150  # the panel took its room under the canvas
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert seen.contains(w.view.graph_rect()), (seen, w.view.graph_rect())
    assert w.view.zoom >= S.LOD_TEXT  # the cards still write their names
