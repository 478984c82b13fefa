"""The banner keeps a fraction on one line (a trial: forward mode's "so
dd/da = −3" wrapped after the slash, "dd/" at a line's end, "da" below)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QGraphicsView

from gui.backward.narration import Narration

SAID = (
    "Step 2 of 3: dd/da is the sum over its inputs of local derivative × input's tangent: "
    "∂d/∂e · de/da = 1 × (−3) = −3, so dd/da = −3."
)


def line_ends(label: Narration, width: float) -> list[str]:
    """The lines ``label``'s text breaks into at ``width``, as a word-wrapped label lays it out."""
    layout = QTextLayout(label.displayed(), label.font())
    opt = QTextOption()
    opt.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(opt)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(label.displayed()[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return lines


@pytest.mark.parametrize("width", range(300, 700, 7))
def test_no_line_ends_inside_a_fraction(qapp, width):
    view = QGraphicsView()
    banner = Narration(view)
    banner.say(SAID)
    assert banner.text() == SAID  # (what it was given: no joiners)
    lines = line_ends(banner, width)
    assert "".join(lines).replace("\u2060", "") == SAID
    cut = [x for x in lines[:-1] if x.rstrip().replace("\u2060", "").endswith("/")]
    assert not cut, lines
