"""Trial 72 #1: ``L = (a*b + * f)`` was told "the bracket '(' at column 5 is
not closed: add ')'" (it is closed): a slip inside brackets was put on the
bracket. The missing name or number is named now, and Python's other
bracket messages read as the app's ("was never closed", "unmatched ')'")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from test_formula_bar_canvas_names import bar
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.code.codegraph import CodeError
from core.code.codein import parse_code


@pytest.mark.parametrize(
    "text, said",
    [
        ("L = (a*b + * f)", "column 12: syntax error: a name or a number is missing between + and *"),
        ("y = [x + * 2]", "a name or a number is missing between + and *"),
        ("y = x * / 2", "a name or a number is missing between * and /"),
        ("y = (x +)", "+ needs something after it (a name or a number) before ')'"),
        ("y = (* x)", "* needs something before it (a name or a number)"),
        ("y = (x + 2", "column 5: syntax error: the bracket '(' at column 5 is not closed: add ')'"),
        (
            "y = (x + 2))",
            "the bracket ')' at column 12 closes nothing: take it out, or add its '(' before it",
        ),
        ("y = (x + 2]", "the bracket ']' at column 11 does not close '(': write ')'"),
        ("y = ** x", "** needs something before it (a name or a number)"),
        ("y = / x", "/ needs something before it (a name or a number)"),
        # a bracket really left open is still named where the slip is past it (t70 #10)
        ("o = n.tanh(; x = 1", "the bracket '(' at column 11 is not closed: add ')'"),
    ],
)
def test_the_slip_is_named_not_a_closed_bracket(text, said):
    with pytest.raises(CodeError) as e:
        parse_code(text)
    assert said in str(e.value), str(e.value)
    assert "not closed" not in str(e.value) or text.count("(") > text.count(")")


def test_the_fx_bar_says_what_is_missing(qtbot, window):
    w = window
    e, error = bar(w), w.findChild(QLabel, "expression_error")
    e.setFocus()
    qtbot.keyClicks(e, "L = (a*b + * f)")
    qtbot.keyClick(e, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert "a name or a number is missing between + and *" in error.text(), error.text()
    assert "bracket" not in error.text() and len(w.model) == 0  # nothing added, the text kept
    assert e.text() == "L = (a*b + * f)"
