"""The keys back to the canvas from the f(x) bar and the Code panel (trial 68
#4): Esc there gives them back, as the Find bar's Esc does, and F6 /
Shift+F6 go round the canvas, the f(x) bar and the open panels, so F fits
the view again instead of typing an "f"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QScrollArea, QTableView, QTextBrowser, QWidget
from window_helpers import answers, tmp_settings, window  # noqa: F401

from gui.common.actions import shortcut_rows

CTRL = Qt.KeyboardModifier.ControlModifier


def _focus(qtbot, widget) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=2000)


def _on_canvas(w) -> bool:
    f = QApplication.focusWidget()
    return f is w.view or (f is not None and w.view.isAncestorOf(f))


def _f_fits_the_view(qtbot, w) -> None:
    """F, pressed where the keys are now, fits the view (and types nothing)."""
    w.view.set_zoom(3.0)
    target = QApplication.focusWidget()
    qtbot.keyClick(target, Qt.Key.Key_F)
    assert w.view.zoom < 3.0, "F did not fit the view"


def test_escape_in_the_formula_bar_gives_the_keys_to_the_canvas(qtbot, window):
    w = window
    qtbot.keyClick(w.view, Qt.Key.Key_E, CTRL)  # Graph › Type a Formula
    bar = w.findChild(QLineEdit, "expression_bar")
    _focus(qtbot, bar)
    qtbot.keyClick(bar, Qt.Key.Key_Escape)
    assert _on_canvas(w)
    _f_fits_the_view(qtbot, w)
    assert bar.text() == ""


def test_escape_in_the_code_panel_gives_the_keys_to_the_canvas(qtbot, window):
    w = window
    w.code_panel.focus()
    editor = w.code_panel.editor
    _focus(qtbot, editor)
    before = editor.toPlainText()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert _on_canvas(w)
    _f_fits_the_view(qtbot, w)
    assert editor.toPlainText() == before
    assert not w.code_panel.dirty


def test_f6_goes_round_the_panes_and_back_to_the_canvas(qtbot, window):
    w = window
    w.code_panel.focus()
    _focus(qtbot, w.code_panel.editor)
    bar = w.findChild(QLineEdit, "expression_bar")
    seen = []
    for _ in range(30):  # round every pane, back to the canvas
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        seen.append(QApplication.focusWidget())
        if _on_canvas(w):
            break
    assert _on_canvas(w), "F6 never reached the canvas"
    _f_fits_the_view(qtbot, w)
    # from the canvas: the f(x) bar next, and Shift+F6 back to the canvas
    qtbot.keyClick(w.view, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is bar
    qtbot.keyClick(bar, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert _on_canvas(w)
    # and F6 from the canvas round to the Code panel's editor
    for _ in range(30):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        if QApplication.focusWidget() is w.code_panel.editor or _on_canvas(w):
            break
    assert QApplication.focusWidget() is w.code_panel.editor


def test_the_shortcuts_dialog_lists_the_pane_keys(window):
    rows = {(action, keys) for _menu, action, keys in shortcut_rows(window)}
    assert ("Next Pane", "F6") in rows
    assert ("Previous Pane", "Shift+F6") in rows


def _seen(widget) -> bool:
    """Some of ``widget`` (or of what covers it: a scroll area's viewport) is on screen."""
    return any(
        not x.visibleRegion().isEmpty() for x in [widget, *widget.findChildren(QWidget)] if x.isVisible()
    )


def _round(qtbot, w, step_mods=Qt.KeyboardModifier.NoModifier) -> list:
    """Press F6 (or Shift+F6) from the canvas till the keys are back there; where they went."""
    w.view.setFocus()
    _focus(qtbot, w.view)
    seen = []
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, step_mods)
        if _on_canvas(w):
            return seen
        seen.append(QApplication.focusWidget())
    raise AssertionError(f"F6 never came back to the canvas: {[x.objectName() for x in seen]}")


def test_f6_skips_a_panel_tabbed_behind_another(qtbot, window):
    """Trial 70 #4: Order, a tab behind Properties (the default layout), took
    the keys from F6, and letters and arrows went nowhere. Each F6 stop is on
    screen; with Order raised it is a stop and Properties, now behind, is not."""
    w = window
    order_dock = w.backward.dock_order
    table = w.findChild(QTableView, "order_table")
    assert w.properties_dock in w.tabifiedDockWidgets(order_dock)
    assert not _seen(table)  # behind Properties
    bar = w.findChild(QLineEdit, "expression_bar")
    palette_filter = w.findChild(QLineEdit, "palette_filter")
    for mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
        seen = _round(qtbot, w, mods)
        assert table not in seen
        assert all(_seen(x) for x in seen), [x.objectName() for x in seen if not _seen(x)]
        assert bar in seen and palette_filter in seen
    forward = _round(qtbot, w)
    assert forward[:2] == [bar, palette_filter]  # in reading order: nothing hidden in between
    assert _round(qtbot, w, Qt.KeyboardModifier.ShiftModifier) == forward[::-1]

    order_dock.raise_()
    qtbot.waitUntil(lambda: _seen(table), timeout=2000)
    seen = _round(qtbot, w)
    assert table in seen
    assert all(_seen(x) for x in seen)
    assert not any(w.properties_dock.isAncestorOf(x) for x in seen)  # now the tab behind


