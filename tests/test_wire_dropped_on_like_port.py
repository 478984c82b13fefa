"""A wire dragged from an output onto another card's output (or from an
input onto an input) says why it cannot go there, not only where to drop it
(t69 #14: "Drop the wire on an input port" left a student guessing; a
leaf's refusal, "'c' is a leaf value; leaves have no inputs", said why)."""

from __future__ import annotations

from canvas_helpers import drag, out_port
from test_window_files import open_blog_example
from window_helpers import answers, tmp_settings, window  # noqa: F401


def test_an_output_dropped_on_an_output_says_why(qtbot, window):
    w = window
    open_blog_example(w)
    wires = len(w.model.edges())
    drag(w.view, out_port(w.scene, "a"), out_port(w.scene, "b"))
    assert len(w.model.edges()) == wires
    said = w.status_text().lower()
    assert "an output sends its value, it takes none" in said and "input port" in said, said


def test_a_name_cleared_on_the_card_says_the_card_shows_its_id(qtbot, window):
    """t69 #14: emptying a card's name showed its id again, unsaid."""
    from canvas_helpers import double_click
    from PySide6.QtCore import QPointF, Qt

    w = window
    open_blog_example(w)
    item = w.scene.node_item("e")
    double_click(w.view, item.mapToScene(QPointF(-40, -22)))  # its header, left: the name
    ed = w.scene.interaction.inline_editor
    assert ed.objectName() == "inline_label_editor"
    ed.selectAll()
    qtbot.keyClick(ed, Qt.Key.Key_Delete)
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    assert w.model.node("e").get("label") is None
    assert "Name cleared: the card shows its id, “e”" in w.status_text(), w.status_text()


def test_a_wire_drag_says_nothing_over_the_port_it_starts_from(qtbot, window):
    """Trial 75 #2: pressing on an output to drag a wire said at once "an
    output sends its value, it takes none" (the drag found its own port) and
    kept saying it through a right drag, once per wire in the status history.
    Only another output says it."""
    from canvas_helpers import _send, in_port, vp
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    w = window
    open_blog_example(w)
    said_before = len(w.status_line.log.said())
    view, left = w.view, Qt.MouseButton.LeftButton
    start, end = vp(view, out_port(w.scene, "a")), vp(view, in_port(w.scene, "L", 1))

    def move(p: QPoint) -> None:
        _send(view, QMouseEvent.Type.MouseMove, p, Qt.MouseButton.NoButton, left)
        QApplication.processEvents()
        assert "takes none" not in w.status_text(), (p, w.status_text())

    _send(view, QMouseEvent.Type.MouseButtonPress, start, left, left)
    QApplication.processEvents()
    assert "takes none" not in w.status_text(), w.status_text()
    for i in range(1, 9):  # a jiggle on the port, then across the canvas to L's second input
        move(start + QPoint(1, 1) if i == 1 else start + (end - start) * (i / 8))
    _send(view, QMouseEvent.Type.MouseButtonRelease, end, left, Qt.MouseButton.NoButton)
    QApplication.processEvents()
    assert w.model.inputs("L")[1] == "a"  # wired
    earlier = [m for _t, m in w.status_line.log.said()[: len(w.status_line.log.said()) - said_before]]
    assert not any("takes none" in m for m in earlier), earlier
    # over another card's output it still says why, before the button is let go
    b_out = vp(view, out_port(w.scene, "b"))
    _send(view, QMouseEvent.Type.MouseButtonPress, vp(view, out_port(w.scene, "e")), left, left)
    _send(view, QMouseEvent.Type.MouseMove, b_out, Qt.MouseButton.NoButton, left)
    QApplication.processEvents()
    assert "an output sends its value, it takes none" in w.status_text().lower(), w.status_text()
    _send(view, QMouseEvent.Type.MouseButtonRelease, b_out, left, Qt.MouseButton.NoButton)
