"""What making room around one group asks of a big grouped graph follows
the cards there, not the graph (issue 14: every gesture within 100 ms at
50,000 nodes, benchmarks/bench_scaling.py's group rows). Counted at two
sizes, never timed; what is shown and undone is checked by the tests of
each gesture (test_open_room_every_way.py, test_fold_gesture_costs.py)."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication
from scene_checks import count_calls
from test_bulk_edits import grid_model
from window_helpers import answers, open_saved, tmp_settings, window  # noqa: F401

from core.graph.groups import Group
from gui.canvas.cards.card_bounds import CardBounds
from gui.groups.room_checks import overlap_around

ROWS = 4  # each group: this many rows of the grid's 40 columns


def blocks(n: int):
    """The grid of ``n`` cards laid out in 40 columns, grouped a block of
    rows at a time (groups ``b0``, ``b1``, …; setup)."""
    m = grid_model(n)
    per = 40 * ROWS
    m.groups.load(
        [
            Group(f"b{k}", f"block {k}", {f"v{i}" for i in range(s, min(n, s + per))})
            for k, s in enumerate(range(0, n, per))
        ]
    )
    return m


def columns(n: int, apart: float = 360.0):
    """The grid's 40 columns ``apart`` (360: their frames just clear of each
    other, a folded card, a card and a half wide, reaching over the next
    frame; 180: the frames lying on each other), each a group ``c0``, ``c1``,
    … (setup)."""
    m = grid_model(n)
    m.set_positions({f"v{i}": ((i % 40) * apart, (i // 40) * 150.0) for i in range(n)})
    m.groups.load([Group(f"c{c}", f"column {c}", {f"v{i}" for i in range(c, n, 40)}) for c in range(40)])
    return m


def positions(w) -> dict:
    return {k: w.model.position(k) for k in w.model.nodes()}


def cards_worked_out_folding_one(qtbot, w, tmp_path, n: int, monkeypatch) -> int:
    """How many cards' corners are worked out while the column ``c0`` folds
    by hand, its card landing on the next column's frame, every other
    column open: the room made moves each open frame as one, so only the
    cards in none are asked for their corners (here: none)."""
    open_saved(qtbot, w, columns(n), tmp_path / f"c{n}.mgraph")
    before = positions(w)
    worked: list[int] = []
    real = CardBounds.shown_coords
    with monkeypatch.context() as mp:
        mp.setattr(
            CardBounds, "shown_coords", lambda s, ids=None: worked.append(len(got := real(s, ids))) or got
        )
        assert w.grouping.set_collapsed(["c0"], True)
        QApplication.processEvents()
    after = positions(w)
    assert after != before  # room made for the card: the columns right of it moved
    assert {k for k in after if after[k] != before[k]} == set(w.model.nodes()) - w.model.groups.get(
        "c0"
    ).members
    card, frame = w.scene.folding.card("c0"), w.scene.folding.frame("c1")
    assert card is not None and frame is not None
    assert not frame.outline().intersects(card.sceneBoundingRect())
    w.undo_stack.undo()
    QApplication.processEvents()
    assert positions(w) == before and not w.model.groups.get("c0").collapsed
    w.undo_stack.redo()
    QApplication.processEvents()
    assert positions(w) == after
    w.undo_stack.setClean()  # (the next size opened without a question)
    return sum(worked)


def test_folding_one_group_among_open_ones_works_out_no_corners_of_their_cards(
    qtbot, window, tmp_path, monkeypatch
):
    """Each open frame beside the folded card moves as one: the corners of
    the cards in it were worked out (every card of 50,000: ~50 ms of
    collapsing one group) and dropped unread."""
    small = cards_worked_out_folding_one(qtbot, window, tmp_path, 2000, monkeypatch)
    big = cards_worked_out_folding_one(qtbot, window, tmp_path, 8000, monkeypatch)
    assert small < 50 and big < 50, (small, big)


def cards_asked_under_a_frame(qtbot, w, tmp_path, n: int, monkeypatch) -> tuple[int, bool, bool]:
    """How many cards the scene is asked for while ``overlap_around``
    answers for a region spanning the whole graph, every block folded but
    ``b1``; its answer, and its answer once two of b1's cards overlap."""
    open_saved(qtbot, w, blocks(n), tmp_path / f"f{n}.mgraph")
    gids = w.model.groups.ids()
    assert w.grouping.set_collapsed(gids, True)
    assert w.grouping.set_collapsed(["b1"], False)
    QApplication.processEvents()
    whole = QRectF(-1000, -1000, 40 * 220 + 2000, n // 40 * 150 + 2000)
    with monkeypatch.context() as mp:
        asked = count_calls(mp, w.scene, "node_item")
        apart = overlap_around(w.scene, whole, set())
    x, y = w.model.position("v161")
    w.model.set_positions({"v162": (x + 10, y + 10)})
    QApplication.processEvents()
    w.undo_stack.setClean()
    return len(asked), apart, overlap_around(w.scene, whole, set())


def test_whether_cards_overlap_under_a_frame_asks_only_those_shown(qtbot, window, tmp_path, monkeypatch):
    """Opening a group of a graph laid out folded asks whether the cards
    under its frame overlap (a part never laid out is left as it is): the
    answer no was known only after asking for each card there, folded away
    or not (~30 ms of opening one group among 499 folded at 50,000)."""
    small, apart, crowded = cards_asked_under_a_frame(qtbot, window, tmp_path, 2000, monkeypatch)
    assert not apart and crowded
    big, apart, crowded = cards_asked_under_a_frame(qtbot, window, tmp_path, 8000, monkeypatch)
    assert not apart and crowded
    assert small <= 40 * ROWS and big <= 40 * ROWS, (small, big)  # (b1's cards, the only ones shown)


def test_a_card_folded_among_frames_lying_on_each_other_moves_nothing(qtbot, window, tmp_path, monkeypatch):
    """Frames never laid out apart (a graph grouped where it lay: the
    benchmark's 500 groups over one another) are left as they are when one
    folds, as opening leaves a crowd: moving them was a pass over every
    frame's nodes (~85 ms of collapsing one group at 50,000 nodes) and
    pushed half the graph aside."""
    import gui.groups.fold_room as fold_room

    w = window
    open_saved(qtbot, w, columns(2000, apart=180.0), tmp_path / "tight.mgraph")
    before = positions(w)
    with monkeypatch.context() as mp:
        blocks_made = count_calls(mp, fold_room, "units_around")  # (the frames as blocks, the cards)
        assert w.grouping.set_collapsed(["c0"], True)
        QApplication.processEvents()
    assert positions(w) == before and blocks_made == []
    w.undo_stack.setClean()
