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


def column(n: int) -> list[tuple[float, float, float, float]]:
    """A column of ``n`` cards 100 tall, 20 apart (no room between them)."""
    return [(0.0, 120.0 * i, 100.0, 120.0 * i + 100.0) for i in range(n)]


def counted(obstacles: list) -> tuple[list[int], object]:
    """``near(region)`` over ``obstacles`` (those meeting the region), and how many rects it handed out."""
    looked = [0]

    def near(region):
        out = [
            r
            for r in obstacles
            if r[0] < region[2] and region[0] < r[2] and r[1] < region[3] and region[1] < r[3]
        ]
        looked[0] += len(out)
        return out

    return looked, near


def test_a_card_duplicated_in_a_column_of_2000_looks_at_the_cards_near_it_only():
    col = column(2000)
    block = col[1000]  # (over its original)
    looked, near = counted(col)
    assert free_offset(block, near, 10, (0, 0, 100, 120.0 * 2000)) == (110.0, 0.0)  # right of the column
    # each way looks within its reach (REACH, ~16 rows of cards), not down the 1,000 cards below
    assert looked[0] <= 4 * (2000 / 120 + 3)
    assert free_offset(block, col, 10) == (110.0, 0.0)  # (the same, every obstacle given)


def test_past_its_reach_a_way_puts_the_block_just_past_the_graph():
    # walls left and right of the column, wider than the column is tall: below it is nearest
    col = [*column(2000), (-(10**6), 0.0, -20.0, 240000.0), (120.0, 0.0, 10**6, 240000.0)]
    block = column(2000)[1000]
    looked, near = counted(col)
    bounds = (-(10**6), 0.0, 10**6, 240000.0)
    assert free_offset(block, near, 10, bounds) == (0.0, 240010.0 - 120000.0)
    assert looked[0] <= 4 * (2000 / 120 + 3 + 2)
    assert free_offset(block, col, 10) == (0.0, 240010.0 - 120000.0)


def test_a_way_too_crowded_to_list_goes_past_the_graph_and_the_nearest_other_way_wins():
    col = column(100)
    block = (0.0, 0.0, 100.0, 12000.0)  # (over the whole column, as copies spread down it are)
    bounds = (0.0, 0.0, 100.0, 12000.0)

    def crowded_below(region):  # below and above hold too many to list; left and right nothing
        if region[0] >= block[0] - 10 and region[2] <= block[2] + 10:
            return None
        return [r for r in col if r[0] < region[2] and region[0] < r[2]]

    assert free_offset(block, crowded_below, 10, bounds) == (110.0, 0.0)  # right of the column

    def every_way_crowded(region):
        return None

    # none listed: just past the graph the nearest way (right before left on a tie; a card
    # at the column's top: above it)
    assert free_offset(block, every_way_crowded, 10, bounds) == (110.0, 0.0)
    assert free_offset((0.0, 0.0, 100.0, 50.0), every_way_crowded, 10, bounds) == (0.0, -60.0)


def test_a_block_already_free_stays_though_every_way_past_it_is_crowded():
    # (review 57: a crowded strip skipped the check that the block's own place is free)
    col = column(100)

    def crowded_ways(region):  # the block's own place listed; any strip past it too crowded
        if region[3] - region[1] > 200 or region[2] - region[0] > 300:
            return None
        x0, y0, x1, y1 = region
        return [r for r in col if r[0] < x1 and x0 < r[2] and r[1] < y1 and y0 < r[3]]

    free = (500.0, 0.0, 600.0, 100.0)  # beside the column, nothing there
    assert free_offset(free, crowded_ways, 10, (0.0, 0.0, 600.0, 12000.0)) == (0.0, 0.0)
    over = (0.0, 0.0, 100.0, 100.0)  # over a card: moves (past the graph, every strip crowded)
    assert free_offset(over, crowded_ways, 10, (0.0, 0.0, 100.0, 12000.0)) != (0.0, 0.0)
