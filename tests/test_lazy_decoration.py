"""A big jump of the backward animation repaints only the cards in view; the
others are told what to show and catch up as they come into view
(gui/canvas/cards/card_decor.py). Counted, never timed: Skip to End decorates far
fewer cards than the graph has, yet scrolling over the whole graph, or a
picture of it, shows every card exactly as a card decorated at once would
(checked against a fresh card given the replay's answers), and Step back /
Clear undo it everywhere."""

from __future__ import annotations

import math
import random

import pytest
from layered_graphs import layered_graph
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication
from window_helpers import answers, make_window, tmp_settings, window  # noqa: F401

from core.autograd.floats import same_float
from core.explain.format import fmt
from core.graph.model import GraphModel
from gui.canvas import image_export
from gui.canvas.items import NodeItem
from gui.canvas.overview.block_colors import plain_color


def graph(n: int, big: bool, seed: int = 3) -> GraphModel:
    """Through add, mul and sub. ``big``: leaves so big most values are inf or
    nan, so most cards of the pass get a note."""

    def leaf(rnd: random.Random) -> float:
        return rnd.uniform(1e300, 1.7e308) * rnd.choice([-1, 1]) if big else rnd.uniform(-2, 2)

    return layered_graph(n, seed, ["add", "mul", "sub"], leaf)


def expected_card(w, n: str, pos: int) -> NodeItem:
    """A card given what the replay shows of ``n`` at ``pos`` at once (brute force)."""
    rp = w.backward.replay
    ref = plain(w, n)
    g = rp.grad(n, pos)
    ref.set_grad(g, rp.quantity)
    ref.set_highlight(rp.highlight(n, pos))
    note = rp.note(n, pos)
    if g is not None and not math.isfinite(g) and (note is not None or pos >= rp.last):
        why = rp.nonfinite_cause(n, pos)
        note = (note + "  ⚠ " if note else f"{rp.quantity_of(n)} = {fmt(g)}  ⚠ ") + (why or "")
    ref.set_note(note)
    return ref


def drawn(it: NodeItem) -> tuple:
    """What a card draws now (read without catching it up). Its note whole:
    where it goes and how much of a long sum it shows depend on the notes
    around it (gui/canvas/cards/note_layout.py), and so do its bounds."""
    texts = [(t.kind, t.text) for t in it.texts_at(1.0) if t.kind != "note"]
    note = it.drawn_note
    bounds = it.rect().getRect() if note is None else None
    return it.drawn_highlight, round(it.opacity(), 3), texts, note, bounds


def plain(w, n: str) -> NodeItem:
    """A new card for ``n``, with the output badge its card on the canvas has."""
    ref, it = NodeItem(w.model, n), w.scene.node_item(n)
    ref.set_output_flag(it.is_output)
    ref.set_auto_output(it.is_auto_output)
    return ref


def mismatches(w, expect) -> list[str]:
    sc = w.scene
    return [n for n in w.model.nodes() if drawn(sc.node_item(n)) != drawn(expect(w, n))]


def overview_right(w, pos: int | None) -> None:
    """Far out, the overview colours every card's block as a brute-force
    look at the replay says (the current step's block: HL_CURRENT), without
    being rebuilt for it."""
    sc, rp = w.scene, w.backward.replay
    assert sc.far and sc._layer.built
    want = {}
    for n in w.model.nodes():
        it = sc.node_item(n)
        if pos is not None and rp.highlight(n, pos) == "current":
            want[n] = 5
        else:
            want[n] = 4 if it.is_output else plain_color(w.model.op(n), w.model.value(n))
    assert {n: c for n, (c, _box) in sc._layer._color.items()} == want


def scroll_everywhere(w, zoom: float = 1.0, step: float = 1.0) -> None:
    """Scroll over the whole graph at ``zoom``, each view painted (``step``:
    how far a scroll moves, in views)."""
    view = w.view
    view.set_zoom(zoom)
    QApplication.processEvents()
    r = view.graph_rect()
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    y = r.top()
    while y < r.bottom() + seen.height():
        x = r.left()
        while x < r.right() + seen.width():
            view.centerOn(QPointF(x, y))
            view.viewport().repaint()
            x += seen.width() * step
        y += seen.height() * step
    QApplication.processEvents()


