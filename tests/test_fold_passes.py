"""What a fold of many groups costs where it need not read the whole graph
(issue 14, Collapse All / Expand All at 50,000 nodes): the linked copies'
rule reads the uses across groups once per wiring, and a fold filters them
by the groups folded, asking no node where it is folded; far out the
overview keeps its lines without the linked ones while the same lines are
filed (Expand All meets the open graph's again); Collapse All from every
group open draws new lines and keeps the old ones whole for Expand All,
which puts them back (no line read or moved), and no later fold moves them."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from test_fold_lazy import lazy  # noqa: F401
from test_linked_copies import expected
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.graph.groups import Group, GroupSet
from gui.canvas.linked.rule import LinkedRule

ROOT = Path(__file__).resolve().parents[1]


def grouped_dag(n: int = 3000, size: int = 100, nested: bool = True):
    """The benchmark's layered graph (random leaves shared across its
    parts) in groups of ``size`` nodes in topological order, every third
    pair of them inside an outer group."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_scaling import layered_dag

    m = layered_dag(n)
    ids = m.topological_order()
    groups = [Group(f"g{k}", f"part {k}", set(ids[i : i + size])) for k, i in enumerate(range(0, n, size))]
    if nested:
        for k in range(0, len(groups) - 1, 3):
            groups[k].parent = groups[k + 1].parent = f"o{k}"
            groups.append(Group(f"o{k}", f"outer {k}"))
    m.groups.load(groups)
    return m


def test_the_linked_rule_asks_no_node_where_it_is_folded_at_a_fold(monkeypatch):
    m = grouped_dag()
    rule = LinkedRule(m)
    assert rule.every_key() == expected(m) and len(expected(m)) > 200
    asked = []
    for name in ("folded_into", "group_of"):
        real = getattr(GroupSet, name)

        def counting(self, node, _real=real):
            asked.append(node)
            return _real(self, node)

        monkeypatch.setattr(GroupSet, name, counting)
    gs, filtered = m.groups, rule.filtered
    states = [["g4"], ["o0", "g7", "g12"], [g.id for g in gs if g.parent is None], []]
    for folded in states:
        with gs.batch():
            for g in gs:
                gs.set_collapsed(g.id, g.id in folded)
        rule.changed(wiring=False)  # (as the copies tell it at a fold)
        got = rule.every_key()
        n = len(asked)
        assert got == expected(m), folded  # (expected asks: counted from here on)
        del asked[n:]
        assert asked == [], folded  # no node asked where it is: each use by the groups its ends are in
    # folded ones filtered from the uses read once at most (a few groups folded or opened: only
    # the uses into their own nodes, LinkedRule._refiltered); every group open: the set as read
    assert rule.filtered - filtered <= 3 * len(rule._uses_across()[0])


def test_expand_all_again_filters_no_line_of_the_linked_ones_and_draws_the_same(qtbot, monkeypatch):
    """Far out, the overview leaves the linked lines out: with every group
    open the rule's set is one object, so its lines without them are kept
    and Expand All after Collapse All looks at none (the open graph's ~38,000
    top-level lines filtered again at each Expand All at 50,000 nodes)."""
    from test_fold_costs import fold_all
    from test_overview_cache import differing, direct, far_canvas, frame

    from gui.canvas.overview import overview_draw

    looked: list[int] = []
    real = overview_draw._without

    def counting(lines, keys):
        looked.append(len(lines))
        return real(lines, keys)

    monkeypatch.setattr(overview_draw, "_without", counting)
    scene, view, _ = far_canvas(qtbot, model=grouped_dag())
    hide = scene.linked.hidden_lines()
    assert len(hide) > 200 and looked  # the open graph's lines but the linked ones: looked at once
    seen = len(looked)
    layer = scene._layer
    for collapsed in (True, False, True, False):
        fold_all(scene, collapsed)
        shown = frame(view)
    assert scene.linked.hidden_lines() is hide
    assert looked[seen:] == []  # the kept lines drawn: none looked at again
    layer._hidden_sets = None  # the pixels of every line looked at anew
    want = direct(view, monkeypatch)
    assert shown == want, differing(shown, want)


def test_collapse_all_reads_no_lines_ends_and_expand_all_moves_none(lazy, window, tmp_path, monkeypatch):
    """From every group open, Collapse All draws new lines for the wires it
    re-routes and keeps the overview's old ones whole for Expand All, which
    puts them back: no line's ends read at the fold, none moved at either
    (~38,000 of each at 50,000 nodes: read into tuples, then moved twice)."""
    from PySide6.QtCore import QLineF
    from test_fold_batches import crossing, open_grouped
    from test_open_routes import shown

    from gui.canvas.folding.fold_routes import MANY
    from gui.canvas.overview import overview, overview_wires

    w = window
    gids = open_grouped(w, tmp_path, n=900, per=30)
    w.view.set_zoom(w.view.zoom * 0.98)  # not fitted (Collapse All would fit a fitted view again)
    QApplication.processEvents()
    assert w.scene.far and len(crossing(w)) >= MANY
    before = shown(w)
    calls: list[str] = []

    class Counted(QLineF):
        def setLine(self, *a):  # type: ignore[override]
            calls.append("moved")
            return QLineF.setLine(self, *a)

        def toTuple(self):  # type: ignore[override]
            calls.append("read")
            return QLineF.toTuple(self)

    with monkeypatch.context() as mp:
        mp.setattr(overview, "QLineF", Counted)
        mp.setattr(overview_wires, "QLineF", Counted)  # (the lines' re-route, filing, moves)
        w.scene._layer._index = None  # (no filing by place: as after a batch move)
        w.grouping.set_collapsed(gids, True)
        QApplication.processEvents()
        assert calls == []
        w.grouping.action_expand_all.trigger()
        QApplication.processEvents()
        assert calls == []
    assert w.scene.folding._index.routes.reused == 1
    assert shown(w) == before  # drawn as before the fold (and as a rebuild draws it)


def test_the_lines_kept_for_expand_all_are_moved_by_no_later_fold(lazy, window, tmp_path):
    """The overview's lines Expand All put back are the open routes again:
    a Collapse All while a card is shown (not from every group open) draws
    new lines too, so the next Expand All puts back lines that ran where
    they run open, not where that fold moved them."""
    from test_fold_batches import open_grouped
    from test_layout_moves import drawn
    from test_open_routes import shown

    w = window
    gids = open_grouped(w, tmp_path, n=900, per=30)
    w.view.set_zoom(w.view.zoom * 0.98)  # not fitted (Collapse All would fit a fitted view again)
    QApplication.processEvents()
    before = shown(w)
    routes = w.scene.folding._index.routes
    w.grouping.set_collapsed(gids, True)
    w.grouping.action_expand_all.trigger()
    QApplication.processEvents()
    assert routes.lines and routes.reused == 1
    assert drawn(w.scene._layer) == before[0]  # (not rebuilt: the very lines put back)
    w.grouping.set_collapsed(gids[3:4], True)  # one card shown, then all
    w.grouping.set_collapsed(gids, True)
    w.grouping.action_expand_all.trigger()
    QApplication.processEvents()
    assert routes.reused == 2
    assert drawn(w.scene._layer) == before[0]
    assert shown(w) == before
