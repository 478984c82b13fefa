"""t62 #10: the Chain Rule panel, as narrow as the trial's, broke a line inside
a name: "× ∂(x1*w21 + x2*w22 + b2)/∂(x1*w21 + x2*w" / "22) = 0.001714". A
factor longer than a line breaks after its slash; names stay whole."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_folded_boundary_grads import start_pass
from test_forward_end_numbers import MLP
from window_helpers import answers, drop_code, tmp_settings, window  # noqa: F401

NBSP, JOIN = "\u00a0", "\ufeff"


def visual_lines(view) -> list[list[str]]:
    """Each paragraph of the panel as its lines are drawn."""
    doc = view.document()
    out, block = [], doc.begin()
    while block.isValid():
        lay, text = block.layout(), block.text()
        out.append(
            [
                text[lay.lineAt(i).textStart() : lay.lineAt(i).textStart() + lay.lineAt(i).textLength()]
                for i in range(lay.lineCount())
            ]
        )
        block = block.next()
    return out


def test_a_long_factor_breaks_after_its_slash_not_inside_a_name(qtbot, window, tmp_path):
    w = window
    drop_code(w, tmp_path, MLP)
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, ctrl_shift)  # (every group open)
    start_pass(qtbot, w)
    node = next(n for n in w.model.nodes() if w.model.label(n) == "x1*w21 + x2*w22 + b2")
    pos = w.backward.replay.step_of(node) + 1
    qtbot.keyClick(w.view, Qt.Key.Key_Home)
    for _ in range(pos):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
    QApplication.processEvents()
    panel = w.backward.chain_panel
    view = panel.view
    view.setFixedWidth(330)  # (the trial's panel, 1600 × 1000 with Gradient Flow open)
    QApplication.processEvents()
    paragraphs = [[line.replace(NBSP, " ").replace(JOIN, "") for line in p] for p in visual_lines(view)]
    long = [p for p in paragraphs if "/∂(x1*w21 + x2*w22)" in "".join(p)]
    assert long and all(len(p) > 1 for p in long), paragraphs  # (it does wrap)
    for p in paragraphs:
        for line in p[:-1]:  # each break at a space or after a slash, never inside a name
            assert line.endswith((" ", "/")), (line, p)