def open_far(w, m: GraphModel) -> None:
    w.open_model(m, "big")
    w.backward.action_autoplay.setChecked(False)
    w.backward.action_follow.setChecked(False)  # the view stays far out: every card out of view
    w.action_fit.trigger()
    QApplication.processEvents()
    assert w.scene.far


@pytest.mark.parametrize("big", [False, True])
def test_skip_to_end_decorates_the_cards_in_view_and_the_rest_as_they_come_into_view(window, big):
    w = window
    m = graph(1500, big)
    open_far(w, m)
    ctl = w.backward
    ctl.action_backward.trigger()
    for _ in range(3):
        ctl.action_step.trigger()
    ctl.action_skip_end.trigger()
    QApplication.processEvents()
    rp, end = ctl.replay, ctl.animator.pos
    assert end == rp.last
    overview_right(w, end)
    # far fewer cards repainted than the pass has (the overview's current one)
    assert len(rp.rank) > 500
    assert ctl.canvas.cards_decorated <= 2
    if big:  # the test means something: most cards of the pass have a note
        assert sum(w.scene.node_item(n).note is not None for n in rp.rank) > len(rp.rank) // 2
    late = mismatches(w, lambda w, n: expected_card(w, n, end))
    assert len(late) > len(m) // 2  # not yet drawn: out of view
    scroll_everywhere(w)
    assert mismatches(w, lambda w, n: expected_card(w, n, end)) == []
    # what the getters say agrees (and reading them catches a card up)
    for n in m.nodes():
        it = w.scene.node_item(n)
        assert same_float(it.grad, rp.grad(n, end)) and it.highlight == rp.highlight(n, end), n


def test_step_back_and_clear_undo_it_everywhere(window):
    w = window
    m = graph(1500, True)
    open_far(w, m)
    ctl = w.backward
    ctl.action_backward.trigger()
    ctl.action_skip_end.trigger()
    QApplication.processEvents()
    w.view.set_zoom(1.0)  # some cards caught up, most not
    QApplication.processEvents()
    w.action_fit.trigger()
    ctl.action_step_back.trigger()
    QApplication.processEvents()
    pos = ctl.animator.pos
    assert pos == ctl.replay.last - 1
    overview_right(w, pos)
    ctl.action_restart.trigger()
    QApplication.processEvents()
    overview_right(w, 0)
    ctl.action_skip_end.trigger()
    ctl.action_step_back.trigger()
    QApplication.processEvents()
    overview_right(w, pos)
    scroll_everywhere(w)
    assert mismatches(w, lambda w, n: expected_card(w, n, pos)) == []
    w.action_fit.trigger()
    ctl.action_skip_end.trigger()
    ctl.action_clear.trigger()
    QApplication.processEvents()
    overview_right(w, None)
    assert ctl.canvas.cards_decorated < len(m) // 10  # the rest cleared as they come into view
    scroll_everywhere(w)
    assert mismatches(w, plain) == []
    assert not w.scene.pass_shown()


@pytest.mark.parametrize("near", [False, True])
def test_a_picture_of_the_whole_graph_shows_every_card_decorated(window, monkeypatch, near):
    w = window
    m = graph(1500, True)
    open_far(w, m)
    ctl = w.backward
    ctl.action_backward.trigger()
    ctl.action_skip_end.trigger()
    QApplication.processEvents()
    end = ctl.replay.last
    if near:  # most cards out of view, at a readable zoom
        w.view.set_zoom(1.0)
        QApplication.processEvents()
        assert not w.scene.far
    assert mismatches(w, lambda w, n: expected_card(w, n, end))  # out of view: not yet drawn
    seen = []
    monkeypatch.setattr(
        image_export, "_render", lambda *a: seen.append(mismatches(w, lambda w, n: expected_card(w, n, end)))
    )
    image_export.png_bytes(w.scene, 0.05)
    assert seen == [[], []]  # (each drawing: the one that finds the margins, then the picture)
