"""Where the canvas's right-click menu opens from the keyboard (the Menu key,
Shift+F10): at what it acts on, as a right-click there would.

Trial 72 #5: Shift+F10 did nothing, and the Menu key opened the canvas's
background menu at the canvas's top-left corner with a card selected (Qt
asks the view for a text cursor's place, and the canvas has none). Here:
with cards selected, at the one nearest the middle of the view (one brought
into view where none is in it), so the menu is that card's; with a wire
selected, at its middle (brought into view too); else at the mouse where it
is over the canvas, else at the middle of the view (the canvas's own menu)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QCursor, QKeyEvent
from PySide6.QtWidgets import QGraphicsView

from gui.canvas.scene import GraphScene


def asks_menu(event: QKeyEvent) -> bool:
    """The key is the keyboard's way to a context menu: the Menu key or Shift+F10."""
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if event.key() == Qt.Key.Key_Menu:
        return mods == Qt.KeyboardModifier.NoModifier
    return event.key() == Qt.Key.Key_F10 and mods == Qt.KeyboardModifier.ShiftModifier


def _selected_cards(sc: GraphScene, region: QRectF) -> list[QRectF]:
    """The scene rects of the selected cards (folded groups' too) meeting ``region``."""
    rects = [it.sceneBoundingRect() for it in sc.cards_in(region) if it.isSelected()]
    for gid in sc.folding.selected_groups():
        card = sc.folding.card(gid)
        if card is not None and card.sceneBoundingRect().intersects(region):
            rects.append(card.sceneBoundingRect())
    return rects


def _any_selected_card(sc: GraphScene) -> QRectF | None:
    groups = sc.folding.selected_groups()
    card = sc.folding.card(groups[0]) if groups else None
    if card is not None:
        return card.sceneBoundingRect()
    for n in sc.selected_node_set():
        it = sc.node_item(n)
        if it is not None and it.isVisible():
            return it.sceneBoundingRect()
    return None


def menu_point(view: QGraphicsView, sc: GraphScene, bring_into_view: Callable[[QRectF], None]) -> QPoint:
    """The point of ``view``'s viewport the keyboard's context menu opens at (see the module
    docstring); ``bring_into_view`` scrolls a scene rect into view (the canvas view's own)."""
    vp = view.viewport().rect()
    shown = view.mapToScene(vp).boundingRect()
    middle = view.mapToScene(vp.center())
    cards = _selected_cards(sc, shown)
    if not cards:
        far = _any_selected_card(sc)
        if far is not None:
            bring_into_view(far)
            shown = view.mapToScene(vp).boundingRect()
            cards = [far]
    if cards:
        best = min(cards, key=lambda r: (r.center() - middle).manhattanLength())
        inside = best.intersected(shown)
        return _within(view.mapFromScene((inside if inside.isValid() else best).center()), vp)
    wires = sc.selected_wires()
    wire = sc.edge_item(*wires[0]) if wires else None
    if wire is not None:
        mid = wire.mapToScene(wire.path().pointAtPercent(0.5))
        if not shown.contains(mid):
            bring_into_view(QRectF(mid.x() - 1, mid.y() - 1, 2, 2))
        return view.mapFromScene(mid)
    mouse = view.viewport().mapFromGlobal(QCursor.pos())
    return mouse if vp.contains(mouse) else vp.center()


def _within(p: QPoint, rect: QRect) -> QPoint:
    return QPoint(min(max(p.x(), rect.left()), rect.right()), min(max(p.y(), rect.top()), rect.bottom()))
