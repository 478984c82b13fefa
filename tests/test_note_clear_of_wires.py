"""t72 #11a: a Backward step's note, the blog's "a.grad = 6 (final: a leaf
passes nothing on)" at step 6, lay across the wire from b to a*b: the notes
kept clear of cards, tabs and other notes, not of wires. A spot across a
drawn wire now costs about as much as one beside the card, so the note
goes where no wire runs when there is such a place near."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_forward_mode_gui import hand_mode, open_example
from window_helpers import answers, tmp_settings, window  # noqa: F401

from gui.canvas.wires.wire_item import EdgeItem


def notes_on_wires(w) -> dict[str, list[tuple[str, str, int]]]:
    """Each note drawn now (by its card's label) and the drawn wires running across it."""
    out = {}
    for n, it in w.scene.node_map().items():
        if it.drawn_note is None or not it.isVisible():
            continue
        r = it.mapRectToScene(it.note_place[0])
        out[w.model.label(n)] = [
            e.key
            for e in w.scene.items(r)
            if isinstance(e, EdgeItem) and e.isVisible() and e.mapToScene(e.shown_path()).intersects(r)
        ]
    return out


def test_no_step_of_the_blogs_pass_draws_its_note_across_a_wire(qtbot, window):
    w = window
    w.resize(1366, 768)  # (the trial's laptop)
    QApplication.processEvents()
    open_example(w, "blog_L")
    hand_mode(w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    seen = {}
    for step in range(1, 8):  # → to the end, then ← back to a's step, as the trial did
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
        QApplication.processEvents()
        seen[step] = notes_on_wires(w)
    qtbot.keyClick(w.view, Qt.Key.Key_Left)
    QApplication.processEvents()
    seen[-6] = notes_on_wires(w)
    assert "a" in seen[6] and "final" in w.scene.node_item("a").drawn_note
    assert all(not wires for notes in seen.values() for wires in notes.values()), seen
    # (above its card, where no wire runs, not beside it nor off with a leader)
    rect, leader = w.scene.node_item("a").note_place
    assert leader is None and rect.bottom() < 0, rect
