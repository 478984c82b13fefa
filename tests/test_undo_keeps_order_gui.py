"""Trial 59 #4 as the user did it: Learn › Insert MLP, Save As, a click on
the folded card "layer 3 [2]", Del, Ctrl+Z, Ctrl+S. The file saved again
was not the one saved first (the nine nodes put back at its end) and
``backward --json`` gave it another order than the app's pass; now both
are as before."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, show_mlp, tmp_settings, trigger, window  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]


def key(qtbot, w, k, mods=Qt.KeyboardModifier.NoModifier) -> None:
    w.view.setFocus()
    qtbot.keyClick(w.view, k, mods)
    QApplication.processEvents()


def test_save_delete_a_folded_layer_undo_save_writes_the_same_file_and_pass_order(
    qtbot, window, answers, tmp_path
):
    w = window
    show_mlp(qtbot, w)
    path = tmp_path / "app_mlp.mgraph"
    answers.save_path = str(path)
    trigger(w, "save_as")
    first = path.read_bytes()
    trigger(w, "backward")
    was = list(w.document.backward_pass.order)
    key(qtbot, w, Qt.Key.Key_Escape)  # (the pass put away)
    gid = next(g.id for g in w.model.groups if g.label == "layer 3 [2]")
    card = w.scene.folding.card(gid)
    at = w.view.mapFromScene(card.mapToScene(card.rect().center()))
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    QApplication.processEvents()
    assert w.scene.folding.selected_groups() == [gid]
    n = len(w.model)
    key(qtbot, w, Qt.Key.Key_Delete)
    assert len(w.model) == n - 9 and gid not in w.model.groups
    key(qtbot, w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(w.model) == n and gid in w.model.groups
    key(qtbot, w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert path.read_bytes() == first
    trigger(w, "backward")
    assert list(w.document.backward_pass.order) == was
    out = subprocess.run(
        [sys.executable, "main.py", "backward", str(path), "--json"], capture_output=True, text=True, cwd=ROOT
    )
    assert json.loads(out.stdout)["order"] == was
