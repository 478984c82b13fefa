"""The lecture notebook's lines that run backprop by hand, nudge the data,
read a gradient out or import a module (trial 58 #2): Import Code, the f(x)
bar and the Code panel refused each, one at a time, and added nothing
("setting .grad is not supported", "only a single name can be updated with
an augmented assignment" for ``a.data += 0.01 * a.grad``). They build
nothing: skipped, and named in the status line with what does the same in
the app; the rest of the cell is the graph. (Driven in the window:
test_lecture_cells_gui.py.)"""

from __future__ import annotations

import pytest
from snippets import (
    BLOG_SNIPPET,
    LECTURE_IMPORTS,
    LECTURE_MANUAL_GRADS,
    LECTURE_NEURON,
    LECTURE_NEURON_BY_HAND,
    LECTURE_NUDGE,
)

from core.code.codeadd import import_code
from core.code.codein import CodeError, parse_code
from core.code.codenotes import read_notes
from core.graph.backward import backward


def labels(model) -> list[str]:
    return sorted(model.label(n) for n in model.nodes())


def grads(model) -> dict[str, float]:
    return {model.label(n): g for n, g in backward(model).grads.items()}


BLOG_LABELS = sorted("abcdefL")


def test_the_manual_backprop_cell_after_the_graph_imports_the_graph():
    text = LECTURE_IMPORTS + BLOG_SNIPPET + LECTURE_MANUAL_GRADS
    model, _ = import_code(text)
    assert labels(model) == BLOG_LABELS and model.label(model.output) == "L"
    assert model.value(model.output) == -8.0
    # the gradients are Backward's, as the lecture's by hand
    g = grads(model)
    assert (g["a"], g["b"], g["c"], g["d"], g["e"], g["f"]) == (6.0, -4.0, -2.0, -2.0, -2.0, 4.0)
    assert read_notes(text).skipped == [
        "L.grad = 1.0 (+6 more) — Backward (Ctrl+B) works out every .grad",
        "import math (+2 more) — not needed",
    ]
    assert read_notes(text).code.startswith("a = Value(2.0, label='a'); b = ")  # (what the status line names)


def test_the_nudge_cell_builds_the_forward_pass_from_the_values_before_the_nudge():
    """``a.data += 0.01 * a.grad`` is a training step, not a graph: the note
    says the graph is built from the values before it."""
    text = BLOG_SNIPPET + LECTURE_NUDGE
    model, _ = import_code(text)
    # the cell's own e, d, L after the blog's (named apart as a name bound again is)
    assert labels(model) == sorted([*BLOG_LABELS, "e′", "d′", "L′"])
    assert model.label(model.output) == "L′" and model.value(model.output) == -8.0
    assert read_notes(text).skipped == [
        "print",
        "a.data += 0.01 * a.grad (+3 more) — the graph is built from the values before the nudge "
        "(Learn › Nudge Up takes that step)",
    ]
    # the cell alone: its a, b, c, f are asked for, as any name without a value
    g = parse_code(LECTURE_NUDGE)
    assert sorted(g.nodes[i].label for i in g.needs_value()) == ["a", "b", "c", "f"]


def test_the_neuron_cells_by_hand_import_the_neuron():
    text = LECTURE_NEURON + LECTURE_NEURON_BY_HAND
    model, _ = import_code(text)
    assert len(model) == 17 and model.label(model.output) == "o"
    g = grads(model)
    assert round(g["x1"], 4) == -1.5 and round(g["w1"], 4) == 1.0
    assert read_notes(text).skipped == [
        "o.grad = 1.0 (+10 more) — Backward (Ctrl+B) works out every .grad",
        "o._backward() (+5 more) — Backward (Ctrl+B, then →) runs each node's step in turn",
        "1 - o.data**2 (+1 more) — the cards show the values and gradients",
        "o.backward() — press Ctrl+B to run Backward",
        "draw_dot(o) — the canvas draws the graph",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "L.grad = 1.0",
        "L.grad += 1.0",
        "L._backward()",
        "a.data += 0.01 * a.grad",
        "a.data -= 0.01 * a.grad",
        "a.data = a.data + 0.01 * a.grad",
        "x.grad",
        "(a.grad, b.grad)",
        "import math",
        "import numpy as np",
        "from math import exp",
        "from micrograd.engine import Value, draw_dot",
    ],
)
def test_each_line_is_skipped_alone_and_the_rest_imports(line):
    model, _ = import_code(f"{BLOG_SNIPPET}{line}\n")
    assert labels(model) == BLOG_LABELS and model.label(model.output) == "L"
    (said,) = read_notes(f"{BLOG_SNIPPET}{line}\n").skipped
    assert said.startswith(line + " — "), said


@pytest.mark.parametrize(
    "line,words",
    [
        # a value changed by hand would change what the graph computes: refused, not skipped
        ("a.data = 3.0", "setting .data is not supported"),
        ("a.data += 1.0", "updating .data is not supported: the graph is built from the values"),
        ("a.label += 'x'", "updating .label is not supported"),
        ("y = a.grad * 2", "reading .grad is not supported"),
        ("import micrograd.nn as nn", "Learn › Insert Neuron…"),  # (the menu entry that builds them)
        ("a._backward(1)", "method ._backward() is not supported"),
    ],
)
def test_lines_that_would_change_the_graph_are_still_refused_where_they_are(line, words):
    with pytest.raises(CodeError) as info:
        parse_code(f"{BLOG_SNIPPET}{line}\n")
    assert words in str(info.value) and info.value.line == 9, str(info.value)


@pytest.mark.parametrize(
    "text,said",
    [
        (
            "L.grad = 1.0",
            "line 1, column 1: L.grad = 1.0 builds nothing (Backward (Ctrl+B) works out every .grad)",
        ),
        (
            "import math\n\na.data += 0.01 * a.grad",
            "line 1, column 1: import math builds nothing (not needed)",
        ),
    ],
)
def test_a_text_of_skipped_lines_alone_is_told_what_they_are(text, said):
    """In the f(x) bar, ``L.grad = 1.0`` alone said "the text describes no values"."""
    with pytest.raises(CodeError) as info:
        parse_code(text)
    assert str(info.value).startswith(said), str(info.value)
    assert str(info.value).endswith(": write a formula such as L = (a*b + c) * f")
