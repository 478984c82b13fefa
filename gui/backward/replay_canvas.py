"""Drawing a replay position on the canvas, through the items' view-only API
(NodeItem.set_grad/set_highlight/set_note, EdgeItem.set_flow), touching only
what changed, and keeping the current step on screen."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

import shiboken6
from PySide6.QtCore import QRectF

from core.autograd.floats import same_float
from core.explain.format import fmt
from core.explain.forward_replay import AnyReplay
from core.explain.replay import CURRENT, Replay
from core.learn.training import trainable_among
from gui.backward.camera_moves import (
    MARGIN,
    READABLE_ZOOM,
    center_in_room,
    centre_toward,
    clear_of_overlays,
    ensure_visible,
    fit_zoom,
    fitting,
    grown_while_readable,
    over_opened,
    seen,
    with_comfort,
    with_room,
    with_tabs,
    would_fit,
)
from gui.backward.caption_layout import place_captions
from gui.backward.edge_cards import held_near_middle, notes_in_view, whole_cards_in_view, whole_graph_near
from gui.backward.finished_view import ends_clear, show_ends
from gui.backward.step_marker import StepMarker
from gui.backward.step_parts import _rect, _united, step_parts
from gui.canvas.cards.card_text import FULL_ZOOM, NOTE_PX, text_scale
from gui.canvas.cards.note_layout import place_notes, unplace_moved
from gui.canvas.pass_board import Flow, Look, nothing
from gui.canvas.view import GraphView
from gui.canvas.wires.wire_caption import caption_px

FOLLOW_ZOOM = max(0.85, READABLE_ZOOM + 0.1)
#: More cards than this changed at once are told to the scene as one batch.
BATCH = 64


def look(rp: AnyReplay, model, n: str, pos: int, finished: bool = False) -> Look:
    """What the card of ``n`` shows at ``pos`` of ``rp``: gradient, its name,
    highlight and note (an inf/nan gradient's note says where it came from;
    ``finished``: the note the finished picture has, the last step's as any other's,
    finished_picture.py).
    A node the model no longer has shows nothing: deleting nodes mid-pass
    parks their cards before the pass is cleared, and a card out of date
    asks for its look then (its note would name a node that is gone)."""
    if n not in model:
        return nothing(n)
    g = rp.grad(n, pos)
    note = rp.end_note(n) if finished else rp.note(n, pos)
    if g is not None and not math.isfinite(g) and (note is not None or pos >= rp.last):
        why = rp.nonfinite_cause(n, pos)
        note = (note + "  ⚠ " if note else f"{rp.quantity_of(n)} = {fmt(g)}  ⚠ ") + (why or "")
    return g, rp.quantity, rp.highlight(n, pos), note


def flow_at(rp: AnyReplay, pos: int) -> Flow | None:
    """What the wires carried back by ``pos`` of a backward pass (forward mode: None)."""
    return Flow(rp.root, lambda ws: rp.sent_back(ws, pos)) if isinstance(rp, Replay) else None


def still_of(rp: AnyReplay) -> Callable[[str], bool] | None:
    """Forward mode's nodes that do not depend on its leaf (their tangent is
    0: a folded card's row says so, as its other rows say theirs); Backward: None."""
    return None if isinstance(rp, Replay) else (lambda n: not rp.in_past(n))


