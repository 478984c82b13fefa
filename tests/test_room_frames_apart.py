"""Expand All of a graph laid out with its groups open (each group a block,
frames apart) knows from the frames that no opened card lands on another's:
no look at each card (~0.1 s at 50,000 nodes, issue 14), nothing moved."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.graph import make_room
from core.graph.make_room import boxes_apart
from gui.groups import room_plans


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


box = st.tuples(st.integers(0, 60), st.integers(0, 60), st.integers(1, 30), st.integers(1, 30)).map(
    lambda t: (t[0], t[1], t[0] + t[2], t[1] + t[3])
)


@given(st.lists(box, max_size=12))
def test_boxes_apart_is_no_two_overlapping(boxes):
    brute = not any(_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    assert boxes_apart(boxes) == brute


def test_boxes_apart_of_many_blocks_in_columns():
    blocks = [(x * 300.0, y * 200.0, x * 300.0 + 250, y * 200.0 + 150) for x in range(30) for y in range(30)]
    random.Random(3).shuffle(blocks)
    assert boxes_apart(blocks)
    assert not boxes_apart([*blocks, (260.0, 160.0, 320.0, 210.0)])  # one across four corners


def _expand_all_asks(w, monkeypatch) -> list:
    asked: list = []
    real = make_room.lands_on_others
    monkeypatch.setattr(room_plans, "lands_on_others", lambda *a: asked.append(1) or real(*a))
    gids = w.model.groups.ids()
    w.grouping.set_collapsed(gids, True)
    QApplication.processEvents()
    before = {n: w.model.position(n) for n in w.model.nodes()}
    w.grouping.action_expand_all.trigger()
    QApplication.processEvents()
    assert not any(g.collapsed for g in w.model.groups)
    assert {n: w.model.position(n) for n in w.model.nodes()} == before  # opened where it was
    return asked


def test_expand_all_of_groups_laid_out_as_blocks_looks_at_no_card(window, tmp_path, monkeypatch):
    from test_fold_batches import open_grouped

    w = window
    open_grouped(w, tmp_path, n=600, per=40)
    w.action_layout.trigger()  # each group a block in its frame, the frames apart
    QApplication.processEvents()
    # every other block moved to a row of its own below the one before it, 60 aside: its
    # columns not that one's (as in the 50,000-node layout), its frame apart from all
    m, gs = w.model, w.model.groups
    left = {g: min(m.position(n)[0] for n in gs.nodes_in(g)) for g in gs.ids()}
    moved = {}
    for k in range(1, len(left), 2):
        dx = left[f"g{k - 1}"] - left[f"g{k}"] + 60
        moved.update({n: (m.position(n)[0] + dx, m.position(n)[1] + 50_000) for n in gs.nodes_in(f"g{k}")})
    m.set_positions(moved)
    QApplication.processEvents()
    pos = w.scene.card_positions()
    assert not make_room.none_overlap(pos.values(), 132.0, 64.0)  # (not told by columns)
    assert _expand_all_asks(w, monkeypatch) == []


def test_expand_all_of_overlapping_frames_still_looks_card_by_card(window, tmp_path, monkeypatch):
    from test_fold_batches import open_grouped

    w = window
    open_grouped(w, tmp_path, n=600, per=40)  # groups of ids across the grid: frames over each other
    w.action_layout.trigger()
    rnd = random.Random(5)
    m = w.model
    at = {n: m.position(n) for n in m.nodes()}
    m.set_positions({n: (x + rnd.uniform(-300, 300), y) for n, (x, y) in at.items()})
    QApplication.processEvents()
    assert _expand_all_asks(w, monkeypatch) == [1]
