"""What Find does with the canvas: the matches (core.graph.find) become the
selection, the view goes to the current one and a ring marks it; a match
folded inside a group is shown by that group's card, and the bar offers to
open the group.

A keystroke costs one pass over the finder's cached texts, the selection of
the matches and one item lookup for the current one; the index is rebuilt
only after the graph changed. Typing is coalesced: a burst of keys searches
once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from core.graph.find import Finder
from gui.canvas import picture_marks
from gui.canvas.items import CARD_RECT
from gui.canvas.view import ViewState
from gui.common import style as S
from gui.host import Host
from gui.navigation import open_view
from gui.navigation.find_bar import FindBar

#: More matches than this: only the current one is selected (selecting tens
#: of thousands of cards on every keystroke would make typing lag).
SELECT_LIMIT = 1000
#: Typing pauses this long before a big graph is searched (a small one at once).
DEBOUNCE_MS, DEBOUNCE_FROM = 60, 20_000
MARK = S.FIND_MARK  # (a pass's current step is ringed in orange: a match during it is told apart)


class FindMarker(QGraphicsItem):
    """A ring around the current match, over the cards."""

    def __init__(self) -> None:
        super().__init__()
        self._rect = QRectF()
        self.setZValue(50)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setVisible(False)

    def ring(self, rect: QRectF, zoom: float) -> None:
        """Around ``rect`` (scene), a few screen pixels out at ``zoom``."""
        pad = 7.0 / max(zoom, 1e-3)
        self.prepareGeometryChange()
        self._rect = rect.adjusted(-pad, -pad, pad, pad)
        self.setVisible(True)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-4, -4, 4, 4)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if picture_marks.picturing:  # a search's ring is the screen's, not a slide's
            return
        pen = QPen(MARK, 3.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        r = self._rect
        radius = min(12.0, r.width() / 4, r.height() / 4)
        painter.drawRoundedRect(r, radius, radius)


class FindController(QObject):
    """Runs the searches the bar asks for; see the module docstring."""

    #: The matches changed: their scene positions (for the minimap's marks).
    matches_changed = Signal(object)
    #: The current match is drawn here now (a scene point), or None.
    current_moved = Signal(object)

    def __init__(
        self, host: Host, bar: FindBar, set_folded: Callable[[list[str], bool], object] | None = None
    ) -> None:
        super().__init__(bar)
        self.host, self.bar = host, bar
        self._set_folded = set_folded
        self.finder = Finder(host.model)
        self.matches: list[str] = []
        self.current = -1
        self._searched: str | None = None  # the text the matches are for
        self._selected: tuple | None = None  # what the selection was made for
        self._chosen: set[str] = set()  # the nodes the last selection of matches chose
        #: The view before this search's matches moved it: put back when the text matches nothing
        #: (a trial: a prefix jumped to 100 % on an unrelated card, "No match" then left it there).
        self._before: ViewState | None = None
        self._generation = 0  # counts the lists of matches
        self.marker = FindMarker()
        host.scene.addItem(self.marker)
        self._typing = QTimer(self, singleShot=True)
        self._typing.timeout.connect(self.search)
        self._refresh = QTimer(self, singleShot=True, interval=0)
        self._refresh.timeout.connect(self._recount)
        bar.text_edited.connect(self._edited)
        bar.next_requested.connect(lambda: self.step(1))
        bar.previous_requested.connect(lambda: self.step(-1))
        bar.open_group_requested.connect(self.open_group)
        bar.closed.connect(self._closed)
        doc = host.document
        bar.follow_history(doc.undo_stack.index)
        doc.replaced.connect(self._replaced)
        doc.structure_changed.connect(self._changed)
        doc.node_changed.connect(self._changed)
        doc.nodes_moved.connect(self._changed)
        self._groups = host.model.groups
        self._groups.changed.connect(self._changed)

    # ------------------------------------------------------------ the bar
    def open(self) -> None:
        self.finder.prepare()  # built now, not on the first keystroke
        self._selected = None  # reopened: the matches are selected again
        self.bar.open_bar()
        if self.bar.text().strip() and self._searched != self.bar.text():
            self.search()
        elif self.matches:
            self._recount()  # (the graph may have changed while the bar was closed)
            self._show_current()

    def _closed(self, every_match: bool = False) -> None:
        self._typing.stop()
        if not every_match:
            self._current_alone()
        self._before = None  # (the view stays where the search left it)
        self.marker.setVisible(False)
        self.current_moved.emit(None)
        self.matches_changed.emit([])  # (the minimap's marks go with the bar: an undo after it left one)
        self.host.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _current_alone(self) -> None:
        """The bar closed with Esc: of the matches it selected, the current
        one alone stays selected, so Enter or F2 edits it (trial 68: "1 of 6"
        left six nodes selected, and Enter and F2 did nothing). A selection
        the user changed since is left as it is."""
        if self.current < 0 or self._selected is None or len(self._chosen) < 2:
            return
        node = self.matches[self.current]
        sc = self.host.scene
        ours = sc.selected_node_set() == self._chosen and not sc.folding.selected_groups()
        if node in self._chosen and ours:
            sc.select_ids([node])
        self._selected = None

    def _edited(self, _text: str) -> None:
        self._typing.start(DEBOUNCE_MS if len(self.host.model) >= DEBOUNCE_FROM else 0)

    # ------------------------------------------------------------ searching
    def search(self) -> None:
        """Find the bar's text; select the matches and go to the first."""
        self._typing.stop()
        text = self.bar.text()
        self._searched = text
        self.matches = self.finder.find(text)
        self._generation += 1
        self.current = self.finder.first if self.matches else -1
        self._selected = None
        self.matches_changed.emit(self._points())
        if not self.matches and self._before is not None:  # nothing found: the view as it was
            self.host.view.restore(self._before)
            self._before = None
        self._show_current()

    def step(self, by: int) -> None:
        """Go to the next (1) or previous (-1) match, round the end."""
        if not self.bar.isVisible():
            self.open()
            if self._searched is None or not self.bar.text().strip():
                return
        if self._typing.isActive() or self._searched != self.bar.text():
            self.search()
            return
        if not self.matches:
            self._show_current()
            return
        self.current = (self.current + by) % len(self.matches)
        self._show_current()

    def _show_current(self, move: bool = True) -> None:
        text, n = self.bar.text(), len(self.matches)
        self.bar.show_count(self.current, n, text)
        if not n:
            self.marker.setVisible(False)
            self.current_moved.emit(None)
            self.bar.show_note("", False)
            if text.strip():
                self.host.scene.clearSelection()
                self._selected = None
            return
        node = self.matches[self.current]
        self._select(node)
        target = self._mark(node)
        if target is None or not move:
            return
        view = self.host.view
        if self._before is None:
            self._before = view.view_state()
        if view.zoom < S.LOD_TEXT:  # too small to read: come close enough to read it
            view.set_zoom(1.0)
            target = self._mark(node) or target  # (its card's tags drawn now: the ring goes round them)
        open_view.show_match(view, target, view.graph_rect())
        self.marker.ring(target, view.zoom)
        self.current_moved.emit(target.center())

    def _mark(self, node: str) -> QRectF | None:
        """Ring ``node``'s card, or the folded group's card that shows it
        (and say so in the bar); its scene rect."""
        sc = self.host.scene
        gid = self.finder.folded_into(node)
        card = sc.folding.card(gid) if gid is not None else None
        found = self.finder.group_hit(node)  # (a group found by its name: it, not its first node)
        shown = card if card is not None else sc.folding.frame(found) if found is not None else None
        if found is not None and shown is not None:
            target = shown.mapRectToScene(shown.boundingRect())
            gs = self.host.model.groups
            where = (
                "its frame" if gid is None else "its card" if gid == found else f"in “{gs.get(gid).label}”"
            )
            self.bar.show_note(
                f"Found the group “{gs.get(found).label}”: {where}.",
                card is not None and self._set_folded is not None,
            )
        elif card is not None and gid is not None:
            target = card.mapRectToScene(card.rect())
            name = self.host.model.groups.get(gid).label
            self.bar.show_note(
                f"“{self.host.model.label(node)}” is inside the folded group “{name}”.{self._id_note(node)}",
                self._set_folded is not None,
            )
        else:
            item = sc.node_item(node)
            if item is None:
                return None
            target = item.mapRectToScene(item.ringed_rect(self.host.view.zoom))  # (its output tag inside)
            self.bar.show_note(self._id_note(node).strip(), False)
        self.marker.ring(target, self.host.view.zoom)
        return target

    def _id_note(self, node: str) -> str:
        """ " Found by its id …" when ``node`` matched by its hidden id alone
        (its card reads another name: trial 49's card x1, id x2, was the
        first "x2"), else ""."""
        if not self.finder.by_id(node):
            return ""
        return f" Found by its id “{node}”: this card reads “{self.host.model.label(node)}”."

    def _select(self, current: str) -> None:
        """Select the matches shown on the canvas and the folded card of the
        ``current`` one, if it is folded away (a card stands for every node in
        it: Delete would take them all, so other cards are marked, not
        selected). Over ``SELECT_LIMIT`` matches, only the current one."""
        gid = self.finder.folded_into(current)
        many = len(self.matches) > SELECT_LIMIT
        found = self.finder.group_hit(current)
        key = (self._generation, current if many or found else None, gid)
        if key == self._selected:
            return  # cycling through shown matches: the selection stays
        self._selected = key
        sc, fold, hit = self.host.scene, self.finder.folded_into, self.finder.group_hit
        # (a group found by its name stands in the list as its first node: not a match itself)
        nodes = [n for n in self.matches if fold(n) is None and hit(n) is None]
        shown = ([] if gid else [current]) if many else nodes
        if found is not None and gid is None:  # an open group found by its name: its nodes
            shown = [n for n in self.host.model.groups.nodes_in(found) if fold(n) is None]
        sc.select_ids(shown)
        # (the nodes of a group found by its name are that one match: never narrowed to one)
        self._chosen = set(shown) if found is None else set()
        card = sc.folding.card(gid) if gid is not None else None
        if card is not None:
            card.setSelected(True)

    def _points(self) -> list[QPointF]:
        """Where the matches are drawn: their cards, or the folded cards holding them."""
        m, sc = self.host.model, self.host.scene
        cards: dict[str, QPointF] = {}
        out = []
        for n in self.matches[:SELECT_LIMIT]:
            gid = self.finder.folded_into(n)
            if gid is None:
                out.append(QPointF(*m.position(n)))
            elif gid not in cards:
                card = sc.folding.card(gid)
                if card is not None:
                    cards[gid] = card.mapRectToScene(card.rect()).center()
                    out.append(cards[gid])
        return out

    # ------------------------------------------------------------ open a folded match
    def open_group(self) -> None:
        """Open every folded group around the current match (one undo step)."""
        if self.current < 0 or self._set_folded is None:
            return
        node = self.matches[self.current]
        gs = self.host.model.groups
        folded = gs.folded_around(node)
        if not folded:
            return
        with self.host.document.placing_view():  # the match is what the user asked to see
            self._set_folded(folded, False)
        self._recount()
        if node in self.matches:
            self._selected = None
            self._show_current(move=False)
            # the match alone selected: Properties shows it, not "4 nodes selected" (a trial);
            # the next match selects the matches again
            self.host.scene.select_ids([node])
            self._selected = None
            self._show_opened(node, folded[-1])
        self.bar.edit.setFocus()

    def _show_opened(self, node: str, outer: str) -> None:
        """The view over the group ``outer`` just opened around ``node``
        (gui/navigation/open_view.py), the match ringed there."""
        sc, view, m = self.host.scene, self.host.view, self.host.model
        sc.folding.settle()  # (the frames where their cards are now)
        item = sc.node_item(node)
        frame = sc.folding.frame(outer)
        if item is None or frame is None:
            self._show_current()
            return
        match = item.mapRectToScene(item.ringed_rect(view.zoom))
        whole = frame.sceneBoundingRect()
        wanted = [whole]
        inner = m.groups.group_of(node)
        inner_frame = sc.folding.frame(inner) if inner is not None and inner != outer else None
        if inner_frame is not None:
            wanted.append(inner_frame.sceneBoundingRect())
        near = [sc.node_item(n) for n in [*m.inputs(node), *(t for t, _ in m.consumers(node))]]
        cards = [it.mapRectToScene(CARD_RECT) for it in near if it is not None and it.isVisible()]
        wanted += [open_view.grown(match, cards, open_view.rooms(view)), match]
        open_view.show_opened(view, wanted, whole)
        self.marker.ring(match, view.zoom)
        self.current_moved.emit(match.center())

    # ------------------------------------------------------------ the graph changed
    def _changed(self, *_: object) -> None:
        if self.bar.isVisible() and self._searched:
            self._refresh.start()

    def _recount(self) -> None:
        """The graph changed under an open bar: the same text again, the
        current match kept when it still matches, the order kept when the
        matches are the same; the view stays."""
        if self._searched is None:
            return
        node = self.matches[self.current] if self.current >= 0 else None
        found = self.finder.find(self._searched)
        # the same matches (a group opened or folded: only where they are
        # shown moved): kept in the order the user is going through them, so
        # the current one keeps its number ("9 of 36" became "12 of 36")
        if len(found) != len(self.matches) or set(found) != set(self.matches):
            self.matches = found
        self._generation += 1
        self.current = self.matches.index(node) if node in self.matches else (0 if self.matches else -1)
        self.bar.show_count(self.current, len(self.matches), self._searched)
        self.matches_changed.emit(self._points())
        if self.current < 0:
            self.marker.setVisible(False)
            self.bar.show_note("", False)
        else:
            self._mark(self.matches[self.current])

    def _replaced(self) -> None:
        self.finder.detach()
        self.finder = Finder(self.host.model)
        self._groups.changed.disconnect(self._changed)
        self._groups = self.host.model.groups
        self._groups.changed.connect(self._changed)
        self.matches, self.current, self._searched = [], -1, None
        self.marker.setVisible(False)
        self.matches_changed.emit([])
        self.bar.show_count(0, 0, "")
        self.bar.show_note("", False)
        self.matches_changed.emit([])
        if self.bar.isVisible() and self.bar.text().strip():
            self._refresh.stop()
            self._typing.start(0)
