"""Folding or opening one group of a big grouped graph does work that
follows the group, not the graph (issue 10's 50,000-node rows:
benchmarks/bench_scaling.py). Counted at two sizes, never timed; what is
shown and undone is checked by the tests of each part."""

from __future__ import annotations

import random

from PySide6.QtWidgets import QApplication
from scene_checks import count_calls
from test_bulk_edits import grid_model
from window_helpers import answers, open_saved, tmp_settings, window  # noqa: F401

from core.graph.groups import Group


def crowd(n: int):
    """A graph of ``n`` cards never laid out (each up to 300 px off a grid of
    40 columns: they overlap), and a group of 100 of them spread over all of
    it, apart from one another, as a group taken in a big graph's order
    spans it (the benchmark's rows; setup)."""
    m = grid_model(n)
    rows = n // 40
    mine = {f"v{(k * rows // 100) * 40 + (k * 7) % 40}" for k in range(100)}  # (rows and columns apart)
    rnd = random.Random(5)
    m.set_positions(
        {
            k: (x + rnd.uniform(-300, 300), y + rnd.uniform(-300, 300))
            for k, (x, y) in ((k, m.position(k)) for k in m.nodes() if k not in mine)
        }
    )
    m.groups.load([Group("g", "spread", mine)])
    return m


def cards_asked_opening_one(qtbot, w, tmp_path, n: int, monkeypatch) -> int:
    """How many cards the scene is asked for while one group, folded, opens
    in place onto the crowd (the room it would make tidies nothing: none made)."""
    open_saved(qtbot, w, crowd(n), tmp_path / f"g{n}.mgraph")
    one = "g"
    w.grouping.set_collapsed([one], True)
    QApplication.processEvents()
    before = {k: w.model.position(k) for k in w.model.nodes()}
    with monkeypatch.context() as mp:
        asked = count_calls(mp, w.scene, "node_item")
        assert w.grouping.set_collapsed([one], False)
        QApplication.processEvents()
    assert {k: w.model.position(k) for k in w.model.nodes()} == before  # (opened onto it as it is)
    assert not w.model.groups.get(one).collapsed
    return len(asked)


def test_opening_one_group_onto_a_crowd_asks_for_cards_the_group_holds_not_the_graph(
    qtbot, window, tmp_path, monkeypatch
):
    """The frame of a group spanning the graph lies over a jittered crowd:
    whether the cards there overlap is known at the first pair found, not
    after looking at each card under the frame (~0.15 s of the 50,000-node
    row "open it in place")."""
    small = cards_asked_opening_one(qtbot, window, tmp_path, 2000, monkeypatch)
    big = cards_asked_opening_one(qtbot, window, tmp_path, 8000, monkeypatch)
    # (its own cards, what they feed, and the crowd's first few: which few
    # follows the order string sets iterate in, not the graph's size)
    assert small < 500 and big < 500, (small, big)