class ReplayCanvas:
    """Paints replay positions onto one scene (the window's current one)."""

    def __init__(self) -> None:
        self._lit: list[tuple[str, str, int]] = []  # wires showing a flow
        self.cards_drawn = 0  # cards the last draw looked at (tests count them)
        self.cards_decorated = 0  # cards it repainted; the others out of view wait (card_decor.py)
        self._caption_px = NOTE_PX[1]  # the font size the captions have room for
        self._marker: StepMarker | None = None  # far out, over the current step
        self._marked: str | None = None
        self._camera = False  # while following the step
        self._refollow = False  # the camera's zoom resized the captions: it follows again
        #: the zoom before the finished picture zoomed out, and the zoom it took
        self._ends_zoom: tuple[float, float] | None = None

    def set_zoom(self, zoom: float) -> bool:
        """The view's zoom now; True when the lit wires' captions need
        another size (they are laid out again: ``recaption``) to be read."""
        px = caption_px(zoom)
        if px == self._caption_px:
            return False
        self._caption_px = px
        if not self._lit:
            return False
        self._refollow |= self._camera
        return True

    def take_refollow(self) -> bool:
        """Whether the camera's own zoom changed the captions' size since
        last asked (a user's zoom or pan is left alone)."""
        again, self._refollow = self._refollow, False
        return again

    def clear(self, scene, model) -> None:
        """No gradient, highlight, caption or lit wire anywhere: the cards in
        view at once, the others when they come into view (one batch)."""
        scene.board.retell(nothing, active=False)
        scene.board.flow = None
        self._catch_up(scene, None)
        self.clear_flows(scene)
        self._mark(scene, None)

    def forget(self) -> None:
        """The scene was replaced: its wires are gone with it."""
        self._lit = []
        m, self._marker, self._marked = self._marker, None, None
        if m is not None and shiboken6.isValid(m) and m.scene() is not None:
            m.scene().removeItem(m)

    def _mark(self, scene, node: str | None) -> None:
        """The far-out ring over ``node``'s card (None: none), made once a scene."""
        self._marked = node
        r = QRectF() if node is None else _rect(scene, [node], cards_only=True)
        if self._marker is None or self._marker.scene() is not scene:
            if r.isNull():
                return
            self._marker = StepMarker()
            self._marker.setParentItem(scene.marks)  # (into the scene with it: no sort of every card)
        self._marker.setVisible(not r.isNull())
        if not r.isNull():
            self._marker.setPos(r.center())

    def clear_flows(self, scene) -> None:
        for key in self._lit:
            e = scene.edge_item(*key)
            if e is not None:
                e.set_flow(None)
        self._lit = []

    def relayout(self, scene, moved: Iterable[str] = ()) -> None:
        """Lay the notes and the lit wires' captions out again (the cards
        ``moved`` under them): the notes in view now, those of moved cards
        out of view when they come into view."""
        unplace_moved(scene, moved)
        shown = _cards(scene, scene.detail.in_view())
        for it in shown:
            it.unplace_note()
        place_notes(scene, shown)
        self.recaption(scene)
        self._mark(scene, self._marked)

    def recaption(self, scene) -> None:
        """Lay the lit wires' captions out again, at the size the zoom needs."""
        edges = [e for e in (scene.edge_item(*k) for k in self._lit) if e is not None]
        for e in edges:
            e.size_caption(self._caption_px)
        place_captions(scene, edges)

    def draw(self, replay: AnyReplay, scene, model, pos: int, old: int) -> None:
        """Show ``pos``; ``old`` is what is on screen now (-1: a new pass,
        whatever an earlier one or a learning tool left on the cards).

        Only the cards that look different are touched: a step's few, each
        set at once. A new pass or a long jump (Restart, Skip to End) changes
        most cards: the scene's pass board is retold what every card shows
        at ``pos`` (gui/canvas/pass_board.py) and only the cards in view, and
        those the far-zoom overview colours as current, are brought up to
        date; the others catch up when they come into view or are read (a
        card no step has changed since looks as it did at ``pos``). A batch
        is told to the scene once, not once per card."""
        rp = replay
        self.cards_drawn = self.cards_decorated = 0
        # what the wires carried back by ``pos`` (the folded cards' rows, which follow the cards set here)
        scene.board.flow = flow_at(rp, pos)
        changed = None if old < 0 else rp.changed_between(old, pos)
        if changed is None:
            scene.board.retell(
                lambda n: look(rp, model, n, pos),
                grad=lambda n: rp.grad(n, pos),
                quantity=rp.quantity,
                still=still_of(rp),
            )
            step = rp.current(min(pos, rp.last))
            self._catch_up(scene, step.node if step is not None else rp.root)
        else:
            self._draw_changed(rp, scene, model, pos, changed)
        # the new notes in view clear of the cards and of each other, before the captions avoid
        # them (the others as they come into view: gui/canvas/zoom_detail.py)
        place_notes(scene, _cards(scene, scene.detail.in_view() if changed is None else changed))
        self.clear_flows(scene)
        place_captions(scene, self._light(rp, scene, pos))
        step = rp.current(min(pos, rp.last))
        self._mark(scene, rp.root if step is None else step.node)

    def _light(self, rp: AnyReplay, scene, pos: int) -> list:
        """Light the wires carrying ``pos``'s flows; their items."""
        lit = []
        for s, t, p, text in rp.flows(pos):
            e = scene.edge_item(s, t, p)
            if e is not None:
                e.set_flow(text)
                e.size_caption(self._caption_px)
                self._lit.append((s, t, p))
                lit.append(e)
        return lit

    def regrouped(self, replay: AnyReplay, scene, pos: int) -> None:
        """Groups were folded or opened mid-pass: the step's wires run
        elsewhere now (from a card's port to the cards inside), so they are
        lit again and the notes and captions in view laid out anew (they
        stayed where the folded card had put them, over the opened cards)."""
        self.clear_flows(scene)
        self._light(replay, scene, pos)
        self.relayout(scene)  # (the ring too: on the card showing the step now)

    def _catch_up(self, scene, node: str | None) -> None:
        """After a retelling: the cards in view, those drawn as current and
        ``node``'s (the new current one: the root at the start, which a
        folded card may show) show what the board says, quietly; the scene
        is told once (the overview of each block it colours as current that
        changed)."""
        nodes = scene.detail.in_view() | scene.board.current
        if node is not None:
            nodes.add(node)
        for n in nodes:
            it = scene.node_item(n)
            if it is None:
                continue
            self.cards_drawn += 1
            was = it.drawn_highlight
            if it.catch_up():
                self.cards_decorated += 1
            if CURRENT in (was, it.drawn_highlight) and was != it.drawn_highlight:
                scene.overview_changed(it)
        scene.decoration_changed()

    def _draw_changed(self, rp: AnyReplay, scene, model, pos: int, nodes: set[str]) -> None:
        """Set the cards of ``nodes`` (those that look different at ``pos``:
        a step's few, a few hundred at most), quietly for a big batch."""
        quiet = len(nodes) > BATCH
        for n in nodes:
            it = scene.node_item(n)
            if it is None:
                continue
            self.cards_drawn += 1
            self.cards_decorated += 1
            g, _name, hl, note = look(rp, model, n, pos)
            if not same_float(it.grad, g) or it.grad_name != rp.quantity:
                it.set_grad(g, rp.quantity, quiet)
            if it.highlight != hl and quiet:
                _quietly(scene, it.set_highlight, it, hl)
            elif it.highlight != hl:
                it.set_highlight(hl)
            if it.note != note:
                it.set_note(note)
        if quiet:
            scene.decoration_changed()

    def follow(
        self,
        replay: AnyReplay,
        scene,
        view: GraphView,
        pos: int,
        zoom_in: bool,
        top_margin: float = 0.0,
        recentre: bool = False,
        opened: str | None = None,
    ) -> None:
        """``keep_in_view``, noting that the camera moved (a zoom it makes that
        changes the captions' size makes it follow again, once they grew)."""
        self._camera, self._refollow = True, False  # (this follow is the one that counts)
        before = view.transform().m11()
        ends = self._ends_zoom
        if ends is not None and pos < replay.last and abs(before - ends[1]) < 1e-9:
            # back from the finished picture the camera zoomed out for, to the
            # zoom the steps were read at (numbers and captions shown again);
            # a zoom the user made since is left alone
            view.set_zoom(ends[0], center=view.mapToScene(view.viewport().rect().center()))
        self._ends_zoom = None
        try:
            self.keep_in_view(replay, scene, view, pos, zoom_in, top_margin, recentre, opened)
        finally:
            self._camera = False
        after = view.transform().m11()
        if pos >= replay.last and after < min(before, READABLE_ZOOM):
            self._ends_zoom = (before, after)

    @staticmethod
    def keep_in_view(
        replay: AnyReplay,
        scene,
        view,
        pos: int,
        zoom_in: bool,
        top_margin: float = 0.0,
        recentre: bool = False,
        opened: str | None = None,
    ) -> None:
        """Keep the current step on screen, scrolling as little as possible.

        When a pass starts (``zoom_in``) a graph that is not fully in view is
        fitted; if it is then too small to read its gradients and captions,
        the view zooms in to a readable size on the root. Each step then
        scrolls just enough to show the current node, its inputs and the
        captions (or at least the current node, when they don't fit).
        ``top_margin`` (viewport pixels) keeps clear of a banner on top.
        ``recentre``: the cards moved under the view (groups opened mid-pass),
        so it centres the step's part of the graph before scrolling to it
        (it stayed where it was: a leaf at the graph's edge, half the view empty),
        over the frame of the one group ``opened`` as far as the step stays in view."""
        rp = replay
        was = view.mapToScene(view.viewport().rect().center())  # (the way the view moves: edge_cards.py)
        if zoom_in:
            graph = view.graph_rect()
            if (
                graph is not None
                and not seen(view, top_margin).contains(graph)
                and fit_zoom(view, graph, top_margin) >= READABLE_ZOOM
            ):
                view.fit_all()  # the whole graph, readable
            # too big to read whole: a readable zoom is kept, a smaller one raised
            if view.transform().m11() < READABLE_ZOOM:  # on the root (only its region revealed), at the
                it = scene.node_item(rp.root)  # least readable zoom, as much of the graph as it holds
                at = it.sceneBoundingRect() if it is not None else None
                # (Presentation Mode's larger texts need more)
                start = min(FOLLOW_ZOOM, READABLE_ZOOM * text_scale())
                beside = None
                if at is not None and graph is not None:  # (centred on the root at 85 %, trial 62's
                    # forward mode showed w11 and a few cards, the view past the graph's end half
                    # empty; moved before the scene hears of the zoom: one region revealed, not two)
                    root, whole = at, graph

                    def beside() -> None:
                        centre_toward(view, with_comfort(view, root, whole), with_room(whole), top_margin)

                view.set_zoom(start, center=at.center() if at is not None else None, then=beside)
            elif graph is not None:
                # The whole graph in view with room for the captions that
                # grow out of its edges: centred below the banner once, so
                # the steps need not nudge the view again.
                if seen(view, top_margin).contains(graph):
                    padded = with_room(graph)
                    z = fit_zoom(view, padded, top_margin)
                    if z < FULL_ZOOM <= min(view.transform().m11(), fit_zoom(view, graph, top_margin)):
                        z = FULL_ZOOM  # whole cards (notes drawn) over room for notes at the edges
                    if READABLE_ZOOM <= z < view.transform().m11():
                        view.set_zoom(z)  # a little smaller, once, at the start
                    if z >= READABLE_ZOOM:
                        center_in_room(view, padded, top_margin)
        step = rp.current(pos)
        if pos >= rp.last and rp.steps:
            step = rp.steps[-1]
            ends = rp.ends()  # (too many to read: the root and the parameters, or these, no constant)
            params = trainable_among(scene.model, ends[1:])
            tries = [ends, [ends[0], *params], params] if params else [ends]  # (one parameter alone too)
            every = whole_graph_near(scene, view, ends, top_margin)
            tries = [every, *tries] if every else tries  # (where it costs little: every card)
            for x in tries:
                if show_ends(x, scene, view, top_margin):
                    ends_clear(scene, view, x, step.node, top_margin)
                    return
        # the step's node, its inputs (what it passes to, as drawn beside it) with the
        # captions on their wires, and its consumers (what it heard from); when they
        # don't fit even zoomed out to a readable size, the node, its inputs and
        # captions; else the node alone
        focus, ins, caps, used = step_parts(scene, rp, pos, step)
        if focus.isNull():
            return
        if recentre and view.transform().m11() < READABLE_ZOOM:
            # groups opened around the step zoomed the view out past reading it: back in on the step
            # (a user who zoomed out on purpose is left there)
            view.set_zoom(FOLLOW_ZOOM, center=focus.center())
        core = _united(focus, caps)
        bare = would_fit(view, _wanted(view, core, ins, used, top_margin), top_margin) or focus
        if not recentre and seen(view, top_margin, MARGIN / 2).contains(bare):
            # what is wanted is in view: the view stays (a small graph's steps don't nudge it,
            # tests/test_animation_gui.py), but for the overlays over the canvas's corners
            target = whole = bare
            centre = moved = False
        else:  # the view moves: the node and its captions well inside it, not left at its edge
            # where the graph goes on (the next steps cut off past it, a trial)
            heart = with_comfort(view, core, view.graph_rect())
            wanted = _wanted(view, heart, ins, used, top_margin)
            target = fitting(view, wanted, heart, top_margin)
            whole = wanted[0]
            centre, moved = target is not whole, True
        if not recentre:  # the step's group's name too, where it fits: which layer the step is in
            target = with_tabs(view, target, _tabs_around(scene, focus, view.transform().m11()), top_margin)
        if recentre:  # (what is shown centred: the step and its neighbours, or the part that fits, over
            frame = scene.folding.frame(opened) if opened is not None else None  # the frame opened: all of
            at, target = over_opened(view, frame, (target, core, focus), top_margin)  # it where readable)
            view.centerOn(at.center())
        ensure_visible(view, target, focus, top_margin, centre=centre)
        if zoom_in or recentre or moved:  # the view moved: no card cut at its edges (a step centred
            # kept near the middle: t64 #4, the expanded MLP's ypred[4] with two cards cut at the left)
            held = held_near_middle(view, focus, top_margin) if centre else target
            moved_by = view.mapToScene(view.viewport().rect().center()) - was
            whole_cards_in_view(
                scene, view, target.united(held), top_margin, (moved_by.x(), moved_by.y()), centre
            )
        if not clear_of_overlays(view, target, top_margin):
            clear_of_overlays(view, focus, top_margin)
        if pos >= rp.last:  # the finished picture: a sum under every card used more than once
            keep = whole if seen(view, top_margin).contains(whole) else focus
            notes_in_view(scene, view, keep, top_margin)


