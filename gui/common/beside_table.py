"""The shape of the result panels under the canvas (Forward vs Reverse, the
Hessian, What If…): their words (with a button under them) beside their
table, or over it where the window is too narrow for both side by side.

A trial (60 #3) projecting the lesson found each one cut: the words in a
narrow column (2 : 3 of the width) scrolling mid-line while the Hessian's
2 × 3 table used a quarter of its half, the comparison's last column a
sideways scroll away, What If…'s table 1½ of its 5 rows. Here the table is
as wide as its columns (no wider), the words take the rest, at least
:data:`WORDS_EM` letters wide; and :meth:`BesideOrUnder.need` says the
height at which all of it shows, for the dock to grow to (the feature
asks: gui/common/dock_places.py ``grow_for``).

F6 gives such a panel's keys to its table (its focus proxy) while it has
rows, else to the words; either framed while it has them, Esc there
:attr:`BesideOrUnder.escaped` (trial 72: F6 stopped in the Hessian's words
with no frame, and neither table could be reached to copy it)."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QFrame, QLayout, QLayoutItem, QPushButton, QScrollArea, QTableWidget, QWidget

from gui.common.focus_ring import FocusRing

#: The words' least width beside a table, in average letters (else they go over it).
WORDS_EM = 34
#: Room between the words, the button and the table.
GAP = 6
#: Qt's largest widget size (no least height of that shape).
QWIDGETSIZE_MAX = (1 << 24) - 1


def scrolling_words(words: QWidget, name: str) -> QScrollArea:
    """``words`` in a scroll area of its own, up and down only: where the
    dock is lower than they are they scroll, never cut at the top and
    bottom (a trial's Hessian panel hid its first and last lines)."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidget(words)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


def line_step(font: QFont) -> int:
    """The px between two lines of a label's text in ``font`` (a rich text's: its
    document's, a pixel more than the font's line spacing at some sizes)."""
    doc = QTextDocument()
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setPlainText("x")
    one = doc.size().height()
    doc.setPlainText("x\nx")
    return max(1, round(doc.size().height() - one))


class Plan(NamedTuple):
    """Where a panel's parts go at one width: the table ``side`` of the words (else under
    them), ``tw`` px wide; the button under the words or by the table (``by_table``: under
    it beside the words, right of it under them); ``height``: all of it whole."""

    side: bool
    tw: int
    by_table: bool
    height: int


class BesideOrUnder(QLayout):
    """Lays out ``words`` (a scroll area), ``button`` and ``table``: the
    table beside the words on the right, as wide as its columns, where the
    words keep :data:`WORDS_EM` letters and that needs no more height than
    one over the other; else under them, the whole width. The button goes
    under the words, or by the table where that needs less height."""

    #: The panel's text size changed (Presentation Mode): it may need another height.
    room_wanted = Signal()
    #: Esc (no modifier) in the words or the table: the window gives the keys back to the canvas.
    escaped = Signal()

    def __init__(self, parent: QWidget, words: QScrollArea, button: QPushButton | None, table: QTableWidget):
        super().__init__(parent)
        parent.installEventFilter(self)
        self.setContentsMargins(GAP, GAP, GAP, GAP)
        self._items: list[QLayoutItem] = []
        self.words, self.button, self.table = words, button, table
        for w in (words, button, table):
            if w is not None:
                self.addWidget(w)
        self.side = True  # the shape the last layout chose
        # laid out again as the table's columns or rows change (a name column fitted to its names
        # once the table is shown: gui/learning/table.py)
        table.horizontalHeader().sectionResized.connect(self._again)
        m = table.model()
        for changed in (m.rowsInserted, m.rowsRemoved, m.columnsInserted, m.columnsRemoved, m.modelReset):
            changed.connect(self._again)
        self._rings = [FocusRing(words), FocusRing(table)]  # (F6 stops there: seen to have the keys)
        for ring in self._rings:
            ring.escaped.connect(self.escaped)
        for changed in (m.rowsInserted, m.rowsRemoved, m.modelReset):
            changed.connect(self._name_stop)
        self._name_stop()

    def _name_stop(self, *_args: object) -> None:
        """The table the panel's F6 stop while it has rows (gui/window/pane_keys.py), else the words."""
        parent = self.parentWidget()
        if parent is not None:
            parent.setFocusProxy(self.table if self.table.rowCount() else self.words)

    def _again(self, *_args: object) -> None:
        self.invalidate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange and watched is self.parentWidget():
            self.room_wanted.emit()
        return False

    # ------------------------------------------------------------ QLayout
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def sizeHint(self) -> QSize:
        return QSize(600, 200)

    def minimumSize(self) -> QSize:
        """The words a strip, or (a table with rows) none: the button and the table's header and one
        whole row (review 72b #4: squeezed under a pass's banner, 20 px for a 25 px header and 30 px rows)."""
        m = self.contentsMargins()
        if not self.table.rowCount():
            return QSize(120, self._button().height() + GAP + 16 + m.top() + m.bottom())
        parent = self.parentWidget()
        width = self.geometry().width() or (parent.width() if parent is not None else 0)
        return QSize(120, self.least_height(width - m.left() - m.right()) + m.top() + m.bottom())

    def least_height(self, width: int) -> int:
        """The least height (px) of the parts at ``width`` in the shape they take when short of room:
        the words none (they give way first), the button, the table's header and one whole row."""
        p = self.plan(width)
        b = self._button()
        below = b.height() + GAP if b.height() else 0
        if p.side:
            one = self._table_least(p.tw)
            return one + below if p.by_table else max(one, below)
        if p.by_table:
            return GAP + max(self._table_least(min(p.tw, width - b.width() - GAP)), b.height())
        return min(below + GAP + self._table_least(p.tw), self._beside_button(width))

    def _beside_button(self, width: int) -> int:
        """The least height of a table too wide for the button beside it, narrowed for it (its
        columns a scroll away): the button over it took the canvas's room (the Hessian of the
        MLP presented at 1366×768 left the canvas 369 px of its 384)."""
        b = self._button()
        if not b.height() or not self.table.rowCount():
            return QWIDGETSIZE_MAX
        return max(self._table_least(width - b.width() - GAP), b.height())

    def _squeezed(self, p: Plan, width: int, height: int) -> bool:
        """Whether ``height`` is too low for the button over the table's header and a whole row
        (``p``: the words over them, the button under the words), as the button beside them is not."""
        if p.side or p.by_table:
            return False
        b = self._button()
        over = b.height() + GAP + GAP + self._table_least(p.tw)
        return height < over and self._beside_button(width) < over

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal | Qt.Orientation.Vertical

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        r = self.contentsRect()
        p = self.plan(r.width(), r.height())
        self.side = p.side
        b = self._button()
        below = b.height() + GAP if b.height() else 0  # (a button under a part)
        if p.side:  # the table on the right, the words on the left, the button under one of them
            high = r.height() - (below if p.by_table else 0)
            tw = self._wider(p.tw, high, r.width() - GAP - self.words_least())
            table = QRect(r.right() - tw + 1, r.top(), tw, r.height())
            words = QRect(r.left(), r.top(), r.width() - tw - GAP, r.height())
            if p.by_table:
                table.setHeight(self.whole_rows(tw, max(0, r.height() - below)))
                self._button_at(table.left(), table.bottom() + GAP + 1, table.width())
            else:
                table.setHeight(self.whole_rows(tw, table.height()))
                words.setHeight(self.whole_lines(words.width(), max(0, r.height() - below)))
                self._button_at(words.left(), r.top() + max(0, r.height() - below) + GAP, words.width())
            self._words_at(words)
            self.table.setGeometry(table)
            return
        if self._squeezed(p, r.width(), r.height()):  # the table's row and the button side by side
            self._words_at(QRect(r.left(), r.top(), r.width(), 0))
            tw = min(p.tw, r.width() - b.width() - GAP)
            self.table.setGeometry(QRect(r.left(), r.top(), tw, self.whole_rows(tw, r.height())))
            self._button_at(r.left() + tw + GAP, r.top(), b.width())
            return
        # the words over the table, whole where there is the room (the table keeps its header and a
        # whole row: the words give way first, then the button stays over it; review 72b #4)
        rows = self.table_height(p.tw)
        low = max(rows, b.height()) if p.by_table else rows
        over = self.words_height(r.width()) + (0 if p.by_table else below)
        room = r.width() - (b.width() + GAP if p.by_table else 0)
        least = min(low, max(self._table_least(min(p.tw, room)), b.height() if p.by_table else 0))
        most = r.height() - least - GAP  # (the words' and button's most, the table's least under them)
        over = min(max(min(over, most), min(r.height() // 2, over)), most)
        over = max(over, 0 if p.by_table else below)
        space = max(0, over - (0 if p.by_table else below))
        words = QRect(r.left(), r.top(), r.width(), self.whole_lines(r.width(), space))
        self._words_at(words)
        top = r.top() + over + GAP
        high = max(0, r.bottom() + 1 - top)
        tw = self._wider(p.tw, high, r.width() - (b.width() + GAP if p.by_table else 0))
        self.table.setGeometry(QRect(r.left(), top, tw, self.whole_rows(tw, high)))
        if p.by_table:
            self._button_at(r.left() + tw + GAP, top, r.width() - tw - GAP)
        else:
            self._button_at(r.left(), r.top() + space + GAP, r.width())

    def _words_at(self, rect: QRect) -> None:
        """The words in ``rect``; none where not a line of them fits (t72 #3: a
        line cut through its middle, the Compute button under it read as over it)."""
        self.words.setVisible(rect.height() > 0)
        self.words.setGeometry(rect)

    def whole_lines(self, width: int, height: int) -> int:
        """The words' height within ``height`` at ``width``: all of them where they fit, else
        as many whole lines as fit (they scroll), 0 where not one does."""
        if self.words_height(width) <= height:
            return height
        inner = self.words.widget()
        step = line_step(inner.font() if inner is not None else self.words.font())
        return height // step * step

    def whole_rows(self, tw: int, height: int) -> int:
        """The table's height within ``height``: all of it where its rows fit, else its
        header and as many whole rows as fit, the rest a scroll away (t72 #3, #7: the
        Hessian's last row cut in half over blank room)."""
        t = self.table
        if self.table_height(tw) <= height or not t.rowCount():
            return height
        chrome = self.table_height(tw) - sum(t.rowHeight(i) for i in range(t.rowCount()))
        row = max(1, t.rowHeight(0))
        if height < chrome + row:  # (not one whole row: the header alone, no row cut in half)
            return min(height, chrome)
        return chrome + (height - chrome) // row * row

    def _wider(self, tw: int, height: int, room: int) -> int:
        """``tw``, and the width of a scroll bar where the rows do not all fit ``height`` (it
        took that from the columns, which then scrolled sideways), within ``room``."""
        if self.table_height(tw) <= height:
            return tw
        return max(tw, min(room, tw + self.table.verticalScrollBar().sizeHint().width()))

    def _button_at(self, x: int, y: int, room: int) -> None:
        if self.button is not None:
            size = self._button()
            self.button.setGeometry(QRect(x, y, min(room, size.width()), size.height()))

    # ------------------------------------------------------------ measures
    def _button(self) -> QSize:
        b = self.button
        return QSize(0, 0) if b is None or b.isHidden() else b.sizeHint()

    def words_least(self) -> int:
        return self.words.fontMetrics().averageCharWidth() * WORDS_EM

    def words_height(self, width: int) -> int:
        """The words' height at ``width``, whole: as wrapped beside a scroll bar (the scroll
        area, given exactly their height, showed one and wrapped them a line longer)."""
        inner = self.words.widget()
        if inner is None:
            return 0
        width -= self.words.verticalScrollBar().sizeHint().width()
        return max(inner.heightForWidth(width), inner.minimumSizeHint().height())

    def table_width(self) -> int:
        """The table as wide as its columns (and its names of rows), no wider."""
        t = self.table
        if not t.columnCount():  # (no result yet: the words take the whole width)
            return 0
        vh = t.verticalHeader()
        # (the names of rows as wide as the table will make them: its header's width follows new
        # names only at its next layout, after this one; a leaf1 row took 38 px of the last column)
        names = max(vh.minimumWidth(), vh.sizeHint().width()) if vh.isVisible() else 0
        return t.horizontalHeader().length() + names + 2 * t.frameWidth()

    def table_height(self, width: int) -> int:
        """The table's height with every row in view at ``width``."""
        t = self.table
        rows = sum(t.rowHeight(i) for i in range(t.rowCount()))
        h = t.horizontalHeader().sizeHint().height() + rows + 2 * t.frameWidth()
        if self.table_width() > width:  # (a sideways scroll bar under the rows)
            h += t.horizontalScrollBar().sizeHint().height()
        return h

    def _table_least(self, width: int) -> int:
        """The table's header and one whole row at ``width``, over its sideways scroll bar where
        its columns (and a scroll bar for the rows that do not fit) are wider."""
        t = self.table
        one = t.rowHeight(0) if t.rowCount() else t.verticalHeader().defaultSectionSize()
        h = t.horizontalHeader().sizeHint().height() + one + 2 * t.frameWidth()
        up_down = t.verticalScrollBar().sizeHint().width() if t.rowCount() > 1 else 0
        if self.table_width() and self.table_width() + up_down > width:
            h += t.horizontalScrollBar().sizeHint().height()
        return h

    def plan(self, width: int, height: int = 0) -> Plan:
        """The first shape that shows all at ``width`` within ``height`` (the table beside the
        words, the button under them, first), else the one needing the least height."""
        b = self._button()
        below = b.height() + GAP if b.height() else 0
        tw = self.table_width()
        plans = []
        if tw + GAP + self.words_least() <= width or not self.table.rowCount():  # beside the words
            side = min(tw, max(0, width - GAP - self.words_least()))
            words = self.words_height(width - side - GAP)
            rows = self.table_height(side)
            plans.append(Plan(True, side, False, max(words + below, rows)))
            if below and b.width() <= side:
                plans.append(Plan(True, side, True, max(words, rows + below)))
        under = min(tw, width)
        words, rows = self.words_height(width), self.table_height(under)
        plans.append(Plan(False, under, False, words + below + GAP + rows))
        if below and under + GAP + b.width() <= width:
            plans.append(Plan(False, under, True, words + GAP + max(rows, b.height())))
        fits = [p for p in plans if p.height <= height]
        return fits[0] if fits else min(plans, key=lambda p: (p.height, not p.side, p.by_table))

    def need(self) -> int:
        """The height (px) the panel needs at its width to show all its words
        and every row of its table."""
        m = self.contentsMargins()
        parent = self.parentWidget()
        width = self.geometry().width() or (parent.width() if parent is not None else 0)
        return self.plan(width - m.left() - m.right()).height + m.top() + m.bottom()


def words_beside_table(
    panel: QWidget, words: QWidget, button: QPushButton | None, table: QTableWidget, name: str
) -> BesideOrUnder:
    """Lay ``panel`` out: ``words`` (scrolling, named ``name``), ``button``
    under them, ``table`` beside or under (:class:`BesideOrUnder`)."""
    return BesideOrUnder(panel, scrolling_words(words, name), button, table)
