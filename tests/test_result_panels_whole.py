"""The panels under the canvas show all they say when opened (trial 60 #3: a
teacher projecting the lesson found the comparison's "reverse mode 1 6" row
half hidden and its last column a sideways scroll away, the Hessian's words
cut in a narrow scrolling column beside a table using a quarter of its
room, What If…'s paragraph cut and 1½ of its 5 rows shown, while the graph
above left half the canvas empty). Opened from the menus as she did, in a
projector's 1280×800 window and at 1600×1000, with and without
Presentation Mode (Ctrl+Shift+P); the graph above stays whole, its cards
whole (value and gradient, not their compact form)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QScrollArea, QTableWidget, QWidget
from test_division_by_zero_typed import lecture_a
from test_presentation_mode import settle, toggle_presentation
from window_helpers import answers, menu_action, open_file_at, tmp_settings, window  # noqa: F401

from gui.canvas.cards.card_text import FULL_ZOOM

SIZES = [(1600, 1000), (1280, 800)]


def _open(qtbot, w, tmp_path, size, presenting: bool, menu: str, action: str) -> None:
    open_file_at(qtbot, w, lecture_a(tmp_path), size)
    settle()
    if presenting:
        toggle_presentation(qtbot, w)
    assert w.presentation.on == presenting
    act = menu_action(w.menus[menu], action) if menu != "whatif" else w.learning.action_whatif["assign"]
    act.trigger()
    for _ in range(4):  # (the panel grows for its words and rows once laid out)
        settle()


def _words(panel: QWidget) -> QScrollArea:
    (area,) = [a for a in panel.findChildren(QScrollArea) if a.isVisible()]
    return area


def _table_whole(t: QTableWidget) -> None:
    rows = sum(t.rowHeight(i) for i in range(t.rowCount()))
    assert t.rowCount() and rows <= t.viewport().height(), (rows, t.viewport().height())
    assert t.verticalScrollBar().maximum() == 0 and t.horizontalScrollBar().maximum() == 0


def _graph_whole(w) -> None:
    assert w.view.shows_whole() and w.view.zoom >= FULL_ZOOM - 1e-9, w.view.zoom  # (to the float)


@pytest.mark.parametrize("presenting", [False, True])
@pytest.mark.parametrize("size", SIZES)
def test_forward_vs_reverse_shows_its_summary_and_every_row(qtbot, window, tmp_path, size, presenting):
    w = window
    _open(qtbot, w, tmp_path, size, presenting, "backward", "compare_modes")
    p = w.backward.forward.panel
    assert "reverse mode (backprop)" in p.summary.text()
    assert _words(p).verticalScrollBar().maximum() == 0  # the summary whole: its table, its verdict
    _table_whole(p.table)  # both leaves' rows, the last column too, no sideways scroll
    _graph_whole(w)


@pytest.mark.parametrize("presenting", [False, True])
@pytest.mark.parametrize("size", SIZES)
def test_the_hessian_shows_its_words_whole_beside_a_table_as_wide_as_its_columns(
    qtbot, window, tmp_path, size, presenting
):
    w = window
    _open(qtbot, w, tmp_path, size, presenting, "backward", "hessian")
    p = w.backward.forward.hessian_panel
    assert "Symmetric" in p.summary.text()
    words = _words(p)
    assert words.verticalScrollBar().maximum() == 0
    _table_whole(p.table)
    t = p.table
    columns = t.horizontalHeader().length() + t.verticalHeader().width() + 2 * t.frameWidth()
    assert t.width() <= columns + 2  # (it took 5/7 of the panel for its 2 × 3 numbers)
    assert words.width() > 2 * t.width()  # the words have the room: a few long lines
    _graph_whole(w)


@pytest.mark.parametrize("presenting", [False, True])
@pytest.mark.parametrize("size", SIZES)
def test_what_if_shows_every_row_and_what_the_mistake_does_here(qtbot, window, tmp_path, size, presenting):
    w = window
    _open(qtbot, w, tmp_path, size, presenting, "whatif", "")
    p = w.learning.whatif
    assert p.table.rowCount() == 5
    _table_whole(p.table)  # the five rows, correct beside buggy
    words = _words(p)
    seen = words.viewport().rect()
    summary = p.summary.geometry().translated(0, -words.verticalScrollBar().value())
    assert seen.contains(summary), (summary, seen)  # "On this graph … 2 of 5 gradients come out wrong"
    if size == (1280, 800) and presenting:
        # the graph whole, with whole cards, leaves the panel too little room for the general
        # explanation at 1.5×: its end scrolls (a scroll bar says so), never the rows or the summary
        assert words.verticalScrollBar().isVisible()
    else:
        assert words.verticalScrollBar().maximum() == 0  # the explanation whole too
    _graph_whole(w)


def test_presentation_mode_turned_on_with_the_comparison_open_keeps_it_whole(qtbot, window, tmp_path):
    """Its text 1.5× larger: the panel grows again for it (the words and rows as when opened in the mode)."""
    w = window
    _open(qtbot, w, tmp_path, (1280, 800), False, "backward", "compare_modes")
    p = w.backward.forward.panel
    toggle_presentation(qtbot, w)
    for _ in range(4):
        settle()
    assert _words(p).verticalScrollBar().maximum() == 0
    _table_whole(p.table)
    _graph_whole(w)
