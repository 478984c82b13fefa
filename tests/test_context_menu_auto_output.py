"""A right-click on a card tagged "output (auto)" shows "Output of the graph"
ticked, not unticked under that tag (a trial, 71 #12: a learner's only leaf
read "output (auto)" over a menu that said it was not the output)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu
from window_helpers import answers, shown_window, tmp_settings, window  # noqa: F401

from core.graph.model import GraphModel


def _right_click_entry(w, node: str) -> tuple[str, bool, bool]:
    """Right-click ``node``'s card; the "Output of the graph" entry's text, checkable, checked."""
    got: list[tuple[str, bool, bool]] = []

    def read() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        (a,) = [a for a in menu.actions() if a.objectName() == "ctx_output"]
        got.append((a.text(), a.isCheckable(), a.isChecked()))
        menu.close()

    QTimer.singleShot(150, read)
    at = w.scene.node_item(node).sceneBoundingRect().center()
    vp = w.view.viewport()
    p = w.view.mapFromScene(at)
    QApplication.sendEvent(vp, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, p, vp.mapToGlobal(p)))
    QApplication.processEvents()
    assert got
    return got[0]


def test_the_auto_output_is_ticked_in_its_menu(qtbot, window):
    w = window
    shown_window(qtbot, w)
    m = GraphModel()
    a = "a"
    m.add_node("leaf", a, label="a", value=2.0)
    w.set_document(m, None, "one leaf")
    QApplication.processEvents()
    assert w.model.output is None and w.scene.node_item(a).output_badge == "output (auto)"
    text, checkable, checked = _right_click_entry(w, a)
    assert checkable and checked and "auto" in text


def test_a_node_that_is_not_the_output_is_unticked(qtbot, window):
    w = window
    shown_window(qtbot, w)
    m = GraphModel()
    a, b, s = "a", "b", "s"
    m.add_node("leaf", a, label=a, value=2.0, x=0, y=0)
    m.add_node("leaf", b, label=b, value=3.0, x=0, y=160)
    m.add_node("add", s, label=s, x=260, y=80)
    m.connect(a, s, 0)
    m.connect(b, s, 1)
    w.set_document(m, None, "a + b")
    QApplication.processEvents()
    assert w.scene.node_item(s).output_badge == "output (auto)"
    assert _right_click_entry(w, a) == ("Output of the graph", True, False)
    assert _right_click_entry(w, s)[2]
