"""The Code panel's editor with a long, wrapped line (trial 49, #8): Home,
End, Shift+Home and Shift+End act on the whole line, not on the row of it shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from gui.code.code_editor import CodeEditor

LONG = "L = (p1 - y1)**2 + (p2 - y2)**2 + (p3 - y3)**2 + (p4 - y4)**2 + (p5 - y5)**2 + (p6 - y6)**2"
CODE = f"a = Value(2.0, label='a')\n{LONG}\nb = 3\n"
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _narrow(qtbot) -> CodeEditor:
    e = CodeEditor()
    qtbot.addWidget(e)
    e.setPlainText(CODE)
    e.resize(260, 300)
    e.show()
    qtbot.waitExposed(e)
    e.setFocus()
    return e


def _click_last_row_of_line_2(qtbot, e: CodeEditor) -> None:
    """A click on the wrapped tail of line 2 (its last row on screen)."""
    end = QTextCursor(e.document().findBlockByNumber(1))
    end.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    first = e.cursorRect(QTextCursor(e.document().findBlockByNumber(1)))
    at = e.cursorRect(end)
    assert at.top() > first.bottom(), "line 2 does not wrap here"
    QTest.mouseClick(e.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at.center())
    assert e.textCursor().blockNumber() == 1


def test_home_then_shift_end_selects_the_whole_wrapped_line(qtbot):
    e = _narrow(qtbot)
    _click_last_row_of_line_2(qtbot, e)
    qtbot.keyClick(e, Qt.Key.Key_Home)
    qtbot.keyClick(e, Qt.Key.Key_End, SHIFT)
    assert e.textCursor().selectedText() == LONG
    qtbot.keyClicks(e, "L = p1")
    assert e.toPlainText() == "a = Value(2.0, label='a')\nL = p1\nb = 3\n"


def test_end_then_shift_home_selects_the_whole_line_too(qtbot):
    e = _narrow(qtbot)
    _click_last_row_of_line_2(qtbot, e)
    qtbot.keyClick(e, Qt.Key.Key_Home)
    assert e.textCursor().positionInBlock() == 0
    qtbot.keyClick(e, Qt.Key.Key_End)
    assert e.textCursor().positionInBlock() == len(LONG)
    qtbot.keyClick(e, Qt.Key.Key_Home, SHIFT)
    assert e.textCursor().selectedText() == LONG
