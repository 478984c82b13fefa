"""The Gradient Flow panel: what a wire's width and colour mean (a legend
of sample strokes), and a bar per group for how large its gradients are,
on a log scale, so a gradient that vanishes (or explodes) layer by layer
reads as a staircase of bars."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QDockWidget, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from core.explain.format import short
from core.graph.gradient_flow import WidthScale
from gui.common import style as S
from gui.common.dock_places import ROOM_FREED, grow_by
from gui.common.whole_words import elide_words
from gui.gradflow.legend import MIDDLE, TEXT, WidthLegend

BAR = S.MAGNITUDE  # as the strips on the canvas (gui/canvas/folding/group_strip.py)
TRACK = QColor(31, 36, 48, 30)


#: px a nested group's name is indented per level (three levels at most).
INDENT = 10
#: The heading over the bars, whole and short of room (its note in the tooltip then).
HEADING = "<b>Gradient by group</b> (mean |grad|, log scale; on the canvas too)"
HEADING_SHORT = "<b>Gradient by group</b>"
HEADING_TIP = (
    "Each group's bar is drawn on the canvas too: under an open group's name, under a folded"
    " card's name, and, zoomed out, as the card's shading from the left."
)
#: What the panel gives up when it is shorter than its parts, the least needed
#: first (a trial, Presentation Mode at 1366×768: the legend's colours line
#: drawn under the bars' heading): the heading's note, the status's lines but
#: one, the legend's colours line, then its title (each said in a tooltip).
#: The bars scroll, down to one row; they come before those parts, which go
#: as far as that shows more bars (t73 #3: in Presentation Mode at 1600×1000
#: three of the twelve bars, the lecture's picture, under the parts whole).
SHORTER = 4
#: In Presentation Mode, past its least, as far as that shows more bars (a panel lending
#: room, dock_places.LENDS: the staircase whole at 1600×1000 in a window's frame), the
#: legend's sample wires too (said in the status's tooltip); its least counts them still.
LEGEND_GONE = SHORTER + 1
#: px of a bar's row at least (more with a font taller than 13 px), and of its bar.
ROW_H = 16
BAR_H = 8


@dataclass(frozen=True)
class GroupRow:
    """One group's line: its name, mean |gradient| and where that sits on the scale."""

    gid: str
    label: str
    magnitude: float
    fraction: float
    depth: int = 0  # a group inside another is indented under it


