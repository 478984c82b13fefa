"""Backward on a big graph costs what the step shows, not the graph's size
(issue 14): counted, never timed. A step touches the same few cards at any
size and never walks every card for the camera; starting a pass draws the
root and dims what is outside it, told to the scene once (its pass board);
Skip to End sets the cards in view, the rest as they are seen; the kept
graph bounds are the walk's own."""

from __future__ import annotations

import random

import pytest
from layered_graphs import layered_graph
from PySide6.QtWidgets import QApplication
from scene_checks import brute_rect as old_graph_rect
from scene_checks import card_highlight_of
from window_helpers import answers, make_window, tmp_settings, window  # noqa: F401

from core.graph.groups import Group
from core.graph.model import GraphModel
from gui.canvas.items import NodeItem


def big_graph(n: int, seed: int = 2) -> GraphModel:
    """Values in [-2, 2] through add, mul and tanh (tanh keeps it finite)."""
    return layered_graph(n, seed, ["add", "mul", "tanh"], lambda rnd: rnd.uniform(-2, 2))


def open_graph(w, m: GraphModel) -> None:
    w.open_model(m, "big")
    w.backward.action_autoplay.setChecked(False)
    QApplication.processEvents()


class Calls:
    """Counts the card setters the animation calls, by node."""

    def __init__(self, monkeypatch) -> None:
        self.nodes: list[str] = []
        for name in ("set_grad", "set_highlight", "set_note"):
            orig = getattr(NodeItem, name)

            def counted(item, *a, _orig=orig, **k):
                self.nodes.append(item.node_id)
                return _orig(item, *a, **k)

            monkeypatch.setattr(NodeItem, name, counted)

    def take(self) -> list[str]:
        out, self.nodes = self.nodes, []
        return out


def looks_right(w, pos: int) -> None:
    """Every card shows what the replay says at ``pos``."""
    rp, sc = w.backward.replay, w.scene
    for n in w.model.nodes():
        it = sc.node_item(n)
        assert it.grad == rp.grad(n, pos), n
        assert it.highlight == rp.highlight(n, pos), n
        assert it.note == rp.note(n, pos), n


@pytest.mark.parametrize("n", [400, 1600])
def test_a_step_touches_the_same_few_cards_at_any_size(window, monkeypatch, n):
    w = window
    open_graph(w, big_graph(n))
    calls = Calls(monkeypatch)
    w.backward.action_backward.trigger()
    QApplication.processEvents()
    calls.take()
    walks = w.scene._grid.bounds.recounts
    ctl = w.backward
    for _ in range(8):
        ctl.action_step.trigger()
        QApplication.processEvents()
        step = ctl.replay.current(ctl.animator.pos)
        touched = calls.take()
        # the step before and this one: their nodes and inputs, three setters each at most
        assert len(touched) <= 3 * 2 * (1 + 2), touched
        assert set(touched) <= {
            *ctl.replay.touched(ctl.animator.pos),
            *ctl.replay.touched(ctl.animator.pos - 1),
        }
        assert ctl.canvas.cards_drawn <= 6
        assert step is not None
    ctl.action_step_back.trigger()
    QApplication.processEvents()
    assert len(calls.take()) <= 18
    # the camera asked for the graph's bounds without walking every card
    assert w.scene._grid.bounds.recounts == walks
    looks_right(w, ctl.animator.pos)


def test_starting_backward_draws_the_root_and_dims_the_rest_once(window, monkeypatch):
    w = window
    m = big_graph(1500)
    open_graph(w, m)
    calls = Calls(monkeypatch)
    told = []
    orig = type(w.scene).overview_changed
    monkeypatch.setattr(
        type(w.scene), "overview_changed", lambda sc, item=None: told.append(item) or orig(sc, item)
    )
    in_view, retold = set(w.scene.detail.shown), w.scene.board.retold
    w.backward.action_backward.trigger()
    QApplication.processEvents()
    rp = w.backward.replay
    outside = [n for n in m.nodes() if not rp.in_past(n)]
    assert len(outside) > 300  # the test means something: many cards to dim
    # the scene's pass board told once what every card shows; the cards in
    # view then brought up to date, and only those: the rest (opened far
    # out: all of them) ask the board once they come into view
    assert w.scene.board.retold == retold + 1
    assert w.backward.canvas.cards_drawn <= len(in_view) + 1
    touched = calls.take()
    assert set(touched) <= {*outside, "out"} and len(touched) == len(set(touched)) + touched.count("out") - 1
    assert len(touched) < len(outside) // 4
    # one batch: the overview draws nothing of it (it colours the current
    # step's block only; the root's note is filed by its bounds alone)
    assert told == []
    looks_right(w, 0)


