"""Trial 68 #9: Forward Mode's "with respect to which leaf?" question opened
centred on the window, over the graph's cards (a, e and d hidden): the
cards a learner picks the leaf from. It opens where it covers none of them.
Driven as a user: the Backward menu's Forward Mode, nothing selected, the
question answered with its buttons."""

from __future__ import annotations

import pytest
from leaf_question import ok_when_asked
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication
from test_forward_mode_gui import open_example
from window_helpers import action, answers, tmp_settings, window  # noqa: F401


def cards_on_screen(w) -> dict[str, QRect]:
    vp = w.view.viewport()
    out = {}
    for n in w.model.nodes():
        box = w.view.mapFromScene(w.scene.node_item(n).sceneBoundingRect()).boundingRect()
        out[w.model.label(n)] = QRect(vp.mapToGlobal(box.topLeft()), box.size())
    return out


@pytest.mark.parametrize("example", ["blog_L", "accumulate_shared"])
def test_the_leaf_question_hides_no_card(qtbot, window, example):
    w = window
    w.resize(1366, 768)
    qtbot.waitExposed(w)
    open_example(w, example)
    w.scene.select_ids([])
    QApplication.processEvents()
    cards = cards_on_screen(w)
    seen = ok_when_asked(w)
    action(w, "forward_mode").trigger()  # Backward › Forward Mode, nothing selected: it asks
    QApplication.processEvents()
    box = seen["box"]
    assert isinstance(box, QRect)
    assert [name for name, r in cards.items() if r.intersects(box)] == [], (box, cards)
    assert seen["window"].contains(box)  # (still on the window)
    assert w.backward.replay is not None and w.backward.replay.wrt is not None  # (OK: it ran)
