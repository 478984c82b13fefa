"""Opening a big graph far out files no overview line by where it is before
the first frame (which draws every line anyway): the lines are filed in
idle slices after it, with the wires' boxes, or all at the first small
repaint that comes sooner (issue 14: opening a 50,000-node file). Counted,
never timed; the filed index is the one a fill of the lines makes."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication
from test_scaling_open import grid_model
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.files import fileio
from gui.canvas import scene_build
from gui.canvas.overview.line_index import LineIndex

REGIONS = (QRectF(0, 0, 1500, 1500), QRectF(3000, 2000, 2500, 900), QRectF(-1e6, -1e6, 2e6, 2e6))


def _open(window, tmp_path) -> LineIndex:
    """Open a graph far out (its first frame and idle time not come yet)."""
    path = str(tmp_path / "big.mgraph")
    fileio.save(grid_model(1200, cols=120), path)  # 26,000 units wide: the fit is far out
    assert window.open_path(path)
    assert window.scene.far
    index = window.scene._layer._index
    assert index is not None
    return index


def _filed(index: LineIndex) -> int:
    return len(index._where) + len(index._long)


def _same_as_a_fill(window, index: LineIndex) -> None:
    fresh = LineIndex()
    fresh.fill(window.scene._layer._lines[None])
    assert index.tables() == fresh.tables()
    for r in REGIONS:
        found = sorted(x.toTuple() for x in index.lines_in(r))
        assert found == sorted(x.toTuple() for x in fresh.lines_in(r))


def test_opening_files_no_line_before_the_first_frame_then_all_in_idle_slices(window, tmp_path, monkeypatch):
    monkeypatch.setattr(scene_build, "IDLE_SLICE", 500)
    index = _open(window, tmp_path)
    wires = len(window.scene.wires)
    assert wires > 2000
    assert _filed(index) == 0 and len(index) == wires  # every line waits
    slices: list[int] = []
    some = LineIndex.file_some
    monkeypatch.setattr(LineIndex, "file_some", lambda ix, n: slices.append(_filed(ix)) or some(ix, n))
    for _ in range(50):
        QApplication.processEvents()
    assert _filed(index) == wires and len(index) == wires
    assert len(slices) >= wires // 500  # a slice at a time, not all at once
    assert slices == sorted(slices) and all(b - a <= 500 for a, b in zip(slices, slices[1:]))
    _same_as_a_fill(window, index)


def test_a_line_moved_before_its_turn_is_filed_where_it_is_now(window, tmp_path):
    index = _open(window, tmp_path)
    m, ed = window.model, window.editor
    x, y = m.position("v600")
    ed.move_nodes({"v600": ((x, y), (x + 900, y + 700))})  # before any idle slice
    ed.set_value("v5", "0.75")
    assert _filed(index) < len(window.scene.wires)  # most still wait
    _same_as_a_fill(window, index)  # a question files them all, where each is now
    assert window.scene._layer._index is index and _filed(index) == len(window.scene.wires)
