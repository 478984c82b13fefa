"""Folding or opening many groups at once (issue 10's scale clause): the
wires crossing their boundaries are re-routed in one loop, their ends worked
out from the cards' positions and the folded cards' rows (no card asked
where a port is, no wire item drawn anew while hidden), each wire once, and
the far-zoom overview moves their lines in place. Counted, never timed; what
is drawn must be what the wire-by-wire path draws."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication
from scene_checks import card_highlight_of
from test_folding_scale import check_every_wire
from test_layout_moves import drawn, grid_model
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.files import fileio
from core.graph.groups import Group
from gui.canvas.cards.node_item import NodeItem
from gui.canvas.folding.fold_routes import MANY
from gui.canvas.folding.group_card import GroupCard
from gui.canvas.overview.line_index import LineIndex
from gui.canvas.wires.wire_item import EdgeItem
from gui.common import style as S


def open_grouped(w, tmp_path, n: int = 600, per: int = 40, nested: bool = False) -> list[str]:
    """A random graph (wires from recent and from any earlier node) with a
    group per ``per`` consecutive nodes (pairs of them in an outer group
    when ``nested``), opened in the window."""
    m = grid_model(n, seed=11)
    ids = m.nodes()
    groups = [Group(f"g{k}", f"part {k}", set(ids[i : i + per])) for k, i in enumerate(range(0, n, per))]
    if nested:
        for k in range(0, len(groups) - 1, 2):
            groups.append(Group(f"pair{k}", f"pair {k}", set()))
            groups[k].parent = groups[k + 1].parent = f"pair{k}"
    m.groups.load(groups)
    path = tmp_path / "grouped.mgraph"
    fileio.save(m, str(path))
    assert w.open_path(path)
    QApplication.processEvents()
    return [g.id for g in groups]


def crossing(w) -> set:
    """The wires whose ends lie in different groups (a reading of the graph)."""
    m = w.model
    of = m.groups.group_of
    return {(s, t, p) for s, t, p in m.edges() if of(s) != of(t)}


def count_port_questions(monkeypatch) -> list:
    asked: list = []
    for cls in (NodeItem, GroupCard):
        for name in ("output_pos", "input_pos"):
            real = getattr(cls, name)
            monkeypatch.setattr(cls, name, lambda self, *a, _r=real: asked.append(self) or _r(self, *a))
    return asked


@pytest.mark.parametrize("zoom", [S.FAR_ZOOM / 4, 1.0])
@pytest.mark.parametrize("per", [3, 40])  # a row per value crossing; summary rows
def test_folding_every_group_routes_each_boundary_wire_once_from_positions(
    window, tmp_path, monkeypatch, zoom, per
):
    w = window
    open_grouped(w, tmp_path, per=per)
    w.view.set_zoom(zoom)  # near, the wires in view make their curves at once
    QApplication.processEvents()
    assert w.scene.far == (zoom < S.FAR_ZOOM)
    want = crossing(w)
    assert len(want) > 3 * MANY  # the batch, not the wire-by-wire path
    layer = w.scene.folding
    for collapsed in (True, False):
        layer.routed = 0
        asked = count_port_questions(monkeypatch)
        # (opened, the groups' room moves every card out of this view, which then fits the
        # graph, every wire's reach asked: not the folding's work, which is counted here)
        monkeypatch.setattr("gui.groups.feature.shows_any", lambda *_a: True)
        monkeypatch.setattr("gui.window.lost_view.LostView.check", lambda _self: None)  # (nor brought back)
        w.grouping.set_collapsed(w.model.groups.ids(), collapsed)
        QApplication.processEvents()
        monkeypatch.undo()
        assert asked == []  # every end from the positions and the cards' rows
        assert layer.routed == len(want)  # the boundary wires, each once; no inner wire
        check_every_wire(w)  # each where the cards' own ports say, its curve made


def test_far_out_the_overview_moves_the_boundary_lines_in_place(window, tmp_path, monkeypatch):
    w = window
    gids = open_grouped(w, tmp_path, nested=True)
    sc = w.scene
    w.view.set_zoom(S.FAR_ZOOM / 4)
    w.view.viewport().repaint()
    layer = sc._layer
    rnd = random.Random(4)
    curves: list = []
    real = EdgeItem.setPath
    for _ in range(6):
        layer._top_index()  # the lines by where they are, as a small repaint files them
        some = rnd.sample(gids, k=len(gids) // 2)
        monkeypatch.setattr(EdgeItem, "setPath", lambda e, p: curves.append(e) or real(e, p))
        w.grouping.set_collapsed(some, not w.model.groups.get(some[0]).collapsed)
        QApplication.processEvents()
        monkeypatch.undo()
        assert curves == []  # hidden far out, the wires note their ends and make no curve
        filed = layer._top_index()  # refiled where each line is now
        fresh = LineIndex()
        fresh.fill(layer._lines.get(None, {}))
        everywhere = QRectF(-1e7, -1e7, 2e7, 2e7)
        assert sorted(x.toTuple() for x in filed.lines_in(everywhere)) == sorted(
            x.toTuple() for x in fresh.lines_in(everywhere)
        )
        for r in (QRectF(0, 0, 1500, 1500), QRectF(3000, 2000, 2500, 900)):
            assert {x.toTuple() for x in fresh.lines_in(r)} <= {x.toTuple() for x in filed.lines_in(r)}
        w.view.viewport().repaint()
        moved = drawn(layer)
        layer._fill()  # what a rebuild from the items draws
        assert moved == drawn(layer)
    w.view.set_zoom(1.0)
    QApplication.processEvents()
    check_every_wire(w)  # the curves skipped far out, made at the switch


def test_a_file_with_open_groups_opened_far_out_files_the_overview_by_group(window, tmp_path):
    """Opened far out, the overview takes what the builder made; its blocks
    and lines must be filed in their groups' boxes, or folding a group
    would leave its nodes drawn over its card."""
    w = window
    open_grouped(w, tmp_path)
    sc = w.scene
    assert sc.far  # the whole graph fits far out
    w.view.viewport().repaint()
    layer = sc._layer
    built = drawn(layer)
    layer._fill()
    assert built == drawn(layer)


def test_folded_cards_show_a_pass_without_reading_every_node_when_none_is_on(window, tmp_path, monkeypatch):
    w = window
    open_grouped(w, tmp_path)
    sc, ctl, gs = w.scene, w.backward, w.model.groups
    asked: list = []
    real = type(sc).node_item
    monkeypatch.setattr(type(sc), "node_item", lambda s, n: asked.append(n) or real(s, n))
    w.grouping.set_collapsed(gs.ids(), True)
    QApplication.processEvents()
    monkeypatch.undo()
    # a card asks its rows' nodes (six a side at most), not each node it holds
    assert len(asked) <= 12 * len(sc.folding.cards()) < len(w.model)

    def check() -> None:
        for card in sc.folding.cards():
            assert card.highlight == card_highlight_of(sc, gs.nodes_in(card.gid)), card.gid

    w.grouping.expand_all()
    ctl.action_autoplay.setChecked(False)
    ctl.action_backward.trigger()
    for act in (ctl.action_step, ctl.action_step, ctl.action_skip_end, ctl.action_step_back):
        act.trigger()
        QApplication.processEvents()
        w.grouping.set_collapsed(gs.ids()[::2], True)  # folded mid-pass: the cards show it
        QApplication.processEvents()
        check()
        w.grouping.expand_all()
    ctl.action_clear.trigger()
    QApplication.processEvents()
    w.grouping.set_collapsed(gs.ids(), True)
    QApplication.processEvents()
    check()


def test_folding_all_far_out_leaves_filing_the_overviews_lines_by_place_to_idle_turns(
    window, tmp_path, monkeypatch
):
    """After an edit far out (a card moved: its small repaint has the top
    level's lines filed by where they are, in idle turns), Collapse All and Expand All move most
    of those lines: the fold files none of them by place (at 50,000 nodes
    ~38,000, some 70 ms of the gesture); the index is filed anew in idle
    turns after the frame, and a small repaint then draws what a rebuild draws."""
    w = window
    open_grouped(w, tmp_path, n=900, per=30)
    sc, m = w.scene, w.model
    w.view.set_zoom(S.FAR_ZOOM / 4)
    w.view.viewport().repaint()
    layer = sc._layer
    everywhere = QRectF(-1e7, -1e7, 2e7, 2e7)
    for act in (w.grouping.action_collapse_all, w.grouping.action_expand_all):
        n = m.nodes()[len(m) // 2]
        (x, y) = m.position(n)
        w.editor.move_nodes(
            {n: ((x, y), (x + 30, y))}
        )  # an edit: its small repaint asks for every line filed
        w.view.viewport().repaint()
        for _ in range(200):  # (filed in idle turns after it)
            if not layer._top_index().waiting:
                break
            QApplication.processEvents()
        index = layer._top_index()
        assert index.waiting == 0 and len(index) == len(layer._lines.get(None, {})) > 3 * MANY
        filed = LineIndex.refiled
        act.trigger()  # the fold itself (its frame next)
        assert LineIndex.refiled - filed < MANY  # not one refile per boundary wire
        assert layer.refiled_later > 0
        w.view.viewport().repaint()  # the fold's frame: every line drawn, none filed for it
        assert LineIndex.refiled - filed < MANY
        for _ in range(200):  # idle turns: filed a slice at a time
            if not layer._top_index().waiting:
                break
            QApplication.processEvents()
        index = layer._top_index()
        assert index.waiting == 0
        fresh = LineIndex()
        fresh.fill(layer._lines.get(None, {}))
        assert sorted(x.toTuple() for x in index.lines_in(everywhere)) == sorted(
            x.toTuple() for x in fresh.lines_in(everywhere)
        )
        for r in (QRectF(0, 0, 1500, 1500), QRectF(3000, 2000, 2500, 900)):
            assert {x.toTuple() for x in fresh.lines_in(r)} <= {x.toTuple() for x in index.lines_in(r)}
        moved = drawn(layer)
        layer._fill()  # what a rebuild from the items draws
        assert moved == drawn(layer)
    w.view.set_zoom(1.0)
    QApplication.processEvents()
    check_every_wire(w)
