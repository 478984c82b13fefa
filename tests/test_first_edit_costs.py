"""The first edit after opening a big graph far out costs what an edit costs
(issue 14): counted, never timed. The overview's lines are filed by where
they are, so the first small repaint (a value
edited, a card moved) draws what is there instead of filing every line of
the graph first (0.15 s at 20,000 nodes, 0.5 s at 50,000). They are filed in
the idle time after the first frame (tests/test_open_line_filing.py), here
the one turn of the event loop after opening."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication
from test_scaling_open import grid_model
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.files import fileio
from gui.canvas.overview.line_index import LineIndex


def _open_far(window, tmp_path) -> None:
    path = str(tmp_path / "big.mgraph")
    fileio.save(grid_model(1200, cols=120), path)  # 26,000 units wide: the fit is far out
    assert window.open_path(path)
    QApplication.processEvents()
    assert window.scene.far


def test_the_first_edits_after_opening_far_out_file_no_line_of_the_graph(window, tmp_path, monkeypatch):
    _open_far(window, tmp_path)
    filed: list[int] = []
    fill, refile = LineIndex.fill, LineIndex.refile
    monkeypatch.setattr(LineIndex, "fill", lambda ix, lines: filed.append(len(lines)) or fill(ix, lines))
    monkeypatch.setattr(LineIndex, "refile", lambda ix, moved: filed.append(len(moved)) or refile(ix, moved))
    m, ed = window.model, window.editor
    x, y = m.position("v600")
    ed.set_value("v5", "0.75")  # a leaf: its wires' colours, its consumers' values
    window.view.viewport().repaint()
    ed.move_nodes({"v600": ((x, y), (x + 40, y))})
    window.view.viewport().repaint()
    layer = window.scene._layer
    layer.node_changed(window.scene.node_item("v600"))  # a card's block alone repainted (a new colour)
    window.view.viewport().repaint()
    assert window.scene.far
    assert sum(filed) <= 20  # a moved card's few wires, not the graph's 2,300
    assert layer._index is not None  # kept, not dropped for the next repaint to file again


def test_the_lines_filed_while_building_are_those_a_fill_files(window, tmp_path):
    _open_far(window, tmp_path)
    layer = window.scene._layer
    built = layer._index
    assert built is not None and len(built) == len(window.scene.wires) > 2000
    fresh = LineIndex()
    fresh.fill(layer._lines[None])
    assert built.tables() == fresh.tables()
    for r in (QRectF(0, 0, 1500, 1500), QRectF(3000, 2000, 2500, 900), QRectF(-1e6, -1e6, 2e6, 2e6)):
        found = sorted(x.toTuple() for x in built.lines_in(r))
        assert found == sorted(x.toTuple() for x in fresh.lines_in(r))


def test_the_overview_keeps_the_tables_the_builder_filed(window, tmp_path, monkeypatch):
    """No pass over the cards to file their blocks again: the builder's tables are the layer's."""
    from gui.canvas import scene_build

    made: list = []
    build = scene_build.build
    monkeypatch.setattr(scene_build, "build", lambda *a, **k: made.append(build(*a, **k)) or made[-1])
    _open_far(window, tmp_path)
    (built,) = made
    layer = window.scene._layer
    assert layer._color is built.colors and layer._index is built.line_index
    assert all(layer._blocks[c][None] is b for c, b in enumerate(built.blocks))
    assert sum(map(len, built.blocks)) == len(window.model) == len(built.colors)
