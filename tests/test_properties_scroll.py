"""The Properties panel is as tall as the page it shows (a trial: its
two-line hint sat beside a scroll bar, scrolling by the height of the
node form it did not show)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QScrollArea
from window_helpers import answers, click_item, show_mlp, tmp_settings, window  # noqa: F401


def test_the_hint_does_not_scroll_and_the_form_still_does(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    QApplication.processEvents()
    dock = w.properties.parentWidget()
    while not isinstance(dock, QDockWidget):
        dock = dock.parentWidget()
    w.resizeDocks([dock], [200], Qt.Orientation.Vertical)  # as short as the trial's, beside the tutorial
    QApplication.processEvents()
    scroll = w.properties.findChild(QScrollArea)
    bar = scroll.verticalScrollBar()
    assert scroll.viewport().height() < 260  # (shorter than the node form)
    assert bar.maximum() == 0 and not bar.isVisible()  # the hint: nothing to scroll
    leaf = next(c for c in w.scene.node_map().values() if c.isVisible() and w.model.op(c.node_id) == "leaf")
    click_item(qtbot, w, leaf)
    form = scroll.widget().currentWidget()
    assert form is not None and form.isVisible()  # the node's form
    # the form whole: scrolled where it is taller than the panel, else not
    assert scroll.widget().height() >= form.minimumSizeHint().height()
    assert (bar.maximum() > 0) == (form.minimumSizeHint().height() > scroll.viewport().height())
    qtbot.keyClick(w.view, Qt.Key.Key_Escape)  # the selection cleared
    QApplication.processEvents()
    assert not w.scene.selectedItems() and bar.maximum() == 0  # the hint again
