"""Trial 54 #6: a computed node's Value box in Properties looks read-only
(not the white box a leaf's value is typed into), says beside it that it
is computed from its inputs, and typing into it says why nothing changes
(it was silent, with a focus ring and a selection)."""

from __future__ import annotations

from canvas_helpers import click
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_backward_chooser_default import lecture_graph
from window_helpers import answers, tmp_settings, window  # noqa: F401


def _select(w, node: str) -> None:
    w.view.centerOn(w.scene.node_item(node))
    QApplication.processEvents()
    click(w.view, w.scene.node_item(node).sceneBoundingRect().center())
    QApplication.processEvents()
    assert w.properties.node_id == node


def _inside(field):
    """The colour of the box's inside, as it is drawn (near its right end, past the text)."""
    img = field.grab().toImage()
    return img.pixelColor(img.width() - 6, img.height() // 2)


def test_a_computed_value_looks_read_only_and_typing_into_it_says_why(qtbot, window):
    w = window
    w.set_document(lecture_graph(), None, "lecture")
    _select(w, "a")
    p = w.properties
    leaf_inside = _inside(p.value_edit)
    _select(w, "e")
    box = p.value_edit
    assert box.isReadOnly() and box.text() == "−6.0"
    assert _inside(box) != leaf_inside  # not the white box a leaf's value is typed into
    assert p.value_how.isVisible() and "computed from its inputs" in p.value_how.text()
    _select(w, "a")
    assert not p.value_how.isVisible()  # (a leaf's value is typed in)
    _select(w, "e")
    # triple-click, type 5, Enter, as in the trial
    at = box.rect().center()
    qtbot.mouseDClick(box, Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=at)
    qtbot.keyClicks(box, "5")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert w.model.value("e") == -6.0 and box.text() == "−6.0"
    assert (
        w.status_text()
        == "The value of e is computed from its inputs: edit a leaf it depends on to change it"
    )