class GroupBars(QWidget):
    """A compact row per group: its name, a bar (log scale) and its mean
    |gradient|, on one line as short as the text allows, so a dozen groups
    read at a glance in a small panel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gradient_flow_groups")
        self.rows: list[GroupRow] = []
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    @property
    def row_h(self) -> int:
        """A row's height: the text's and a pixel either side (ROW_H at least)."""
        return max(ROW_H, self.fontMetrics().height() + 2)

    def height_for(self, n: int) -> int:
        """The height of ``n`` rows."""
        return max(1, n) * self.row_h + 4

    def span(self, first: int, last: int) -> tuple[int, int]:
        """px from the top of row ``first`` to the bottom of row ``last``."""
        return 2 + first * self.row_h, 2 + (last + 1) * self.row_h

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # (Presentation Mode on or off: rows of its text)
            self.setFixedHeight(self.height_for(len(self.rows)))

    def set_rows(self, rows: list[GroupRow]) -> None:
        self.rows = rows
        self.setFixedHeight(self.height_for(len(rows)))
        self.setToolTip(
            "Each group's mean |gradient| over its nodes, on a log scale: bars that shrink from\n"
            "the output back to the inputs are a vanishing gradient."
            if rows
            else ""
        )
        self.update()

    def text_of(self, row: GroupRow) -> str:
        """The number a row shows."""
        return short(row.magnitude, 3)  # ("2.05e−4" beside "2.93e−5", not "0.000205")

    def number_w(self) -> float:
        """The numbers' column: as wide as the widest (Presentation Mode's larger text cut
        "1.05e−6" to "1.05e−" in a fixed 64 px, trial 52); the bars take what is left."""
        fm = self.fontMetrics()
        return max([64.0] + [fm.horizontalAdvance(self.text_of(row)) + 6 for row in self.rows])

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = p.fontMetrics()
        w = self.width()
        h = self.row_h
        name_w = min(110.0, w * 0.38)
        num_w = self.number_w()
        for i, row in enumerate(self.rows):
            top = 2 + i * h
            indent = min(row.depth, 3) * INDENT
            r = QRectF(6 + indent, top, name_w - 8 - indent, h)
            p.setPen(TEXT)
            p.drawText(r, MIDDLE, elide_words(row.label, fm, r.width()))  # ("layer 1…" read as layer 1)
            bar = QRectF(name_w, top + (h - BAR_H) / 2, max(10.0, w - name_w - num_w - 10), BAR_H)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(TRACK)
            p.drawRoundedRect(bar, BAR_H / 2, BAR_H / 2)
            if row.fraction > 0:
                p.setBrush(BAR)
                full = QRectF(bar.left(), bar.top(), max(bar.height(), bar.width() * row.fraction), BAR_H)
                p.drawRoundedRect(full, BAR_H / 2, BAR_H / 2)
            p.setPen(TEXT)
            p.drawText(QRectF(bar.right() + 6, top, num_w, h), MIDDLE, self.text_of(row))
        p.end()


class GradientFlowPanel(QWidget):
    """The dock's contents: a line saying what is shown, the legend, the bars.

    A trial restored the panel 250 px high in the right column: three of
    twelve bars in view. The first time it has more bars than before (the
    first pass after it opens, a graph with more groups), the panel asks its
    dock for the height that shows them all; a height the user gives it
    afterwards is theirs. Short of room then, it asks again at each step
    of the pass, for what the panels around it no longer need (Chain Rule's
    first page is long, its last short: trial 64 #5 had the last bar, the
    staircase's top, scrolled away beside a half-empty Chain Rule), until
    the user drags a panel's edge."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gradient_flow_panel")
        self._presenting = False  # Presentation Mode on (set_presenting): the legend may go too
        self.status = QLabel()
        self.status.setObjectName("gradient_flow_status")
        self.status.setWordWrap(True)
        self.legend = WidthLegend()
        self.bars = GroupBars()
        self.groups_title = QLabel(HEADING)
        self.groups_title.setWordWrap(True)
        self.groups_title.setToolTip(HEADING_TIP)
        self._status_text = ""  # the status's whole text (one line of it, short of room)
        self._measure = QLabel()  # (never shown: the status's and heading's heights, whole, at a width)
        self._measure.setWordWrap(True)
        self.bar_scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        holder = QWidget()
        inner = QVBoxLayout(holder)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.bars)
        inner.addStretch(1)
        scroll.setWidget(holder)
        self._lay = lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.status)
        lay.addWidget(self.legend)
        lay.addWidget(self.groups_title)
        lay.addWidget(scroll, 1)
        lay.addStretch(0)  # (no bars: the status and the legend at the top, the room under them)
        scroll.hide()  # (no bars, no room kept for them: the panel opens as small as its legend)
        scroll.setMinimumHeight(self.bars.height_for(1))  # (it scrolls: one row at least)
        self._room_for = 0  # the most bars the panel asked for room for
        self._room_later = QTimer(self, singleShot=True, interval=0)  # once laid out
        self._room_later.timeout.connect(self._make_room)
        self._room_tries = 0
        self._room_from = self._room_asked = self._room_lost = 0  # the last try's height, ask, loss
        self._by_hand = False  # the user dragged a panel's edge since this pass began
        self._watched: QWidget | None = None  # the window whose presses tell that
        self._follow: list[int] = []  # the rows of the groups the pass just reached, kept in view
        self._follow_later = QTimer(self, singleShot=True, interval=0)  # (the bars' new height laid out)
        self._follow_later.timeout.connect(self._show_followed)
        # (the room it is given changes as the panels around it do: the followed rows still in view)
        scroll.verticalScrollBar().rangeChanged.connect(lambda *_: self._show_followed())

    def least_height(self) -> int:
        """The height of its dock that shows the status line and the legend
        whole (the bars ask for their own room when they come)."""
        m, gap = self._lay.contentsMargins(), self._lay.spacing()
        width = max(200, self.width()) - m.left() - m.right()
        status = self._measure.heightForWidth(width) if self._status_text else -1
        status = status if status > 0 else 2 * self.fontMetrics().height()
        title = self.fontMetrics().height() + 10  # (the dock's title bar)
        return title + m.top() + status + 2 * gap + self.legend.height_of(3) + m.bottom()

    def _parts(self, shorter: int) -> int:
        """px the panel's parts need at its width having given up ``shorter``
        of :data:`SHORTER` (the bars one row: they scroll)."""
        m, gap = self._lay.contentsMargins(), self._lay.spacing()
        width = max(1, self.width() - m.left() - m.right())
        line = self.status.fontMetrics().height()
        status = line if shorter >= 2 or not self._status_text else self._measure.heightForWidth(width)
        heights = [max(line, status)]
        if _legend_rows(shorter):
            heights.append(self.legend.height_of(_legend_rows(shorter)))
        if not self.groups_title.isHidden():
            self._measure.setText(HEADING if shorter < 1 else HEADING_SHORT)
            heights.append(self._measure.heightForWidth(width))
            self._measure.setText(self._status_text)
        if not self.bar_scroll.isHidden():
            heights.append(self.bars.height_for(1))
        return m.top() + m.bottom() + sum(heights) + gap * (len(heights) - 1)

    def minimumSizeHint(self) -> QSize:
        """As short as its parts can be (see :data:`SHORTER`): a column of
        panels at their least fits a 768 px screen (in Presentation Mode)."""
        return QSize(super().minimumSizeHint().width(), self._parts(SHORTER))

    def _shorter(self) -> int:
        """How many of the parts (:data:`SHORTER`) to give up: the fewest
        that show as many bars as giving up any more would (one at least:
        nothing drawn under another part)."""
        rows = len(self.bars.rows) if not self.bar_scroll.isHidden() else 1
        row, height = self.bars.row_h, self.height()

        def shown(k: int) -> int:  # whole bars in view, having given up k parts
            least = self._parts(k)  # (with one bar)
            return 0 if least > height else min(rows, 1 + (height - least) // row)

        last = LEGEND_GONE if self._presenting else SHORTER
        most = max(shown(k) for k in range(last + 1))
        return next((k for k in range(last + 1) if most and shown(k) == most), SHORTER)

    def set_presenting(self, on: bool) -> None:
        """Presentation Mode ``on`` or off (told, as the Order list is: guessed from its text's
        size, a scale under 1.2× or a user's font would have changed the rule unseen, review 73
        #4): while on, the legend's samples may go too, for more bars (:data:`LEGEND_GONE`)."""
        if on == self._presenting:
            return
        self._presenting = on
        self._fit()
        if self.bars.rows and not self._by_hand:  # (its least parts other now: room asked again)
            self._room_tries = self._room_lost = 0
            self._room_later.start()

    def _fit(self) -> None:
        """Give up the least needed parts (:data:`SHORTER`) until the rest
        fits the panel's height, nothing drawn under another part, and
        then as far as that shows more bars."""
        shorter = self._shorter()
        self.groups_title.setText(HEADING if shorter < 1 else HEADING_SHORT)
        note = "" if shorter < 1 else "Each group's mean |grad|, on a log scale.\n"
        self.groups_title.setToolTip(note + HEADING_TIP)
        whole = self._status_text
        if shorter < 2:
            text, tip = whole, ""
        else:  # one line of it, the rest in its tooltip (still wrapped: a line as narrow as the panel)
            m = self._lay.contentsMargins()
            room = max(1, self.width() - m.left() - m.right())
            text = elide_words(whole, self.status.fontMetrics(), room)  # (no number cut)
            tip = whole if text != whole else ""
        if text != self.status.text():
            self.status.setText(text)
        rows = _legend_rows(shorter)
        self.legend.set_rows(max(1, rows))
        if not rows:  # (what the wires' widths say, in the status's tooltip)
            tip = "\n\n".join(t for t in (tip or whole, self.legend.toolTip()) if t)
        self.legend.setVisible(bool(rows))
        self.status.setToolTip(tip)
        if self.bars.rows:  # the bars' room in whole rows, the rest under them (none cut at its top)
            space = self.height() - self._parts(shorter) + self.bars.height_for(1)
            fit = max(1, min(len(self.bars.rows), (space - 4) // self.bars.row_h))  # (4: height_for's pad)
            self.bar_scroll.setMaximumHeight(self.bars.height_for(fit))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # (Presentation Mode: its parts taller)
            self._measure.setFont(self.font())
            self.bar_scroll.setMinimumHeight(self.bars.height_for(1))
            self.updateGeometry()
            self._fit()
            if self.bars.rows and not self._by_hand:  # (the panels around it resized too: room again)
                self._room_tries = self._room_lost = 0
                self._room_later.start()

    def hidden_bars(self) -> int:
        """px of bars out of view (scrolled away)."""
        self._lay.activate()  # (the heading shown, the bars' height set: laid out now)
        return max(0, self.bars.height_for(len(self.bars.rows)) - self.bar_scroll.viewport().height())

    def missing(self) -> int:
        """px the panel lacks to show all its bars and its parts whole (it
        gives parts up for the bars: those parts are missing too)."""
        self._lay.activate()
        if self.bar_scroll.isHidden():
            return 0
        rows = self.bars.height_for(len(self.bars.rows)) - self.bars.height_for(1)
        return max(0, self._parts(0) + rows - self.height())

    def _make_room(self) -> None:
        if not self.isVisible() or self.visibleRegion().isEmpty():
            self._room_for = self._room_tries = self._room_lost = 0  # (behind a tab: when shown)
            return
        dock = self.parentWidget()
        while dock is not None and not isinstance(dock, QDockWidget):
            dock = dock.parentWidget()
        more = self.missing()
        if dock is None or more == 0 or self._room_tries >= 3:
            self._room_tries = self._room_lost = 0
            return
        if self._room_tries:  # Qt's resizeDocks can land short (a tab set's by 2 px): asked again
            self._room_lost += max(0, self._room_asked - (dock.height() - self._room_from))
        self._room_tries += 1
        self._room_from, self._room_asked = dock.height(), more + self._room_lost
        grow_by(dock, self._room_asked, whole=self.hidden_bars())  # (the bars all shown: rows lent)
        self._room_later.start()  # (laid out then: what is still missing, if any)

    def new_pass(self) -> None:
        """Another pass is shown: its bars get room again, whatever the last one's user chose."""
        self._by_hand = False

    def event(self, event: QEvent) -> bool:
        if event.type() == ROOM_FREED:  # a panel beside it keeps less now: room for the bars, perhaps
            if self.bars.rows and not self._by_hand:  # (asked anew, tries pending or not)
                self._room_tries = self._room_lost = 0
                self._room_later.start()
            return True
        return super().event(event)

    def eventFilter(self, watched, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and watched is self._watched:
            self._by_hand = True  # (a press on the window itself: on the edge between panels)
        return False

    def follows(self) -> list[int]:
        """The rows kept in view: the groups the pass reached last."""
        return list(self._follow)

    def _show_followed(self) -> None:
        """Scroll the bars as little as shows the followed rows (the topmost
        of them if they do not all fit: the pass runs up the list, towards
        the inputs). A trial stepping the vanishing example saw the list
        jump back to its top at step 2, the layers just reached under its
        bottom edge; at the start the only bar not empty, layer 12's, was
        scrolled out of view."""
        rows = [i for i in self._follow if 0 <= i < len(self.bars.rows)]
        if not rows or self.bar_scroll.isHidden():
            return
        bar = self.bar_scroll.verticalScrollBar()
        top, bottom = self.bars.span(min(rows), max(rows))
        room = self.bar_scroll.viewport().height()
        value = bar.value()
        if bottom > value + room:
            value = bottom - room
        if top < value:
            value = top
        row = self.bars.row_h
        bar.setValue(min(-(-value // row) * row, top - 2))  # (at a row's top: none cut over them)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self and window is not self._watched:
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            self._watched = window
            window.installEventFilter(self)
        if self.bars.rows and not self._room_for:
            self._room_for = len(self.bars.rows)
            self._room_later.start()

    def show_flow(
        self,
        status: str,
        scale: WidthScale | None,
        rows: list[GroupRow],
        has_groups: bool,
        follow: Sequence[int] = (),
    ) -> None:
        """``follow``: the rows of the groups the pass reached last, kept in view."""
        self._status_text = status
        self._follow = list(follow)
        self._measure.setText(status)
        self.status.setText(status)
        self.legend.set_scale(scale)
        self.bars.set_rows(rows)
        self.groups_title.setVisible(has_groups and bool(rows))  # (no heading over no bars: a trial)
        self.bar_scroll.setVisible(bool(rows))
        self.updateGeometry()
        self._fit()
        self._show_followed()
        self._follow_later.start()
        if len(rows) > self._room_for:
            self._room_for = len(rows)
            self._room_later.start()
        elif rows and not self._by_hand and not self._room_later.isActive():
            self._room_tries = self._room_lost = 0  # (asked anew: the panels around may need less now)
            self._room_later.start()


def _legend_rows(shorter: int) -> int:
    """The legend's rows having given up ``shorter`` parts (0: none, hidden: :data:`LEGEND_GONE`)."""
    return 3 if shorter < 3 else 2 if shorter < 4 else 1 if shorter < LEGEND_GONE else 0