def test_escape_in_the_palette_filter_gives_the_keys_to_the_canvas(qtbot, window):
    """Trial 70 #4: Esc in the Palette's filter did nothing; now it clears the
    filter and gives the keys back to the canvas, as the f(x) bar's Esc does."""
    w = window
    palette_filter = w.findChild(QLineEdit, "palette_filter")
    seen = _round(qtbot, w)  # F6 to the filter, as a keyboard user gets there
    w.view.setFocus()
    _focus(qtbot, w.view)
    for _ in range(seen.index(palette_filter) + 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert QApplication.focusWidget() is palette_filter
    qtbot.keyClicks(palette_filter, "mul")
    assert palette_filter.text() == "mul"
    qtbot.keyClick(palette_filter, Qt.Key.Key_Escape)
    assert _on_canvas(w)
    assert palette_filter.text() == ""  # a filter left typed would hide operations later
    _f_fits_the_view(qtbot, w)
    # and with the filter empty, Esc leaves at once too
    for _ in range(seen.index(palette_filter) + 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert QApplication.focusWidget() is palette_filter
    qtbot.keyClick(palette_filter, Qt.Key.Key_Escape)
    assert _on_canvas(w)
    _f_fits_the_view(qtbot, w)


def _f6_to(qtbot, w, widget) -> None:
    """F6 from the canvas, as a keyboard user goes, till ``widget`` has the keys."""
    seen = _round(qtbot, w)
    assert widget in seen, [x.objectName() for x in seen]
    w.view.setFocus()
    _focus(qtbot, w.view)
    for _ in range(seen.index(widget) + 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert QApplication.focusWidget() is widget


def test_escape_in_the_order_list_gives_the_keys_to_the_canvas(qtbot, window):
    """Review 68: Esc in the Order panel's list did nothing (the keys stayed there);
    now it gives them back to the canvas, as from the f(x) bar, Code panel and Palette."""
    w = window
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, CTRL)  # Backward, on the start-up example
    w.backward.dock_order.raise_()
    table = w.findChild(QTableView, "order_table")
    qtbot.waitUntil(lambda: _seen(table), timeout=2000)
    _f6_to(qtbot, w, table)
    qtbot.keyClick(table, Qt.Key.Key_Escape)
    assert _on_canvas(w)
    _f_fits_the_view(qtbot, w)


def test_escape_in_the_chain_rule_text_gives_the_keys_to_the_canvas(qtbot, window):
    w = window
    text = w.findChild(QTextBrowser, "chain_text")
    _f6_to(qtbot, w, text)
    qtbot.keyClick(text, Qt.Key.Key_Escape)
    assert _on_canvas(w)
    _f_fits_the_view(qtbot, w)


def _ring_drawn(w, widget) -> bool:
    """A frame in the selection colour is seen round ``widget`` in the window's picture."""
    from gui.common import style as S

    img = w.grab().toImage()
    dpr = img.devicePixelRatio()
    top_left = widget.mapTo(w, widget.rect().topLeft())
    mid_y = top_left.y() + widget.height() // 2
    mid_x = top_left.x() + widget.width() // 2
    edges = [(top_left.x(), mid_y), (mid_x, top_left.y()), (top_left.x() + widget.width() - 1, mid_y)]
    return all(img.pixelColor(int(x * dpr), int(y * dpr)).name() == S.SELECT.name() for x, y in edges)


def test_an_f6_stop_with_no_cursor_shows_a_frame_while_it_has_the_keys(qtbot, window):
    """Review 68: F6 stopping in Properties or the Chain Rule panel showed nothing
    (a scroll area, a read-only text: no cursor), as if the key did nothing. Esc
    there gives the keys back to the canvas, as from the other panes."""
    w = window
    w.resize(1600, 1000)
    w.tutorial.action.trigger()  # Help › Tutorial: its page a stop too
    QApplication.processEvents()
    for name, kind in (
        ("properties_scroll", QScrollArea),
        ("tutorial_scroll", QScrollArea),
        ("chain_text", QTextBrowser),
    ):
        stop = w.findChild(kind, name)
        assert not _ring_drawn(w, stop)
        _f6_to(qtbot, w, stop)
        assert _ring_drawn(w, stop), name
        qtbot.keyClick(stop, Qt.Key.Key_Escape)  # the keys back to the canvas: the frame goes
        assert _on_canvas(w)
        assert not _ring_drawn(w, stop), name
