"""One scene's linked copies: made for the cards near the view, kept up to date.

The rule (gui/canvas/linked/rule.py) says which wires are drawn as copies;
this makes their items only for the cards the view reveals near readable
zoom (``reveal``, called by gui/canvas/zoom_detail.py with the cards it
gives their contents), as the lazy wires do (gui/canvas/wires/lazy_wires.py):
a 50,000-node graph makes the copies of the few hundred cards in view, never
all of them. A change of the graph or of its groups works the rule out again
for the cards already looked at, once the event loop turns.

It answers what the copies show (label, value, the gradient this use sends
back during a pass: ``show_pass``), which wires draw only their stub
(``is_linked``: EdgeItem.paint) and which lines the far overview leaves out
(``hidden_lines``); hovering a copy rings its original and lights its other
copies (``hot``); a click selects the copy (``pick``), a double-click selects
and centres the original (``go_to``), and where the view went it can go back
(``take_back``: View › Back to the Linked Copy, Alt+Left).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QPointF, QRectF, QTimer
from PySide6.QtWidgets import QGraphicsItem

from core.graph.model import GraphModel
from gui.canvas.cards.card_text import metrics, text_scale
from gui.canvas.cards.note_layout import clear_for
from gui.canvas.folding.group_box import Reaches
from gui.canvas.linked.copy_item import BADGE_CLEAR, BADGE_REACH, PILL_H_MAX, REACH, BadgeItem, CopyItem
from gui.canvas.linked.grad_rungs import zoom_rung
from gui.canvas.linked.picking import CopyPicking
from gui.canvas.linked.reach import MANY_LINES, CopyReach
from gui.canvas.linked.rule import Key, LinkedRule
from gui.canvas.painting import H2, W2
from gui.canvas.part_hosts import LinkedHost
from gui.common import settings

#: Above this many cards moved at once, every badge is drawn again (not looked for near each).
MANY_MOVED = 50
#: How many zooms' forms ``grad_rung`` keeps (the latest; a wheel zoom visits a new one each notch).
FORMS_KEPT = 4
_UNKNOWN: Any = object()
#: What a copy shows of a pass: the gradient the wire carries back (None: not yet).
Carried = Callable[[Key], float | None]


class LinkedCopies(CopyPicking):
    """The copies and badges of one scene, and the option that shows them."""

    def __init__(self, scene: LinkedHost, model: GraphModel) -> None:
        self._scene = scene
        self.rule = LinkedRule(model, settings.linked_copies())
        self._copies: dict[str, list[CopyItem]] = {}  # target -> its copies
        self._badges: dict[str, BadgeItem] = {}  # source -> its badge
        self._done: set[str] = set()  # the cards looked at since the last change
        self.hot: str | None = None  # the source whose copy is hovered
        self._carried: Carried | None = None
        self._uses: dict[str, tuple[float | None, ...]] = {}  # source -> what its copies carry
        self._uses_of: tuple[int, Carried | None] | None = (
            None  # (the rule's version and the pass they are of)
        )
        self._current: str | None = None  # the node of the pass's current step
        self._final: Carried | None = None  # what each use carries back by the pass's end
        self._grads: tuple[tuple[int, Carried], tuple[float, ...]] | None = None  # (the pass's parts' sizes)
        self._rungs: dict[tuple[int, int, float, str, float], int | None] = {}  # grad_rung's, by zoom
        self._picked: Key | None = None  # the copy clicked (selected as a card is)
        #: Where the view was before a double-click went to an original: its centre, zoom, the copy.
        self.came_from: tuple[QPointF, float, Key] | None = None
        #: Told what to say in the status line (the window's; nothing without one).
        self.say: Callable[[str], None] = lambda _text: None
        #: Told when ``came_from`` changes (View › Back to the Linked Copy enabled or not).
        self.back_changed: Callable[[], None] = lambda: None
        #: Copies made so far (tests count them: only near the view).
        self.made = 0
        self._drawn_without: frozenset[Key] | None = None  # what the overview left out before a change
        #: The widest label among the copies made: every pill is as wide (copy_item.pill_size).
        self.widest = ""
        self.copy_reach = CopyReach(self.rule, scene)  # how far the copies reach (reach.py)
        scene.folding.copy_reach = self._reach_for_frames
        # (the scene's child: a change just before the scene goes calls nothing after it)
        self._later = QTimer(scene if isinstance(scene, QObject) else None, singleShot=True, interval=0)
        self._later.timeout.connect(self._refresh)

    # ------------------------------------------------------------ the option
    @property
    def on(self) -> bool:
        return self.rule.on

    def set_on(self, on: bool) -> None:
        """View › Linked Copies of Shared Values: draw the copies, or every wire whole."""
        if on == self.rule.on:
            return
        self.rule.on = on
        self.changed()
        self._refresh()
        self._drawn_without = None
        self._scene.overview_redraw()  # its lines again, with or without the long ones
        self._scene.update()

    def set_model(self, model: GraphModel) -> None:
        """The scene shows another graph (New, Open): nothing of the old one is kept."""
        self.rule.another(model)
        self._drawn_without = None
        self._drop_all()
        self._done = set()
        self.widest = ""
        self.copy_reach.forget()
        self.hot, self._carried, self._current, self._final = None, None, None, None
        self._picked, self.came_from = None, None
        self.back_changed()
        self._later.start()  # (the frames told what the copies reach)

    # ------------------------------------------------------------ what the wires and overview ask
    def is_linked(self, key: Key) -> bool:
        """True if the wire ``key`` is drawn as a copy and its stub (EdgeItem.paint)."""
        return self.rule.on and self.rule.is_linked(key)

    @property
    def version(self) -> int:
        """Changes when ``is_linked`` may answer otherwise (the option, the wiring, a fold)."""
        return self.rule.version

    def hidden_lines(self) -> Collection[Key]:
        """The wires the far overview leaves out (their copies stand for them near)."""
        return self.rule.every_key()

    # ------------------------------------------------------------ making them
    def reveal(self, cards: Iterable) -> int:
        """The cards ``cards`` came near the view: their copies and badges; how many copies were made."""
        if not self.rule.on:
            return 0
        made, rule = 0, self.rule
        widest, wide = self.widest, _width(self.widest)
        carry = []  # (the cards given copies or a badge: a note placed before may cover them)
        for it in cards:
            n = it.node_id
            if n in self._done:
                continue
            self._done.add(n)
            ins = rule.linked_inputs(n)
            if ins:
                items = self._copies[n] = []
                carry.append(it)
                for p, s in ins:
                    c = CopyItem(self, (s, n, p), it.arity)
                    c.setParentItem(it)
                    items.append(c)
                    label = self.label(s)
                    if label != widest and _width(label) > wide:
                        widest, wide = label, _width(label)
                made += len(ins)
            uses = rule.copies_of(n)
            if uses:
                b = self._badges[n] = BadgeItem(self, n, len(uses))
                b.setParentItem(it)
                carry.append(it)
        self.made += made
        if widest != self.widest:  # every pill made so far a size wider (few: those near the view)
            self.widest = widest
            self._update_all()
        if carry:
            clear_for(self._scene, carry)
        return made

    def links(self, model: GraphModel) -> list[tuple[Any, Callable]]:
        """The model's signals after which the rule may answer otherwise, each
        with what tells the rule what changed: its wires, its nodes and which
        group a node is in (not its values: a copy reads them when drawn)."""
        m = model
        return [
            *((sig, self._wire_changed) for sig in (m.edge_added, m.edge_removed)),
            *((sig, self._wires_changed) for sig in (m.edges_added, m.edges_removed)),
            *((sig, self._node_changed) for sig in (m.node_added, m.node_removed)),
            *((sig, self._nodes_changed) for sig in (m.nodes_added, m.nodes_removed)),
            (m.groups.nodes_regrouped, self._regrouped),
        ]

    def _wire_changed(self, source: str, target: str, port: int) -> None:
        self.touched(wires=[(source, target, port)])

    def _wires_changed(self, wires: Collection[Key]) -> None:
        self.touched(wires=wires)

    def _node_changed(self, node: str) -> None:
        self.touched(nodes=[node])

    def _nodes_changed(self, nodes: Collection[str]) -> None:
        self.touched(nodes=nodes)

    def _regrouped(self, nodes: Collection[str]) -> None:
        self.touched(regrouped=nodes)

    def groups_changed(self, _gid: object = None) -> None:
        """Groups were folded, opened, added or removed (the rule's reading of
        the wiring is kept while the groups' members are: a fold changes no member).
        The overview is told at once what it leaves out now, so the fold's own
        repaint draws it (a second one, a loop turn later, cost a whole frame).
        Nodes that moved in or out of a group (a delete, its undo) tell ``changed``
        first, and their wires go next: worked out once, when drawn or the loop turns."""
        if self._drawn_without is not None:  # (the wiring mid-change: worked out once it is whole)
            self.rule.changed(wiring=False)
            self._later.start()
            return
        old = self._drawn_without if self._drawn_without is not None else self.rule.known()
        self._drawn_without = None
        self.rule.changed(wiring=False)
        if old is not None:
            self._redraw_lines(old, self.rule.every_key())
        if self.copy_reach.measured:  # the frames measured with the copies: again where they changed,
            self.copy_reach.tell()  # in the fold's own placing (a loop turn later, a frame drawn twice)
        self._later.start()

    def changed(self, *_args: object, wiring: bool = True) -> None:
        """The graph or its groups changed: the rule again, the copies once the loop turns."""
        if self._drawn_without is None:
            self._drawn_without = self.rule.known()  # what the overview left out
        self.rule.changed(wiring)
        self._later.start()

    def touched(
        self, wires: Collection[Key] = (), nodes: Collection[str] = (), regrouped: Collection[str] = ()
    ) -> None:
        """``changed``, told what changed (LinkedRule.touched): the rule reads those leaves again only."""
        if self._drawn_without is None:
            self._drawn_without = self.rule.known()
        self.rule.touched(wires, nodes, regrouped)
        if wires or nodes:
            self.forget_gone()  # (Back to the Linked Copy, or the copy selected, of a wire gone)
        self._later.start()

    def values_changed(self, ids: object = None) -> None:
        """Values changed: the copies of those leaves show them."""
        for c in self.copies():
            if not isinstance(ids, set) or c.source in ids:
                c.update()

    def _refresh(self) -> None:
        """The copies again, for the cards near the view (the others when revealed),
        and the overview drawn again where a line is left out now and was not, or back."""
        old, self._drawn_without = self._drawn_without, None
        if old is not None:
            self._redraw_lines(old, self.rule.every_key())
        self.copy_reach.tell()
        self._drop_all()
        self._done = set()
        self.widest = ""
        views = self._scene.views()
        if not self.rule.on or not views or self.far:
            return
        v = views[0]
        seen = v.mapToScene(v.viewport().rect()).boundingRect()
        dx, dy = seen.width() / 2, seen.height() / 2
        nodes = self._scene.node_map()
        near = self._scene.card_ids_near(seen.adjusted(-dx, -dy, dx, dy))
        self.reveal(it for it in (nodes.get(n) for n in near) if it is not None and it.isVisible())

    def reach(self) -> Reaches:
        """How far each card's copies and each original's badge reach (reach.py):
        the folding layer asks when it measures its frames."""
        return self.copy_reach.reach()

    def _reach_for_frames(self) -> Reaches:
        """``reach`` as the frames measure it: while nodes that left their
        groups wait for their wires to go (a delete tells its groups first),
        what was measured last; the loop turning measures the frames again
        where it changed (``_refresh``), not once with the old wiring and once
        more. Else (an undo's nodes join their groups after their wires came)
        as it is, and the cards whose reach changed told at once: measured
        with the frames now, not again a loop turn later (every frame twice)."""
        if self._drawn_without is not None and self.copy_reach.measured and self.rule.model.removing:
            return self.copy_reach.last()
        reach = self.copy_reach.reach()
        self.copy_reach.tell()
        return reach

    def cards_moved(self, cards: Collection[QGraphicsItem]) -> None:
        """``cards`` moved (a drag, Undo, Redo, a layout): the badges whose
        room they may have changed are drawn again at once, each whole (a
        card's own repaint covered only part of one: a review saw "×1" stay
        beside a card moved away). Those a card stood close to when they were
        measured (it may have gone), and those a card now stands close to."""
        if not self._badges or self.far:
            return
        many = len(cards) > MANY_MOVED  # (a layout: every badge made, those near the view)
        for badge in self._badges.values():
            if many or badge.cramped:
                badge.update()
        if many:
            return
        reach = BADGE_REACH + BADGE_CLEAR + 2 * W2  # as badge_room looks left of a badge's card
        for c in cards:  # the cards right of a moved one, level with it, within that reach
            x, y = c.x() + W2, c.y()
            band = QRectF(x, y - H2 - PILL_H_MAX / 2, reach + W2, 2 * H2 + PILL_H_MAX)
            for n in self._scene.card_ids_near(band) & self._badges.keys():
                self._badges[n].update()

    def badge_room(self, source: str) -> float:
        """How far left of ``source``'s card its badge may reach: up to the
        nearest card level with it on that side, clear of that card's
        output port (the blog's f read "×1 copies" over c's port, c one
        column left of f, the room for copies not left by its layout)."""
        it = self._scene.node_item(source)
        if it is None:
            return BADGE_REACH
        x, y = it.x() - W2, it.y()
        reach = BADGE_REACH + BADGE_CLEAR + 2 * W2  # (a card whose right side is within reach)
        band = QRectF(x - reach, y - PILL_H_MAX / 2, reach, PILL_H_MAX)
        room = BADGE_REACH
        for n in self._scene.card_ids_near(band):
            c = self._scene.node_item(n)
            if n == source or c is None or not c.isVisible():
                continue
            right, top, bottom = c.x() + W2, c.y() - H2, c.y() + H2
            if right <= x and top < band.bottom() and bottom > band.top():
                room = min(room, x - right - BADGE_CLEAR)
        return max(0.0, room)

    def reach_past(self, r: QRectF) -> QRectF:
        """``r`` (the cards' rect) grown to hold the copies and badges that reach out of it (reach.py)."""
        return self.copy_reach.reach_past(r)

    def _redraw_lines(self, old: Collection[Key], new: Collection[Key]) -> None:
        """Repaint the overview where the lines of the wires in one set only run (many: all of it)."""
        diff = self.rule.difference(old, new)
        if len(diff) > MANY_LINES:
            self._scene.overview_redraw()
            return
        self._scene.overview_redraw(diff)

    def _drop_all(self) -> None:
        for item in [*(c for cs in self._copies.values() for c in cs), *self._badges.values()]:
            if shiboken6.isValid(item):  # (its card deleted: gone with it)
                item.setParentItem(None)  # type: ignore[arg-type]
                sc = item.scene()
                if sc is not None:
                    sc.removeItem(item)
        self._copies, self._badges = {}, {}

    def copies(self) -> list[CopyItem]:
        """The copies made (tests)."""
        return [c for cs in self._copies.values() for c in cs if shiboken6.isValid(c)]

    def badge(self, source: str) -> BadgeItem | None:
        b = self._badges.get(source)
        return b if b is not None and shiboken6.isValid(b) else None

    # ------------------------------------------------------------ what a copy shows
    @property
    def far(self) -> bool:
        return self._scene.far

    def label(self, node: str) -> str:
        m = self.rule.model
        return m.label(node) if node in m else ""

    def value(self, node: str) -> float | None:
        m = self.rule.model
        return m.value(node) if node in m else None

    def carried(self, key: Key) -> float | None:
        return None if self._carried is None else self._carried(key)

    def uses_carried(self, source: str) -> tuple[float | None, ...]:
        """What each use of ``source`` drawn as a copy carries back (None: not yet):
        its copies write its value alike, as short as the widest gradient needs."""
        if self._uses_of != (self.rule.version, self._carried):  # (a change, another pass or step)
            self._uses_of, self._uses = (self.rule.version, self._carried), {}
        got = self._uses.get(source)
        if got is None:
            uses = sorted(self.rule.copies_of(source))
            got = self._uses[source] = tuple(self.carried((source, t, p)) for t, p in uses)
        return got

    def grad_rung(self, need: int, px: int, inner: float, widest: str) -> int | None:
        """The one form (grad_rungs.py) every copy at a zoom writes its part in, one
        that every part the pass's copies carry fits (by its end: it holds through the
        pass); None: every copy its name alone. The parts kept in three digits, each
        size once (a big graph's 10^5 uses: a few thousand), the answer once a zoom
        (the last ``FORMS_KEPT`` zooms')."""
        carried = self._final or self._carried
        if carried is None:
            return None
        of = (self.rule.version, carried)
        if self._grads is None or self._grads[0] != of:
            got = {float(f"{abs(g):.2e}") for k in self.rule.every_key() if (g := carried(k)) is not None}
            self._grads, self._rungs = (of, tuple(sorted(got))), {}
        at = (need, px, inner, widest, text_scale())
        form = self._rungs.pop(at, _UNKNOWN)  # (put back last: the latest kept)
        if form is _UNKNOWN:
            form = zoom_rung(self._grads[1], need, px, inner, widest)
            if len(self._rungs) >= FORMS_KEPT:  # the zoom used longest ago let go (review 71 #8: kept
                del self._rungs[next(iter(self._rungs))]  # for every zoom a long wheel zoom visited)
        self._rungs[at] = form
        return form

    def forms_kept(self) -> int:
        """How many zooms' forms ``grad_rung`` holds (tests: a few, however long the zooming)."""
        return len(self._rungs)

    def lit(self, key: Key) -> bool:
        """Lit like its wire: its consumer's step sends its gradient back, or
        the pass is at the leaf itself (its copies' gradients add up there)."""
        if key[0] == self._current:
            return True
        e = self._scene.wires.made(key)
        return e is not None and e.flow is not None

    @property
    def current(self) -> str | None:
        """The node of the pass's current step, whose copies are lit (None: none)."""
        return self._current

    def show_current(self, node: str | None) -> None:
        """Light the copies of ``node`` as the current step's (None: none; a
        finished picture has no current step), what they carry kept."""
        if node != self._current:
            self._current = node
            self._update_all()

    def show_pass(self, carried: Carried | None, current: str | None, final: Carried | None = None) -> None:
        """The pass on screen moved: what each copy carries, the current step's
        node and (``final``) what each carries by the pass's end."""
        self._carried, self._current, self._final = carried, current, final
        self._update_all()

    def _update_all(self) -> None:
        for c in self.copies():
            c.update()

    def hover(self, source: str | None) -> None:
        """A copy of ``source`` is hovered (None: none): its original and copies light up."""
        if source == self.hot:
            return
        old, self.hot = self.hot, source
        for s in (old, source):
            if s is None:
                continue
            b = self.badge(s)
            if b is not None:
                b.update()
            for t, _p in self.rule.copies_of(s):
                for c in self._copies.get(t, ()):
                    if c.source == s and shiboken6.isValid(c):
                        c.update()

    def pills_in(self, rect: QRectF) -> list[QRectF]:
        """The copies drawn in ``rect`` (scene), as last drawn: a lit wire
        passes under them (EdgeItem.paint), their text stays readable."""
        if not self._copies or self.far or rect.isEmpty():
            return []
        near = self._scene.card_ids_near(rect.adjusted(-10, -70, REACH + 10, 70))
        return [
            r
            for n in near
            for c in self._copies.get(n, ())
            if shiboken6.isValid(c) and c.isVisible() and (r := c.scene_rect()).intersects(rect)
        ]

    def tooltip_at(self, pos: QPointF) -> str:
        """The tooltip of the copy under ``pos`` (scene point), or ""."""
        c = self.copy_at(pos)
        return "" if c is None else self.tooltip(c.key)

    def copy_at(self, pos: QPointF) -> CopyItem | None:
        """The copy under ``pos`` (scene point), if any (a double-click there is
        the copy's: the view opened Quick Add on it as on empty canvas)."""
        if not self._copies or self.far:
            return None
        near = self._scene.card_ids_near(QRectF(pos.x() - REACH - 70, pos.y() - 40, 2 * REACH + 140, 80))
        for n in near:
            for c in self._copies.get(n, ()):
                if shiboken6.isValid(c) and c.isVisible() and c.scene_rect().contains(pos):
                    return c
        return None


@functools.lru_cache(maxsize=1 << 14)
def _width(label: str) -> float:
    """A label's width at one size (widths scale with the size: fonts are not hinted)."""
    return metrics(100, True).horizontalAdvance(label)
