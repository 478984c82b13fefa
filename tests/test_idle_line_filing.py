"""Far out, the overview's lines are filed by where they are so that a small
repaint (a moved card) draws the few there; filing them is ~1 µs a line, so
after the groups are made (every line filed anew under its box) the first
such repaint filed the whole graph's inside that gesture (issue 14: ~80,000
lines at 50,000 nodes, 81–95 ms of one move). Now they are filed in idle
turns, and a repaint that comes first draws the lines not filed yet whole.
Counted, never timed; the pixels are a direct paint's."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from test_overview_cache import differing, direct, far_canvas, filed_when_idle, frame, lines, local_grid  # noqa: F401 (a fixture)

from core.graph.groups import Group
from gui.canvas import scene_build
from gui.canvas.overview.line_index import LineIndex
from gui.canvas.overview.overview_draw import _FEW_LINES


def _rows(n: int) -> list[Group]:
    return [Group(f"r{r}", f"row {r}", {f"v{i}" for i in range(40 * r, 40 * r + 40)}) for r in range(n // 40)]


def _move(scene, editor, node: str, dx: float) -> None:
    x, y = scene.model.position(node)
    editor.move_nodes({node: ((x, y), (x + dx, y))})


@pytest.mark.parametrize("wait", [False, True])  # the move before the idle turns, or after them
def test_the_first_small_repaint_after_groups_are_made_files_no_line_inside_it(
    qtbot, lines, monkeypatch, wait
):
    monkeypatch.setattr(scene_build, "IDLE_SLICE", 50)
    scene, view, editor = far_canvas(qtbot, model=local_grid(1600))
    total = scene.model.edge_count()
    _move(scene, editor, "v820", 20)  # a first edit: a small repaint asks for the lines by place
    frame(view)
    assert scene._layer._index is not None
    filed_when_idle(view)
    layer = scene._layer
    scene.model.groups.load(_rows(1600))  # each row of 40 a group: every line filed anew under its box
    frame(view)
    assert scene.far and len(layer._lines) > 30
    if wait:
        filed_when_idle(view)
    before, unfiled = LineIndex.refiled, LineIndex.unfiled_drawn
    lines.clear()
    _move(scene, editor, "v820", 10)
    shown = frame(view)
    assert LineIndex.refiled - before <= 2 * 50  # an idle slice or two at most, not the 3,120 lines
    if wait:  # all filed before: the lines near the card, none handed out unfiled
        assert LineIndex.unfiled_drawn == unfiled and 0 < sum(lines) < total / 4
    else:  # none filed yet: those not filed drawn whole (each repainted part)
        assert LineIndex.unfiled_drawn > unfiled
    assert differing(shown, direct(view, monkeypatch)) == []
    # then filed in idle turns, a slice at a time: the top level's and every box's but the smallest
    filed_when_idle(view)
    boxes = {b for b, d in layer._lines.items() if b is not None and len(d) > _FEW_LINES}
    assert boxes and boxes <= layer._box_indexes.keys()
    for box, (d, index) in [(None, (layer._lines[None], layer._index)), *layer._box_indexes.items()]:
        assert d is layer._lines[box]
        fresh = LineIndex()
        fresh.fill(d)
        assert index is not None and index.tables() == fresh.tables()
    lines.clear()
    _move(scene, editor, "v820", -30)
    shown = frame(view)
    assert 0 < sum(lines) < total / 4
    assert differing(shown, direct(view, monkeypatch)) == []


def test_a_line_moved_or_dropped_while_waiting_is_drawn_where_it_is(qtbot, lines, monkeypatch):
    """Edits between the groups being made and their lines filed: a card moved,
    one deleted; each repaint then, and the index filed after, as a direct paint."""
    monkeypatch.setattr(scene_build, "IDLE_SLICE", 20)
    scene, view, editor = far_canvas(qtbot, model=local_grid(1600))
    _move(scene, editor, "v820", 20)  # a small repaint: the lines asked for by place
    frame(view)
    assert scene._layer._index is not None
    scene.model.groups.load(_rows(1600))
    frame(view)
    for step in (
        lambda: _move(scene, editor, "v821", 300),
        lambda: scene.select_ids(["v860"]),
        editor.delete_selection,
        lambda: _move(scene, editor, "v822", -200),
    ):
        step()
        shown = frame(view)
        assert differing(shown, direct(view, monkeypatch)) == []
    filed_when_idle(view)
    layer = scene._layer
    for _box, (d, index) in [(None, (layer._lines[None], layer._index)), *layer._box_indexes.items()]:
        fresh = LineIndex()
        fresh.fill(d)
        assert index is not None and index.tables() == fresh.tables()
    _move(scene, editor, "v823", 50)
    assert differing(frame(view), direct(view, monkeypatch)) == []
    QApplication.processEvents()