def test_skip_to_end_sets_each_card_of_the_pass_once(window, monkeypatch):
    w = window
    m = big_graph(1500)
    open_graph(w, m)
    ctl = w.backward
    ctl.action_backward.trigger()
    for _ in range(3):
        ctl.action_step.trigger()
    QApplication.processEvents()
    calls = Calls(monkeypatch)
    in_view = set(w.scene.detail.shown)
    ctl.action_skip_end.trigger()
    QApplication.processEvents()
    rp = ctl.replay
    touched = calls.take()
    # the cards in view (and the current step's) at once, the rest when seen
    assert ctl.canvas.cards_drawn <= len(in_view) + 2 < len(rp.rank)
    assert all(rp.in_past(n) for n in touched)  # the dimmed cards stay as they are
    assert len(touched) <= 3 * len(rp.rank)
    looks_right(w, rp.last)
    # and back to the start: the same picture as when the pass began
    ctl.action_restart.trigger()
    QApplication.processEvents()
    looks_right(w, 0)


def test_the_kept_graph_bounds_are_the_walk_over_every_card(window):
    w = window
    m = big_graph(300)
    open_graph(w, m)
    sc, view = w.scene, w.view
    assert view.graph_rect() == old_graph_rect(sc)
    walks = sc._grid.bounds.recounts
    view.graph_rect()
    assert sc._grid.bounds.recounts == walks  # asked again, nothing changed: no walk
    ctl = w.backward
    ctl.action_backward.trigger()
    QApplication.processEvents()
    assert view.graph_rect() == old_graph_rect(sc)
    # the card at the bottom gets a note that reaches below the graph
    low = max(m.nodes(), key=lambda n: (m.position(n)[1], n))
    sc.node_item(low).set_note("a very long note under the lowest card, wider than it " * 3)
    assert view.graph_rect() == old_graph_rect(sc)
    sc.node_item(low).set_note(None)
    assert view.graph_rect() == old_graph_rect(sc)
    ctl.action_skip_end.trigger()
    QApplication.processEvents()
    assert view.graph_rect() == old_graph_rect(sc)
    ctl.action_clear.trigger()
    QApplication.processEvents()
    assert view.graph_rect() == old_graph_rect(sc)
    # a move through the model, a card dragged (the model hears at the end)
    right = max(m.nodes(), key=lambda n: m.position(n)[0])
    x, y = m.position(right)
    w.editor.move_nodes({right: ((x, y), (x + 900, y + 40))})
    QApplication.processEvents()
    assert view.graph_rect() == old_graph_rect(sc)
    it = sc.node_item("x0")
    it.setPos(it.x() - 700, it.y() - 300)
    sc.nodes_moved(["x0"])
    assert view.graph_rect() == old_graph_rect(sc)
    # a folded group hides its cards and shows one of its own
    m.groups.load([Group("g", "left part", {f"x{i}" for i in range(10)}, collapsed=True)])
    QApplication.processEvents()
    assert sc.folding.cards()
    assert view.graph_rect() == old_graph_rect(sc)
    # a node removed
    m.remove_node(right)
    QApplication.processEvents()
    assert view.graph_rect() == old_graph_rect(sc)


def test_a_step_refreshes_only_the_folded_cards_that_show_its_nodes(window):
    w = window
    m = big_graph(1200)
    ids = m.nodes()
    m.groups.load(
        [
            Group(f"g{k}", f"part {k}", set(ids[i : i + 40]), collapsed=True)
            for k, i in enumerate(range(0, 1000, 40))
        ]
    )
    open_graph(w, m)
    folding, ctl = w.scene.folding, w.backward
    assert len(folding.cards()) == 25
    ctl.action_backward.trigger()
    QApplication.processEvents()
    for _ in range(10):
        before = folding.redecorated
        ctl.action_step.trigger()
        QApplication.processEvents()
        rp, pos = ctl.replay, ctl.animator.pos
        shown = {*rp.touched(pos), *rp.touched(pos - 1)}
        cards = {folding.card_of(n) for n in shown} | {
            folding.card_of(t) for n in shown for t, _p in m.consumers(n)
        }
        cards.discard(None)
        assert folding.redecorated - before <= len(cards) < 25
        # each folded card shows its nodes' part in the pass, as a full refresh would
        for card in folding.cards():
            assert card.highlight == card_highlight_of(w.scene, m.groups.nodes_in(card.gid)), card.gid


