"""Verify 50, N9: the f(x) bar's message for ``x^2`` pointed at column 10,
the x of x*y where Python's BinOp ``(x*y + x) ^ 2`` starts, and put the
caret there; it points at the ``^`` itself, and the caret goes to it."""

from __future__ import annotations

from test_codetools_gui import bar
from window_helpers import answers, tmp_settings, type_formula, window  # noqa: F401

FORMULA = "g = tanh(x*y + x^2) * exp(-y)"


def test_a_caret_in_the_bar_is_pointed_at_where_it_is_written(qtbot, window):
    w = window
    w.resize(1600, 1000)
    type_formula(qtbot, w, FORMULA, dialogs=False)
    err = w.code_tools.error_label.text()
    col = FORMULA.index("^") + 1  # 17
    assert err.startswith(f"line 1, column {col}: operator ^ is not supported"), err
    assert bar(w).text() == FORMULA and bar(w).cursorPosition() == col - 1  # the caret before the ^
    assert len(w.model) == 0
    # with brackets and spaces around it, still the ^: "(x*y)  ^  (x)"
    type_formula(qtbot, w, "g = (x*y)  ^  (x)", dialogs=False)
    err = w.code_tools.error_label.text()
    assert err.startswith("line 1, column 12: operator ^"), err
