"""t62 #10: a graph read from a code file (mlp.py given on the command line, dropped,
or opened in Import Code as a new graph) was "Untitled", and Save proposed
"Untitled.mgraph". It takes the code file's name: Save proposes mlp.mgraph."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_forward_end_numbers import MLP
from window_helpers import MainWindow, answers, tmp_settings, window  # noqa: F401


def test_save_proposes_the_code_file_s_name(qtbot, window, answers, monkeypatch, tmp_path):
    w = window
    asked = []
    monkeypatch.setattr(MainWindow, "_ask_save_path", lambda self, suggested: asked.append(suggested) or "")
    path = tmp_path / "mlp.py"
    path.write_text(MLP)
    assert w.open_dropped(str(path))  # (as `micrograd-studio mlp.py` and a drop open it)
    QApplication.processEvents()
    assert len(w.model) == 29 and "mlp" in w.windowTitle()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [os.path.basename(p) for p in asked] == ["mlp.mgraph"]
    # code added to a graph that has cards already leaves its name alone
    w.undo_stack.setClean()
    answers.save_changes = None
    name = w.doc_name
    path2 = tmp_path / "more.py"
    path2.write_text("from micrograd.engine import Value\nz = Value(1.0, label='z')\n")
    assert w.open_dropped(str(path2))
    assert w.doc_name == name