def test_the_spots_a_card_covers_are_found_row_by_row_as_a_plain_scan_finds_them():
    from gui.backward.caption_layout import blocked_spots

    rnd = random.Random(4)
    cards = []
    for _ in range(300):
        x, y = rnd.uniform(-3000, 3000), rnd.uniform(-2000, 2000)
        cards.append((x, y, x + rnd.uniform(20, 300), y + rnd.uniform(10, 120)))
    w, h = 180.0, 19.5
    rows_y = [rnd.uniform(-2100, 2100) for _ in range(200)]
    cands = [(0.0, rnd.uniform(-3100, 3100), rnd.choice(rows_y), 0.0, 0.0) for _ in range(4000)]
    hit, rows = blocked_spots(cands, w, h, cards)

    def plain(cx, cy):  # caption_layout's _hits on the box _place_in_order makes
        x1, y1, x2, y2 = cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2
        return any(x1 < a2 and a1 < x2 and y1 < b2 and b1 < y2 for a1, b1, a2, b2 in cards)

    assert hit == [plain(cx, cy) for _c, cx, cy, _ax, _ay in cands]
    assert any(hit) and not all(hit)
    # a row keeps the cards its height meets, in the cards' order
    for cy, row in rows.items():
        assert row == [c for c in cards if cy - h / 2 < c[3] and c[1] < cy + h / 2]


def test_a_replay_makes_a_nodes_contributions_when_asked_as_the_eager_walk_made_them():
    from core.explain.received import Received
    from core.explain.replay import Replay
    from core.graph.backward import backward

    m = big_graph(600)
    m.add_node("add", "twice")  # a + a: one node on both ports of a step
    m.connect("out", "twice", 0)
    m.connect("out", "twice", 1)
    m.set_output("twice")
    rp = Replay(backward(m), m.label)
    eager: dict[str, list] = {n: [] for n in rp.result.order}
    for k, s in enumerate(rp.steps):
        for p, (inp, loc, c) in enumerate(zip(s.inputs, s.locals, s.contributions)):
            eager[inp].append(Received(k, s.node, p, loc, s.upstream, c))
    assert not rp.received._made  # nothing made up front
    assert rp.received["out"] == eager["out"] and len(eager["out"]) == 2
    assert list(rp.received) == list(eager) and len(rp.received) == len(eager)
    assert dict(rp.received.items()) == eager
    assert "x0" in rp.received and "nowhere" not in rp.received and rp.received.get("nowhere") is None


def test_skip_to_end_does_not_ask_every_leafs_card_whether_the_ends_fit(window, monkeypatch):
    """The finished picture keeps the root and every leaf in view when they
    fit at a readable zoom; on a big graph the box of their positions shows
    they do not, so their cards are not asked one by one (~10,000 leaves at
    50,000 nodes). The view goes where it went before."""
    from gui.backward import finished_view, replay_canvas

    w = window
    open_graph(w, big_graph(1500))
    ctl = w.backward
    ctl.action_backward.trigger()
    ctl.action_step.trigger()
    QApplication.processEvents()
    view = w.view
    start = view.transform(), view.horizontalScrollBar().value(), view.verticalScrollBar().value()
    asked: list[int] = []
    rect = replay_canvas._rect
    for module in (replay_canvas, finished_view):  # (the step's, the finished picture's)
        monkeypatch.setattr(
            module, "_rect", lambda sc, nodes, *a, **k: asked.append(len(nodes)) or rect(sc, nodes, *a, **k)
        )
    ctl.action_skip_end.trigger()
    QApplication.processEvents()
    ends = ctl.replay.ends()
    assert len(ends) > 50 and asked and max(asked) < 20
    at = w.view.transform(), w.view.horizontalScrollBar().value(), w.view.verticalScrollBar().value()
    # as the cards' rect would have placed it, from the same step and view
    ctl.action_restart.trigger()
    ctl.action_step.trigger()
    QApplication.processEvents()
    view.setTransform(start[0])
    view.horizontalScrollBar().setValue(start[1])
    view.verticalScrollBar().setValue(start[2])
    monkeypatch.setattr(finished_view, "ends_cannot_fit", lambda *a: False)
    ctl.action_skip_end.trigger()
    QApplication.processEvents()
    assert (
        w.view.transform(),
        w.view.horizontalScrollBar().value(),
        w.view.verticalScrollBar().value(),
    ) == at


def test_the_finished_pass_sentence_looks_for_six_summed_nodes_not_every_one(window, monkeypatch):
    """It names six nodes used more than once (and whether there are more):
    found from the root on, not every node of the pass walked."""
    from core.explain import step_text
    from core.graph.backward import PassSteps

    w = window
    open_graph(w, big_graph(1500))
    w.backward.action_backward.trigger()
    QApplication.processEvents()
    rp = w.backward.replay
    steps = rp.steps

    class Counted(dict):
        asked = 0

        def get(self, *a):
            Counted.asked += 1
            return super().get(*a)

    monkeypatch.setattr(steps, "_senders", Counted(steps.sender_table()))
    said = step_text.narrate(rp, rp.last)
    assert 0 < Counted.asked < len(rp.rank) / 4
    full = PassSteps.summed_nodes
    monkeypatch.setattr(PassSteps, "summed_nodes", lambda s, limit=None: full(s))  # every one
    assert step_text.narrate(rp, rp.last) == said and "…" in said
