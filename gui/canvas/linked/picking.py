"""What a click, a double-click and a hover's tooltip do on a linked copy.

A click selects the copy, as it does a card, and the status line says whose
copy it is (trial 71 #7: a click jumped the view to the far-off original and
selected its folded group, the neuron being read scrolled away); a
double-click goes to the original, and View › Back to the Linked Copy
(Alt+Left, gui/linked/feature.py) brings the view back to the copy.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsItem

from core.explain.format import fmt_full
from gui.canvas.linked.copy_item import CopyItem
from gui.canvas.linked.rule import Key, LinkedRule
from gui.canvas.painting import esc_html
from gui.canvas.part_hosts import LinkedHost
from gui.common import style as S


class CopyPicking:
    """The linked copies' clicks and tooltips (a part of ``LinkedCopies``)."""

    _scene: LinkedHost
    _copies: dict[str, list[CopyItem]]
    _picked: Key | None
    #: Where the view was before a double-click went to an original: its centre, zoom, the copy.
    came_from: tuple[QPointF, float, Key] | None
    #: Told what to say in the status line (the window's; nothing without one).
    say: Callable[[str], None]
    #: Told when ``came_from`` changes (View › Back to the Linked Copy enabled or not).
    back_changed: Callable[[], None]

    rule: LinkedRule
    _carried: Callable[[Key], float | None] | None  # (the pass on screen's: LinkedCopies.show_pass)

    def carried(self, key: Key) -> float | None:
        raise NotImplementedError  # (LinkedCopies')

    def label(self, node: str) -> str:
        raise NotImplementedError  # (LinkedCopies')

    @property
    def picked(self) -> Key | None:
        """The copy selected by a click (None: none)."""
        return self._picked

    def pick(self, key: Key | None) -> None:
        """A click on the copy of ``key`` (None: elsewhere): it is selected, as a
        card is (the cards' selection cleared), and the status line says whose
        copy it is and how to go to it; the view stays where it is. A wire
        no longer in the graph picks none (review 71 #1: its original's label raised)."""
        if key is not None and not self.there(key):
            key = None
        if key == self._picked:
            return
        old, self._picked = self._picked, key
        if key is not None:
            self._scene.clearSelection()
            self._picked = key  # (the cards' selection changing unpicks)
        for k in (old, key):
            c = self._copy(k)
            if c is not None:
                c.update()
        if key is None:
            return
        m, s = self.rule.model, key[0]
        gid = m.groups.group_of(s)
        where = f" ({m.groups.get(gid).label})" if gid is not None else ""
        g = self.carried(key)
        part = f", this use sends back {fmt_full(g)}" if g is not None else ""
        self.say(f"Linked copy of {m.label(s)}{where}{part} · double-click it to go to {m.label(s)}")

    def unpick(self, *_args: object) -> None:
        """The cards' selection changed, or the canvas was clicked elsewhere: no copy is selected."""
        self.pick(None)

    def pressed(self, pos: QPointF) -> None:
        """The canvas was pressed at ``pos`` (scene): off the selected copy, it is not selected now."""
        c = self._copy(self._picked)
        if c is None or not c.scene_rect().contains(pos):
            self.pick(None)

    def there(self, key: Key) -> bool:
        """The wire ``key`` is still in the graph: its original, its use and the wire between."""
        m = self.rule.model
        if key[0] not in m or key[1] not in m:
            return False
        ins = m.inputs(key[1])
        return key[2] < len(ins) and ins[key[2]] == key[0]

    def forget_gone(self) -> None:
        """The graph's wiring changed: the place Back goes to, or the copy selected,
        whose wire went is forgotten (review 71 #1: Alt+Left after the original
        was deleted raised UnknownNodeError; after its use was, it picked no copy)."""
        if self.came_from is not None and not self.there(self.came_from[2]):
            self.came_from = None
            self.back_changed()
        if self._picked is not None and not self.there(self._picked):
            c, self._picked = self._copy(self._picked), None
            if c is not None:
                c.update()

    def _copy(self, key: Key | None) -> CopyItem | None:
        if key is None:
            return None
        c = next((c for c in self._copies.get(key[1], ()) if c.key == key), None)
        return c if c is not None and shiboken6.isValid(c) else None

    def go_to(self, source: str) -> None:
        """A double-click on a copy: the original selected and centred (or the
        folded card showing it), and where the view was kept for ``back``."""
        card: QGraphicsItem | None = self._scene.node_item(source)
        if card is not None and not card.isVisible():
            fold = self._scene.folding
            card = fold.card(fold.card_of(source) or "")
        if card is None or not card.isVisible():
            return
        views = self._scene.views()
        label = self.label(source)
        key = self._picked
        if views and key is not None and key[0] == source:
            v = views[0]
            self.came_from = v.mapToScene(v.viewport().rect().center()), v.transform().m11(), key
            self.back_changed()
        self._scene.clearSelection()
        card.setSelected(True)
        for v in views:
            v.centerOn(card)
        if self.came_from is not None:
            self.say(f"Went to {label} · Alt+Left (View › Back to the Linked Copy) goes back")

    def take_back(self) -> tuple[QPointF, float, Key] | None:
        """Where the view was before a double-click went to an original (its
        centre, zoom and the copy: View › Back to the Linked Copy puts it back
        and selects the copy again), forgotten once taken; None: nowhere."""
        got, self.came_from = self.came_from, None
        if got is not None:
            self.back_changed()
        return got

    def tooltip(self, key: Key) -> str:
        """Whose copy it is, its value and what this use sends back, one
        line each as a card's tooltip has them (a run-on "click to go to it
        value 0.59" read as one sentence), the click last."""
        s = key[0]
        m = self.rule.model
        gid = m.groups.group_of(s)
        where = f" ({esc_html(m.groups.get(gid).label)})" if gid is not None else ""
        uses, name = len(m.consumers(s)), esc_html(m.label(s))
        lines = [f"linked copy of <b>{name}</b>{where} — used {uses} times", f"value: {fmt_full(m.value(s))}"]
        g = self.carried(key)
        if g is not None:  # one part of the sum (a trial read "its 1 copies' add up" of a leaf used 4 times)
            card = self._scene.node_map().get(s)
            total = card.grad if card is not None else None
            sum_is = f" (now {fmt_full(total)})" if total is not None else ""
            lines.append(f"this use sends back: {fmt_full(g)}")
            lines.append(f"one of the {uses} parts that add up to {name}.grad{sum_is}")
        elif self._carried is not None:  # (not yet, or never: its consumer is not on the way to the root)
            lines.append("this use has sent nothing back so far")
        lines.append(f"<span style='color:{S.TEXT_DIM.name()}'>double-click to go to it</span>")
        return "<br>".join(lines)
