"""Where a caption goes when no spot near its wire is free
(gui/backward/caption_layout.py): over the cards that cover the least, but
the step's own cards (its node, the inputs whose gradients it changes, and
their linked copies) last of all, so their numbers stay readable (a trial:
"x2[1].grad += …" sat over the copy of x2[1] it changed). And a free spot
whose leader crosses a linked copy is taken before one whose leader crosses
a card."""

from __future__ import annotations

from gui.backward import caption_layout as CL


def _place(spots: list[tuple], cards: list, pills: list, own: list):
    """One caption (100 × 20) placed among ``spots`` ((cost, cx, cy, ax, ay))
    near ``cards`` and linked copies ``pills`` (boxes), ``own`` the step's."""
    e, w, h = object(), 100.0, 20.0
    cands, sizes, near, copies = {id(e): spots}, {id(e): (w, h)}, {id(e): cards}, {id(e): pills}
    blocked = {id(e): CL.Blocked(spots, w, h, cards + pills)}
    _cost, where = CL._place_in_order([e], cands, sizes, near, copies, blocked, own)
    return where[id(e)][:2]


def test_with_no_free_spot_a_caption_covers_another_card_before_the_steps_own():
    own_card = (-60.0, -15.0, 60.0, 15.0)  # under the nearest spot
    other = (-60.0, 85.0, 60.0, 115.0)  # under the next, as much of it
    spots = [(0.0, 0.0, 0.0, 0.0, 0.0), (10.0, 0.0, 100.0, 0.0, 0.0)]
    assert _place(spots, [own_card, other], [], [own_card]) == (0.0, 100.0)
    assert _place(spots, [own_card, other], [], []) == (0.0, 0.0)  # (no own card: the nearest)


def test_a_free_spot_whose_leader_crosses_a_copy_comes_before_one_across_a_card():
    # the anchor at (0, 0); a spot above whose leader crosses a card, one below across a copy
    card, pill = (-10.0, -60.0, 10.0, -40.0), (-10.0, 40.0, 10.0, 60.0)
    spots = [(0.0, 0.0, -100.0, 0.0, 0.0), (5.0, 0.0, 100.0, 0.0, 0.0)]
    assert _place(spots, [card], [pill], []) == (0.0, 100.0)