def _wanted(view, heart: QRectF, ins: list[QRectF], used: list[QRectF], top_margin: float) -> tuple:
    """What a step wants shown, best first: ``heart`` (the node and its
    captions) with its inputs and consumers; with those near enough; with
    its inputs. (What grew holding all the part holds comes first: a leaf's
    part is itself, its consumers grew on it.)"""
    part = _united(heart, ins)
    whole = _united(part, used)
    grown = grown_while_readable(view, heart, used + ins, top_margin)
    return (whole, grown, part) if grown.contains(part) else (whole, part, grown)


def _tabs_around(scene, focus: QRectF, zoom: float) -> list[QRectF]:
    """The name tabs (scene) of the open groups around ``focus``, innermost
    first, as drawn at ``zoom`` (a frame not painted since the view was far
    out still has no tab)."""
    out = []
    for gid in scene.folding.frames_at(focus.center()):
        f = scene.folding.frame(gid)
        if f is None:
            continue
        f.texts_at(zoom)  # (its tab's size at this zoom)
        tab = f.mapRectToScene(f.home_title_rect())  # (at the frame's corner, not slid into view)
        if tab.height() > 0:  # (no readable name: no tab drawn)
            out.append(tab)
    return out


def _cards(scene, ids) -> list:
    return [it for it in map(scene.node_item, ids) if it is not None]


def _quietly(scene, change, it, *args) -> None:
    """``change(*args, quiet=True)`` on the card ``it``: the scene is told of
    the batch once (``decoration_changed``), the overview of the one block it
    colours by the pass (the current step's), if it changed."""
    was = it.drawn_highlight
    change(*args, quiet=True)
    if CURRENT in (was, it.drawn_highlight) and was != it.drawn_highlight:
        scene.overview_changed(it)
