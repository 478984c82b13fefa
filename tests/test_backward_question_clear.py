"""Backward's "from which node?" (a graph with several ends) opened centred
on the window, over the graph's cards, the very cards a learner picks the
end from. It opens where it covers none of them, as Forward Mode's "which
leaf?" does (trial 68 #9). Driven as a user: Ctrl+B on the canvas, nothing
selected, the question answered with its OK button."""

from __future__ import annotations

from leaf_question import ok_when_asked
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_backward_chooser_default import lecture_graph
from test_forward_question_clear import cards_on_screen
from window_helpers import answers, tmp_settings, window  # noqa: F401


def test_the_end_question_hides_no_card(qtbot, window):
    w = window
    w.resize(1366, 768)
    qtbot.waitExposed(w)
    m = lecture_graph()
    m.add_node("add", "M", label="M", x=780, y=20)  # a second end: M = e + c
    m.connect("e", "M", 0)
    m.connect("c", "M", 1)
    w.set_document(m, None, "two ends")
    w.view.fit_all()
    w.scene.select_ids([])
    QApplication.processEvents()
    cards = cards_on_screen(w)
    seen = ok_when_asked(w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Ctrl+B: it asks
    QApplication.processEvents()
    box = seen["box"]
    assert seen["title"] == "Backward from which node?"
    assert [name for name, r in cards.items() if r.intersects(box)] == [], (box, cards)
    assert seen["window"].contains(box)  # (still on the window)
    assert w.backward.replay is not None and w.backward.replay.root == "L"  # (OK: it ran from L)
