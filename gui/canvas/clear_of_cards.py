"""A question about the graph placed where it hides none of the graph's cards.

A dialog opens centred on its parent window, which is where the canvas
shows the graph: Forward Mode's "with respect to which leaf?" covered a, e
and d (trial 68 #9), the very cards the learner picks from. The dialog goes
to the first of these that meets no card shown: over the canvas above the
cards, under them, to their left or right, then over the panels beside the
canvas; where all meet some, the one over the fewest.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QInputDialog, QWidget

from gui.canvas.view import GraphView
from gui.common.title_room import title_width

#: Kept between the dialog and the cards, and inside the canvas's edge (px).
MARGIN = 12


def cards_on_screen(view: GraphView) -> list[QRect]:
    """The cards shown in ``view``, in screen coordinates."""
    vp = view.viewport()
    seen = view.mapToScene(vp.rect()).boundingRect()
    out = []
    for it in view.graph_scene().node_items_in(seen):
        r = view.mapFromScene(it.sceneBoundingRect()).boundingRect().intersected(vp.rect())
        if not r.isEmpty():
            out.append(QRect(vp.mapToGlobal(r.topLeft()), r.size()))
    return out


def place_clear_of_cards(dialog: QWidget, view: GraphView) -> None:
    """Move ``dialog`` (its size as it will show) where it covers no card of ``view``."""
    dialog.ensurePolished()  # (as it will show: the window's dialogs take Presentation Mode's text)
    dialog.adjustSize()
    frame = dialog.style().pixelMetric(dialog.style().PixelMetric.PM_TitleBarHeight)  # (its title bar)
    size = QSize(max(dialog.width(), title_width(dialog)), dialog.height() + max(0, frame))
    vp = view.viewport()
    canvas = QRect(vp.mapToGlobal(QPoint(0, 0)), vp.size()).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
    window = view.window()
    outer = window.frameGeometry() if window is not None else canvas
    cards = [c.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN) for c in cards_on_screen(view)]
    if not cards:
        return  # (nothing to hide: where Qt puts it, centred)
    graph = cards[0]
    for c in cards[1:]:
        graph = graph.united(c)
    w, h = size.width(), size.height()
    mid_x = canvas.center().x() - w // 2
    mid_y = canvas.center().y() - h // 2
    spots = [
        QPoint(mid_x, canvas.top()),  # over the canvas, above the cards
        QPoint(mid_x, canvas.bottom() - h),  # under them
        QPoint(graph.center().x() - w // 2, graph.top() - h),  # just above the graph
        QPoint(graph.center().x() - w // 2, graph.bottom()),  # just under it
        QPoint(graph.left() - w, mid_y),  # left of it
        QPoint(graph.right(), mid_y),  # right of it
        QPoint(outer.right() - w, outer.center().y() - h // 2),  # over the panels on the right
        QPoint(outer.left(), outer.center().y() - h // 2),  # over those on the left
    ]

    def covered(p: QPoint) -> int:
        r = QRect(p, size)
        return sum(1 for c in cards if c.intersects(r))

    inside = [p for p in spots if outer.contains(QRect(p, size))]
    best = min(inside or spots, key=covered)  # (the first clear one: min keeps the first of equals)
    dialog.move(best)


def ask_item(
    parent: QWidget, view: GraphView, title: str, label: str, items: list[str], current: int, name: str = ""
) -> str | None:
    """``QInputDialog.getItem`` (not editable) placed clear of ``view``'s
    cards; the item chosen, None when cancelled."""
    dlg = QInputDialog(parent)
    dlg.setObjectName(name)
    dlg.setWindowTitle(title)
    dlg.setLabelText(label)
    dlg.setComboBoxItems(items)
    dlg.setComboBoxEditable(False)
    dlg.setTextValue(items[current])
    place_clear_of_cards(dlg, view)
    try:
        return dlg.textValue() if dlg.exec() else None
    finally:
        dlg.deleteLater()
