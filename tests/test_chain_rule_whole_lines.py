"""The Chain Rule page, taller than its panel, shows whole lines: the view
ends under the last line that fits, never through one (t72 #3: presenting
the neuron at 1366×768 with the Hessian open, its last line showed its top
half)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_hessian_panel_whole_lines import present_neuron_pass
from window_helpers import action, answers, tmp_settings, window  # noqa: F401


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def cut_lines(view) -> list[str]:
    """The page's lines drawn part in, part out of the view's bottom edge."""
    doc, at, shown = view.document(), view.verticalScrollBar().value(), view.viewport().height()
    out = []
    block = doc.begin()
    while block.isValid():
        lay = block.layout()
        for i in range(lay.lineCount()):
            line = lay.lineAt(i)
            top = lay.position().y() + line.y() - at
            bottom = top + line.height()
            if top < shown < bottom - 0.5:
                out.append(f"{block.text()[:30]!r}: {top:.0f}..{bottom:.0f} of {shown}")
        block = block.next()
    return out


@pytest.mark.parametrize("height", [749, 768])
def test_presenting_the_neuron_the_chain_rule_page_ends_on_a_whole_line(qtbot, window, height):
    w = window
    present_neuron_pass(qtbot, w, height)
    view = w.backward.chain_panel.view
    overflowed = 0
    for _ in range(10):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
        settle()
        overflowed += view.document().size().height() > view.viewport().height()
        assert cut_lines(view) == []
    assert overflowed  # (some page taller than the panel: the case seen)
