"""core/graph/free_room.py and core/graph/copy_room.py in plain Python."""

from __future__ import annotations

from core.graph.copy_room import copy_room
from core.graph.free_room import free_offset


def test_a_block_where_nothing_is_stays_and_one_over_others_goes_the_shortest_way():
    assert free_offset((0, 0, 100, 50), [(200, 0, 300, 50)], 10) == (0.0, 0.0)
    # over its originals (a wide row): below them, not right of them
    row = [(0, 0, 100, 50), (150, 0, 250, 50)]
    assert free_offset((0, 0, 250, 50), row, 10) == (0.0, 60.0)
    # below is taken by a card: above them
    assert free_offset((0, 0, 250, 50), [*row, (0, 60, 250, 100)], 10) == (0.0, -60.0)
    # and above too: past the card below
    assert free_offset((0, 0, 250, 50), [*row, (0, 60, 250, 100), (0, -90, 250, -20)], 10) == (0.0, 110.0)
    # a tall column: right of it
    col = [(0, 0, 50, 100), (0, 150, 50, 250)]
    assert free_offset((0, 0, 50, 250), col, 10) == (60.0, 0.0)


def test_copy_room_moves_the_consumers_column_and_what_is_right_of_it_once():
    pos = {"x": (0.0, 0.0), "m": (200.0, 0.0), "a": (400.0, 0.0), "far": (-300.0, 0.0)}
    units = [(x, [n]) for n, (x, _y) in pos.items()]
    # m's copy needs x 80 further left; a's copy needs m 30 further left (m moved with a)
    moves = copy_room([(150.0, [(0.0, 80.0)]), (350.0, [(200.0, 30.0)])], units, pos.__getitem__)
    assert moves == {"m": ((200.0, 0.0), (280.0, 0.0)), "a": ((400.0, 0.0), (510.0, 0.0))}
    # a's copy needs x 100 further left: the 80 for m, then 20 more for a
    moves = copy_room([(150.0, [(0.0, 80.0)]), (350.0, [(0.0, 100.0)])], units, pos.__getitem__)
    assert moves["m"][1] == (280.0, 0.0) and moves["a"][1] == (500.0, 0.0) and "x" not in moves
    assert copy_room([], units, pos.__getitem__) == {}
