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
