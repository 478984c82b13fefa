"""How far each card's linked copies (and each original's badge) reach left
of it, below and above: a frame holds them as part of their card, Fit leaves room
for them. Worked out per set of linked wires, and after a fold only for the
cards at the ends of the wires linked or not any more; the folding layer is
told which cards' reach changed (gui/canvas/linked/copies.py owns this).
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QRectF

from gui.canvas.folding.group_box import Reaches
from gui.canvas.linked.copy_item import BADGE_REACH, REACH, ROOM_BOTTOM, ROOM_TOP
from gui.canvas.linked.rule import Key, LinkedRule
from gui.canvas.painting import H2, W2
from gui.canvas.part_hosts import LinkedHost

#: How far a card's copies (or badge) reach: left of its centre, below it and above it.
End = tuple[float, float, float]
#: Above this many lines left out or back at once, every card's reach is worked out
#: again here, and the whole overview is drawn again (copies.py).
MANY_LINES = 300


class CopyReach:
    """The reach of one scene's copies and badges, kept up to date."""

    def __init__(self, rule: LinkedRule, scene: LinkedHost) -> None:
        self._rule = rule
        self._scene = scene
        self._ends: dict[str, End] = {}  # what ``reach`` answered last
        self._ends_of: Collection[Key] | None = None  # and for which linked wires
        self._unmeasured: set[str] = set()  # the cards whose reach changed since the folding was told
        self._reaches: Reaches | None = None  # ``_ends`` by distance, as the folding layer reads it
        # what was worked out for the sets of linked wires left last (each set object is
        # the rule's while the wiring stays: Expand All after Collapse All meets the open
        # graph's again): their set, ends and reaches, untouched since (``_switch``)
        self._left: list[tuple[Collection[Key], dict[str, End], Reaches | None]] = []
        #: Times every card's reach was worked out (tests count them).
        self.wholes = 0

    def forget(self) -> None:
        """Another graph: nothing measured."""
        self._ends, self._ends_of, self._unmeasured, self._reaches = {}, None, set(), None
        self._left = []

    @property
    def measured(self) -> bool:
        """Whether the frames were measured with the copies since the last ``forget``."""
        return self._ends_of is not None

    def reach(self) -> Reaches:
        """How far each card's copies (and each original's badge) reach left
        of it, below and above: a frame holds them as part of their card (they hung
        out of the neuron frames). The folding layer asks when it measures
        its frames. Worked out per set of linked wires: after a fold, only
        for the cards at the ends of the wires linked or not any more."""
        keys = self._rule.every_key()
        was = self._ends_of
        if keys is not was:
            # (from no linked wire or to none, many: every one differs, none compared: a delete
            # of every node and its undo; and the set kept for them taken back whole, ``_switch``)
            if was is None or (not was or not keys) and len(was) + len(keys) > MANY_LINES:
                diff = None
            else:
                diff = self._rule.difference(was, keys)
            if diff is None or len(diff) > MANY_LINES:  # (the option, the wiring, Collapse All: every card)
                self._switch(was, keys)
                return self.last()
            else:
                touched = {n for s, t, _p in diff for n in (s, t)}
                was_at = {n: self._ends.get(n) for n in touched}
                for n in touched:
                    self._reach_of(n)
                self._unmeasured |= touched
                self._ends_of = keys
                if self._reaches is not None:  # (a fold: a few cards filed again, not all ~8,000)
                    for n, at in was_at.items():
                        _file(self._reaches, n, at, self._ends.get(n))
                    return self._reaches
            self._ends_of, self._reaches = keys, None
        return self.last()  # the cards by how far their copies reach (few distances)

    def _switch(self, was: Collection[Key] | None, keys: Collection[Key]) -> None:
        """Every card's reach for the linked wires ``keys`` (``was``: those of
        now): those left last taken back if ``keys`` is one of their sets,
        else worked out; every card with a reach before or now is to be measured."""
        old, reaches = self._ends, self._reaches
        got = next((k for k, left in enumerate(self._left) if left[0] is keys), None)
        if got is not None:  # (as left: no card's reach worked out, none filed again)
            _k, self._ends, self._reaches = self._left.pop(got)
        else:
            self._ends, self._reaches = self._whole_reach(keys), None
            self.wholes += 1
        if was is not None:  # (left as they are for ``was``: never changed again, only taken back)
            self._left = [*self._left, (was, old, reaches)][-2:]
        self._unmeasured.update(old.keys() | self._ends.keys())
        self._ends_of = keys

    def last(self) -> Reaches:
        """What ``reach`` answered last, the rule not asked (its wiring about to change)."""
        if self._reaches is None:
            self._reaches = Reaches({}, {}, {})
            for n, end in self._ends.items():
                _file(self._reaches, n, None, end)
        return self._reaches

    def reach_past(self, r: QRectF) -> QRectF:
        """``r`` (the cards' rect) grown to hold the copies and badges that
        reach out of it, left of the cards near its left edge and below
        those near its bottom (Fit cut the neuron's leftmost badges to
        "es"): the cards looked at are those the card grid files within a
        reach of those edges, never every card."""
        reaches = self.reach()
        out = QRectF(r)
        if not self._rule.on or not r.isValid():
            return out
        nodes = self._scene.node_map()
        for d, ids in reaches.lefts.items():  # (few distances)
            near = self._scene.card_ids_near(QRectF(r.left(), r.top(), d, r.height())) & ids
            xs = [it.x() for it in map(nodes.get, near) if it is not None and it.isVisible()]
            if xs and min(xs) - d < out.left():
                out.setLeft(min(xs) - d)
        for d, ids in reaches.lows.items():
            near = self._scene.card_ids_near(QRectF(r.left(), r.bottom() - d, r.width(), d)) & ids
            ys = [it.y() for it in map(nodes.get, near) if it is not None and it.isVisible()]
            if ys and max(ys) + d > out.bottom():
                out.setBottom(max(ys) + d)
        for d, ids in reaches.highs.items():
            near = self._scene.card_ids_near(QRectF(r.left(), r.top(), r.width(), d)) & ids
            ys = [it.y() for it in map(nodes.get, near) if it is not None and it.isVisible()]
            if ys and min(ys) - d < out.top():
                out.setTop(min(ys) - d)
        return out

    def _whole_reach(self, keys: Collection[Key]) -> dict[str, End]:
        ends: dict[str, End] = {}
        table, bottom, top, left, badge = (
            self._rule.model.input_table(),
            ROOM_BOTTOM,
            ROOM_TOP,
            W2 + REACH,
            (W2 + BADGE_REACH, 0.0, 0.0),
        )
        for s, t, p in keys:
            a = len(table[t])
            below, above = bottom[a, p], top[a, p]
            was = ends.get(t)
            ends[t] = (left, below, above) if was is None else (left, max(below, was[1]), max(above, was[2]))
            ends.setdefault(s, badge)
        return ends

    def _reach_of(self, n: str) -> None:
        """``n``'s reach as the rule answers now (its pills, or its badge, or none)."""
        ins = self._rule.linked_inputs(n)
        if ins:
            arity = len(self._rule.model.input_table()[n])
            below = max(ROOM_BOTTOM[arity, p] for p, _s in ins)
            self._ends[n] = (W2 + REACH, below, max(ROOM_TOP[arity, p] for p, _s in ins))
        elif n in self._rule.model and self._rule.copies_of(n):
            self._ends[n] = (W2 + BADGE_REACH, 0.0, 0.0)
        else:
            self._ends.pop(n, None)

    def tell(self) -> None:
        """The linked wires changed since the folding layer last measured (the
        option, a fold, the wiring): the groups of the cards whose reach changed measure again."""
        self.reach()
        changed, self._unmeasured = self._unmeasured, set()
        if changed:
            self._scene.folding.reach_changed(changed)


def _file(reaches: Reaches, n: str, was: End | None, now: End | None) -> None:
    """File ``n`` in ``reaches`` under its reach ``now`` (left, below,
    above) instead of ``was`` (None: none)."""
    lefts, lows, highs = reaches.lefts, reaches.lows, reaches.highs
    assert isinstance(lefts, dict) and isinstance(lows, dict) and isinstance(highs, dict)  # (made here)
    if was is not None:
        _drop(lefts, was[0], n)
        if was[1] > H2:
            _drop(lows, was[1], n)
        if was[2] > H2:
            _drop(highs, was[2], n)
    if now is not None:
        lefts.setdefault(now[0], set()).add(n)
        if now[1] > H2:  # (below the card's own bottom)
            lows.setdefault(now[1], set()).add(n)
        if now[2] > H2:  # (above its top)
            highs.setdefault(now[2], set()).add(n)


def _drop(by: dict[float, set[str]], d: float, n: str) -> None:
    got = by.get(d)
    if got is not None:
        got.discard(n)
        if not got:
            del by[d]
