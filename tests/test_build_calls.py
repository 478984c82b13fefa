"""Building a big graph far out (opening a file) calls as few Python functions
of its own a card as it can: the card's ``__init__`` and ``_read``, no
helper per card for its overview colour, and none per wire (issue 14: 50,000 cards,
70,000 wires). Counted, never timed; the colours are those the overview
works out for each card."""

from __future__ import annotations

import sys
from pathlib import Path

from test_bulk_costs import far_canvas
from test_bulk_edits import grid_model

import gui
from gui.canvas import scene_build
from gui.canvas.overview.block_colors import TOP, plain_color

#: The app's own code (gui/ and core/ beside it): Python's and PySide's own
#: calls aside (PySide reads each flag's value through ``enum``'s property).
OURS = str(Path(gui.__file__).parents[1])


def _python_calls_in_build(monkeypatch) -> tuple[list[str], list]:
    """Our Python functions called (by name) while ``scene_build.build`` last ran, and the colours it gave."""
    names: list[str] = []
    built: list = []
    real = scene_build.build

    def counted(*a, **k):
        names.clear()
        built.clear()

        def spy(frame, event, arg):
            if event == "call" and frame.f_code.co_filename.startswith(OURS):
                names.append(frame.f_code.co_name)

        sys.setprofile(spy)
        try:
            done = real(*a, **k)
        finally:
            sys.setprofile(None)
        built.append(dict(done.colors))  # as built (the overview marks the output after)
        return done

    monkeypatch.setattr(scene_build, "build", counted)
    return names, built


def test_a_far_build_calls_two_python_functions_a_card(qtbot, monkeypatch):
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
    m = grid_model(900)
    m.set_value("v3", 1e308)  # some cards flagged: another colour
    names, built = _python_calls_in_build(monkeypatch)
    _, scene, _ = far_canvas(qtbot, m)
    cards, wires = len(m), m.edge_count()
    assert cards == 900 and wires > 1000
    assert names.count("__init__") >= cards and names.count("_read") == cards
    assert len(names) <= 2 * cards + 60  # the card's __init__ and _read; nothing per wire
    (colors,) = built
    values = m.values()
    assert colors == {n: TOP[plain_color(m.op(n), values[n])] for n in m.nodes()}
    assert {c for c, _ in colors.values()} >= {0, 1, 3}  # plain, leaf and flagged cards
