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


#: with respect to x1: fractions of bracketed names too ("(x1*w1)", "x1[1]")
SAID_X1 = (
    "Step 1 of 5: d(x1*w1)/dx1 is the sum over its inputs of local derivative × input's tangent: "
    "∂(x1*w1)/∂x1 · dx1/dx1 = −3 × 1 = −3, so d(x1*w1)/dx1 = −3; dx1[1]/dx1 and d(node)/dx1 too."
)


@pytest.mark.parametrize("said", [SAID, SAID_X1])
@pytest.mark.parametrize("width", range(300, 700, 7))
def test_no_line_ends_inside_a_fraction(qapp, width, said):
    view = QGraphicsView()
    banner = Narration(view)
    banner.say(said)
    assert banner.text() == said  # (what it was given: no joiners)
    lines = line_ends(banner, width)
    assert "".join(lines).replace("\u2060", "").replace("\u00a0", " ") == said
    cut = [x for x in lines[:-1] if x.rstrip().replace("\u2060", "").endswith("/")]
    assert not cut, lines


#: a trial's banner wrapped "mul1.grad += 0.5 × 1 =" and then "0.5;"
SAID_SUMS = (
    "Step 3 of 10: add1.grad = 0.5 is complete, so add1 passes it back, times each local "
    "derivative: mul1.grad += 0.5 × 1 = 0.5;  mul2.grad += 0.5 × 1 = 0.5."
)


@pytest.mark.parametrize("width", range(300, 900, 9))
def test_no_line_ends_with_an_operator(qapp, width):
    view = QGraphicsView()
    banner = Narration(view)
    banner.say(SAID_SUMS)
    assert banner.text() == SAID_SUMS
    lines = line_ends(banner, width)
    assert "".join(lines).replace("\u2060", "").replace("\u00a0", " ") == SAID_SUMS
    for x in lines[:-1]:
        assert not x.rstrip().endswith(("=", "×", "+=")), lines


#: a trial (45 #5): "…: e.grad" at a line's end, "+= −2 × 1 = −2" on the next
SAID_TWO = (
    "Step 2 of 7: d.grad = −2 is complete, so d passes it back, times each local derivative: "
    "e.grad += −2 × 1 = −2;  c.grad += −2 × 1 = −2."
)
#: a long sum's "(now … = …)" may still wrap (whole, it would not fit a narrow banner)
SAID_NOW = (
    "Step 9 of 360: (w2.1.1·h1.1[1]).grad = −0.005487 is complete, so it passes it back: "
    "w2.1.1.grad += −0.005487 × 0.8042 = −0.004413 (now 0.03426 + (−0.004413) = 0.02985)."
)


@pytest.mark.parametrize("width", range(300, 900, 9))
def test_a_line_breaks_between_sums_never_inside_one(qapp, width):
    view = QGraphicsView()
    banner = Narration(view)
    for said, sums in (
        (SAID_TWO, ["e.grad += −2 × 1 = −2", "c.grad += −2 × 1 = −2."]),
        (SAID_NOW, ["w2.1.1.grad += −0.005487 × 0.8042 = −0.004413"]),
    ):
        banner.say(said)
        assert banner.text() == said
        lines = [x.replace("\u2060", "").replace("\u00a0", " ").strip() for x in line_ends(banner, width)]
        for s in sums:
            assert any(s in x for x in lines), (s, lines)


#: trial 46 #8: "h2.1[1].grad" at a line's end, "= −0.04759" below; "(now 0.7908 + 2.148" then "= 2.939)"
SAID_MLP = (
    "Steps 60–63 of 360, run inside the folded group “layer 2 [1]” as one Step; the last: "
    "h2.1[1].grad = −0.04759 is complete, so h2.1[1] passes it back, times each local derivative: "
    "n2.1[1].grad += −0.04759 × 0.1153 = −0.005487 (now 0.7908 + (−0.005487) = 0.7853)."
)


@pytest.mark.parametrize("width", range(300, 900, 9))
def test_a_gradient_said_and_a_running_total_stay_whole(qtbot, width):
    view = QGraphicsView()
    banner = Narration(view)
    banner.say(SAID_MLP)
    lines = [x.replace("\u2060", "").replace("\u00a0", " ").strip() for x in line_ends(banner, width)]
    for piece in ("h2.1[1].grad = −0.04759", "(now 0.7908 + (−0.005487) = 0.7853)."):
        assert any(piece in x for x in lines), (piece, lines)
