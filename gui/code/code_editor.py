"""The Code panel's text box: monospace, line numbers in a gutter (errors say
"line 3"), and a wavy red underline where the code went wrong.

A long statement wraps (its line number shows once), and Home / End and
Shift+Home / Shift+End act on the whole line, not on the row of it shown (a
trial: Home, Shift+End and typing replaced only a wrapped line's tail,
breaking the code)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget


def monospace() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


ERROR_COLOR = QColor("#b91c1c")
_ERROR_LINE = QColor("#fde8e8")
_GUTTER_BG = QColor("#f3f4f6")
_GUTTER_FG = QColor("#6b7280")


class _Gutter(QWidget):
    def __init__(self, editor: CodeEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self.editor.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.editor.paint_gutter(event)


class CodeEditor(QPlainTextEdit):
    """A plain text editor for code, with :meth:`mark_error`."""

    #: Esc was pressed where it leaves the box (``leave_on_escape``): the Code panel gives the
    #: keys back to the canvas; in a dialog Esc closes the dialog as ever
    escaped = Signal()
    leave_on_escape = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = monospace()
        font.setPointSizeF(max(font.pointSizeF(), 10.0))
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setFixedPitch(True)
        self.setFont(font)
        # a long statement wraps (its line number shows once) rather than hide past the edge;
        # Home and End still go to the ends of the whole line (keyPressEvent)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(True)
        self.setTabStopDistance(4 * self.fontMetrics().horizontalAdvance(" "))
        self.error_at: tuple[int, int] | None = None  # (line, column), 1-based
        self._gutter = _Gutter(self)
        self.blockCountChanged.connect(self._fit_gutter)
        self.updateRequest.connect(self._scroll_gutter)
        self._fit_gutter()

    # ------------------------------------------------------------ keys
    #: the keys that go to a shown row's start or end, and where they go instead
    _LINE_KEYS = (
        (QKeySequence.StandardKey.MoveToStartOfLine, QTextCursor.MoveOperation.StartOfBlock, False),
        (QKeySequence.StandardKey.MoveToEndOfLine, QTextCursor.MoveOperation.EndOfBlock, False),
        (QKeySequence.StandardKey.SelectStartOfLine, QTextCursor.MoveOperation.StartOfBlock, True),
        (QKeySequence.StandardKey.SelectEndOfLine, QTextCursor.MoveOperation.EndOfBlock, True),
    )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers() and self.leave_on_escape:
            self.escaped.emit()
            return
        for keys, to, select in self._LINE_KEYS:
            if event.matches(keys):
                cur = self.textCursor()
                mode = QTextCursor.MoveMode.KeepAnchor if select else QTextCursor.MoveMode.MoveAnchor
                cur.movePosition(to, mode)
                self.setTextCursor(cur)
                self.ensureCursorVisible()
                return
        super().keyPressEvent(event)

    # ------------------------------------------------------------ the gutter
    def gutter_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return 10 + self.fontMetrics().horizontalAdvance("9") * max(2, digits)

    def _fit_gutter(self, *_args) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _scroll_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        cr = self.contentsRect()
        self._gutter.setGeometry(QRect(cr.left(), cr.top(), self.gutter_width(), cr.height()))

    def paint_gutter(self, event: QPaintEvent) -> None:
        p = QPainter(self._gutter)
        p.fillRect(event.rect(), _GUTTER_BG)
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        h = self.fontMetrics().height()
        w = self._gutter.width() - 5
        while block.isValid() and top <= event.rect().bottom():
            if block.isVisible():
                line = block.blockNumber() + 1
                bad = self.error_at is not None and self.error_at[0] == line
                p.setPen(ERROR_COLOR if bad else _GUTTER_FG)
                p.drawText(0, top, w, h, Qt.AlignmentFlag.AlignRight, str(line))
            top += round(self.blockBoundingRect(block).height())
            block = block.next()
        p.end()

    # ------------------------------------------------------------ errors
    def mark_error(
        self, line: int | None, column: int | None, end_column: int | None = None, move_cursor: bool = True
    ) -> None:
        """Underline the code at ``line``/``column`` (1-based) up to
        ``end_column`` (exclusive; default: the word there, or the last
        character of a line that ends too early), tint the line, and put
        the cursor there."""
        self.error_at = None
        if line is None:
            self.setExtraSelections([])
            self._gutter.update()
            return
        block = self.document().findBlockByNumber(max(0, line - 1))
        if not block.isValid():
            block = self.document().lastBlock()
        text = block.text()
        col = max(0, min((column or 1) - 1, max(0, len(text) - 1)))
        end = col + 1
        if end_column is not None and end_column - 1 > col:
            end = min(len(text), end_column - 1)
        while end < len(text) and (text[end].isalnum() or text[end] == "_") and text[col].isalnum():
            end += 1
        self.error_at = (block.blockNumber() + 1, col + 1)
        whole = QTextEdit.ExtraSelection()
        whole.format.setBackground(_ERROR_LINE)
        whole.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        whole.cursor = QTextCursor(block)
        under = QTextEdit.ExtraSelection()
        under.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        under.format.setUnderlineColor(ERROR_COLOR)
        under.format.setBackground(QColor("#fbd5d5"))
        cur = QTextCursor(block)
        cur.movePosition(QTextCursor.MoveOperation.Right, n=col)
        if text:
            cur.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, end - col)
        under.cursor = cur
        self.setExtraSelections([whole, under])
        if move_cursor:
            place = QTextCursor(block)
            place.movePosition(QTextCursor.MoveOperation.Right, n=col)
            self.setTextCursor(place)
            self.ensureCursorVisible()
        self._gutter.update()

    def clear_error(self) -> None:
        if self.error_at is not None or self.extraSelections():
            self.mark_error(None, None)

    def set_text_keeping_place(self, text: str) -> None:
        """Replace the text, keeping the cursor's line and the scroll position."""
        cur = self.textCursor()
        line, col = cur.blockNumber(), cur.positionInBlock()
        scroll = self.verticalScrollBar().value()
        self.setPlainText(text)
        block = self.document().findBlockByNumber(min(line, self.blockCount() - 1))
        place = QTextCursor(block)
        place.movePosition(QTextCursor.MoveOperation.Right, n=min(col, max(0, block.length() - 1)))
        self.setTextCursor(place)
        self.verticalScrollBar().setValue(scroll)
