"""The palette: every operation, to drag onto the canvas or double-click."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from core.autograd import custom_ops, ops
from gui.canvas.scene import OP_MIME
from gui.common import style as S

OP_ROLE = Qt.ItemDataRole.UserRole + 1
#: a row's own grey detail in place of its operation's (Quick Add's typed number)
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2
#: a row whose detail says what Enter does (Quick Add's "wired from x"): cut with "…" where it
#: does not fit whole, never left out as an operation's formula is
SAYS_ROLE = Qt.ItemDataRole.UserRole + 6


def op_tooltip(op: str) -> str:
    spec = ops.OPS[op]
    if op == "leaf":
        return (
            "<b>Value</b> (leaf): a number you type in — an input or a weight.<br>"
            "Backward stops here: its grad says how much the output changes per unit of it."
        )
    return (
        f"<b>{spec.title}</b> &nbsp;{spec.symbol}<br>computes: {spec.formula}"
        f"<br>local derivative: {spec.derivative}"
        + ("<br>k is the exponent (double-click the node to change it)" if op == "pow" else "")
    )


def op_symbol(op: str) -> str:
    return "•" if op == "leaf" else ops.OPS[op].symbol


def op_detail(op: str) -> str:
    return "a number" if op == "leaf" else ops.OPS[op].short or ops.OPS[op].formula


class _OpList(QListWidget):
    """A list whose drags carry the op name under OP_MIME."""

    enter_pressed = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit()
            return
        super().keyPressEvent(event)

    def startDrag(self, supportedActions) -> None:
        """Drag the entry; once the drag ends (dropped or not) the list looks
        idle again: the entry pressed stayed highlighted, as if a tool were
        chosen (trial 54: Add, for the rest of the session)."""
        super().startDrag(supportedActions)
        self.clearSelection()

    def mimeTypes(self) -> list[str]:
        return [OP_MIME]

    def mimeData(self, items) -> QMimeData:
        md = QMimeData()
        if items:
            md.setData(OP_MIME, items[0].data(OP_ROLE).encode("utf-8"))
        return md


class OpDelegate(QStyledItemDelegate):
    """A compact row: the symbol in a small card (green for a value) and the
    name; the formula too when the palette is wide enough (always in the tooltip)."""

    #: Where a row's parts go (pixels): the chip's inset and width, the gap before the title,
    #: the gap after it (before the detail) and the room at the right. The palette and Quick
    #: Add size their lists from these (:meth:`width_for`), not from copies of the numbers.
    CHIP_LEFT, CHIP_WIDTH, TEXT_GAP, TITLE_GAP, RIGHT = 5, 40, 7, 10, 3

    def sizeHint(self, option, index) -> QSize:
        return QSize(110, 28)

    @classmethod
    def width_for(cls, title: str, detail: str = "") -> int:
        """How wide a row must be for ``title`` and ``detail`` whole, as :meth:`paint` lays them out."""
        words = QFontMetrics(S.font(11)).horizontalAdvance(detail) + cls.TITLE_GAP if detail else 0
        title_w = QFontMetrics(S.font(12, True)).horizontalAdvance(title)
        return cls.CHIP_LEFT + cls.CHIP_WIDTH + cls.TEXT_GAP + title_w + words + cls.RIGHT

    def paint(self, painter: QPainter, option, index) -> None:
        op = index.data(OP_ROLE)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        r = QRectF(option.rect)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(r, option.palette.color(QPalette.ColorRole.Highlight).lighter(170))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(r, QColor("#eef2fb"))
        chip = QRectF(r.left() + self.CHIP_LEFT, r.top() + 3, self.CHIP_WIDTH, r.height() - 6)
        leaf = op == "leaf"
        painter.setPen(S.LEAF_BORDER if leaf else S.CARD_BORDER)
        painter.setBrush(S.LEAF_CARD if leaf else S.CARD)
        painter.drawRoundedRect(chip, 5, 5)
        sym = op_symbol(op)
        painter.setFont(S.font(13 if len(sym) <= 2 else 11, True))
        painter.setPen(S.LEAF_TEXT if leaf else S.SYMBOL)
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, sym)
        gaps = self.TEXT_GAP + self.RIGHT
        text = QRectF(chip.right() + self.TEXT_GAP, r.top(), r.right() - chip.right() - gaps, r.height())
        painter.setFont(S.font(12, True))
        painter.setPen(option.palette.color(QPalette.ColorRole.Text))
        title = ops.OPS[op].title
        painter.drawText(text, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        w = painter.fontMetrics().horizontalAdvance(title) + self.TITLE_GAP
        painter.setFont(S.font(11))
        rest = text.adjusted(w, 0, 0, 0)
        detail = index.data(DETAIL_ROLE) or op_detail(op)
        fm = painter.fontMetrics()
        if index.data(SAYS_ROLE) and fm.horizontalAdvance(detail) > rest.width():
            detail = fm.elidedText(detail, Qt.TextElideMode.ElideRight, max(0, int(rest.width())))
        if fm.horizontalAdvance(detail) <= rest.width():  # whole or not at all
            painter.setPen(S.TEXT_DIM)
            painter.drawText(rest, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, detail)
        painter.restore()


class Palette(QWidget):
    """A filterable list of operations for a dock.

    Drag an entry onto the canvas to create it there; double-click (or Enter)
    emits ``add_requested(op)``. Esc in the filter or the list clears the
    filter and emits ``escaped``: the window gives the keys back to the
    canvas, as the f(x) bar's Esc does (trial 70: after F6, Esc here did
    nothing and only the mouse or more F6 presses led back).
    """

    add_requested = Signal(str)
    escaped = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("palette")
        self.filter = QLineEdit(self)
        self.filter.setObjectName("palette_filter")
        self.filter.setPlaceholderText("Filter…")
        self.filter.setClearButtonEnabled(True)
        self.list = _OpList(self)
        self.list.setObjectName("palette_list")
        self.list.setDragEnabled(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.list.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.list.setUniformItemSizes(True)
        self.list.setMouseTracking(True)
        self.list.setItemDelegate(OpDelegate(self.list))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for name in ops.OPS:
            self._add_item(name)
        # a user's own operator (Graph › New Operator…, or a file's) joins the list
        custom_ops.events.installed.connect(self._on_installed)
        self.destroyed.connect(lambda *_: custom_ops.events.installed.disconnect(self._on_installed))
        # Never narrower than the longest name: a clipped "Subtrac" or
        # "Sigmoi" helps nobody (the row's chip and gaps, a margin, a scroll bar).
        longest = max(OpDelegate.width_for(spec.title) for spec in ops.OPS.values())
        self.list.setMinimumWidth(
            longest
            + OpDelegate.TITLE_GAP
            - OpDelegate.RIGHT
            + 2 * self.list.frameWidth()
            + self.list.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        )
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.filter)
        lay.addWidget(self.list)
        self.filter.textChanged.connect(self._filter)
        self.list.itemDoubleClicked.connect(self._double_clicked)
        self.list.enter_pressed.connect(self._enter)
        self.filter.installEventFilter(self)
        self.list.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        """Esc (no modifier) in the filter or the list: clear the filter, leave."""
        if (
            obj in (self.filter, self.list)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
            and not event.modifiers()
        ):
            self.filter.clear()
            self.escaped.emit()
            return True
        return super().eventFilter(obj, event)

    def _add_item(self, name: str) -> None:
        spec = ops.OPS[name]
        it = QListWidgetItem(f"{op_symbol(name)} {spec.title}")
        it.setData(OP_ROLE, name)
        it.setToolTip(op_tooltip(name))
        self.list.addItem(it)

    def _on_installed(self, name: str, first: bool) -> None:
        item = self.item_for(name)
        if item is None:
            self._add_item(name)
        else:
            item.setToolTip(op_tooltip(name))  # defined again: its formula changed

    def _double_clicked(self, item: QListWidgetItem) -> None:
        """Add ``item``'s operation; the entry not left highlighted (as after a drag)."""
        self.list.clearSelection()
        self.add_requested.emit(item.data(OP_ROLE))

    def _enter(self) -> None:
        it = self.list.currentItem()
        if it is not None and not it.isHidden():
            self.add_requested.emit(it.data(OP_ROLE))

    def item_for(self, op: str) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            if self.list.item(i).data(OP_ROLE) == op:
                return self.list.item(i)
        return None

    def point_at(self, op: str | None) -> None:
        """Show ``op``'s entry as the current one (a guide points at it); None:
        none (the guide points elsewhere: t70 kept Multiply lit after the tutorial)."""
        if op is None:
            self.list.setCurrentRow(-1)
            self.list.clearSelection()
            return
        item = self.item_for(op)
        if item is None:
            return
        if item.isHidden():
            self.filter.clear()
        self.list.setCurrentItem(item)
        self.list.scrollToItem(item)

    def _filter(self, text: str) -> None:
        t = text.strip().lower()
        for i in range(self.list.count()):
            it = self.list.item(i)
            op = it.data(OP_ROLE)
            hay = f"{op} {ops.OPS[op].title} {ops.OPS[op].symbol} {op_detail(op)}".lower()
            it.setHidden(bool(t) and t not in hay)
