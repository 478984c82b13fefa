"""Dropping a wire on an input that has one replaces it (one undo step);
a trial's student saw x1's wire vanish without a word (trial 51 #6): the
status line says what now feeds the port and how to have the old wire back."""

from __future__ import annotations

from pathlib import Path

from canvas_helpers import drag, in_port, out_port
from PySide6.QtWidgets import QApplication
from window_helpers import answers, tmp_settings, window  # noqa: F401

EX = Path(__file__).resolve().parents[1] / "resources" / "examples"


def test_a_wire_dropped_on_a_taken_input_says_what_it_replaced(qtbot, window):
    w = window
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    assert w.open_path(EX / "blog_L.mgraph")
    QApplication.processEvents()
    sc, m = w.scene, w.model
    assert m.inputs("e") == ["a", "b"]
    drag(w.view, out_port(sc, "c"), in_port(sc, "e", 0))
    QApplication.processEvents()
    assert m.inputs("e") == ["c", "b"]
    said = w.status_text()
    assert said == "Wired c into e.in₁ in place of a · Ctrl+Z puts a back", said
    w.undo_stack.undo()
    assert m.inputs("e") == ["a", "b"]
    w.scene.clearSelection()
    drag(w.view, out_port(sc, "f"), in_port(sc, "e", 1))
    assert w.status_text() == "Wired f into e.in₂ in place of b · Ctrl+Z puts b back"
    assert w.undo_stack.count() == 1  # (one undo step: the undone one gave way to it)
