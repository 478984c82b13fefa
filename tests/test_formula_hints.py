"""Trial 69 #3, #4, #5, #14: a beginner's commonest slips in the f(x) bar and
File › Import Code were told in Python's words ("invalid decimal literal",
"Maybe you meant '=='?") or with a hint that sends one in a circle
("write tanh*x"); the app's own notation (−, x², ln) was refused; log(0)
was refused where log(x) at 0 builds. Each slip is now told what to write,
typed as a learner types it; the parser's messages are checked below too."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_codetools_gui import answer_values_soon, bar
from test_import_code_nn import LEFT, open_import_dialog, type_code
from window_helpers import answers, tmp_settings, type_formula, window  # noqa: F401

from core.code.codegraph import CodeError
from core.code.codein import parse_code

# (typed in the f(x) bar, the message it shows: the part after "syntax error: " or the column)
BAR_SLIPS = [
    # 3: hints that were wrong or circular
    (
        "y = tanh x",
        "line 1, column 10: syntax error: tanh is a function: call it with brackets, as in tanh(x)",
    ),
    ("2 = x", "line 1, column 1: syntax error: the new name goes on the left of =: write x = 2"),
    ("x + 1 = y", "line 1, column 1: syntax error: the new name goes on the left of =: write y = x + 1"),
    ("y = 2(x+1)", "line 1, column 6: a * may be missing between 2 and (x+1) (write 2*(x+1))"),
    ("y = (x+1)(x-1)", "line 1, column 10: a * may be missing between (x+1) and (x-1) (write (x+1)*(x-1))"),
    # 4: Python's jargon
    ("y = 3x + 2", "line 1, column 6: syntax error: a * may be missing between 3 and x (write 3*x)"),
    ("Y = 2X", "line 1, column 6: syntax error: a * may be missing between 2 and X (write 2*X)"),
    # t70 #10: every slip at once (told of 3x, then, once mended, of ^)
    (
        "y = x^2 + 3x",
        "line 1, column 6: syntax error: 2 slips: ^ is not a power: write x**2; "
        "a * may be missing between 3 and x (write 3*x)",
    ),
    ("y = 2,5 * x", "line 1, column 5: '2,5' is not a number (use a decimal point: 2.5)"),
    ("y = x**", "line 1, column 8: syntax error: ** needs a number after it, as in x**2"),
    ("L = a*b +", "line 1, column 10: syntax error: + needs something after it (a name or a number)"),
    ("y = ", "line 1, column 5: syntax error: nothing after =: write what y is, as in y = x + 1"),
    ("= x + 1", "line 1, column 1: syntax error: give the result a name: y = x + 1"),
    (
        "y = tahn(x)",
        "line 1, column 5: unknown function 'tahn' (did you mean tanh?); the functions are "
        "exp, log, tanh, relu, sigmoid and Value(number, label='name')",
    ),
    ("y = sqrt(x)", "line 1, column 5: unknown function 'sqrt': for √x write x**0.5, here x**0.5"),
    (
        "y = abs(x)",
        "line 1, column 5: unknown function 'abs': |x| is relu(x) + relu(-x), here relu(x) + relu(-x)",
    ),
]


@pytest.mark.parametrize(("typed", "shown"), BAR_SLIPS, ids=[t for t, _ in BAR_SLIPS])
def test_a_slip_in_the_fx_bar_is_told_what_to_write(qtbot, window, typed, shown):
    w = window
    type_formula(qtbot, w, typed, dialogs=False)
    assert w.code_tools.error_label.text() == shown
    assert bar(w).text() == typed and len(w.model) == 0  # kept to mend; nothing added
    column = int(shown.split("column ")[1].split(":")[0])
    assert bar(w).cursorPosition() == column - 1  # the cursor where the fix goes


IMPORT_SLIPS = [
    (
        "a = Value(2.0 label='a')",
        "line 1, column 15: syntax error: a comma may be missing between 2.0 and label",
    ),
    ("a = Value(2,5, label='a')", "line 1, column 11: '2,5' is not a number (use a decimal point: 2.5)"),
    ("a = Valeu(-3.0, label='a')", "line 1, column 5: unknown function 'Valeu' (did you mean Value?)"),
    (
        "c = Value(1.0)\no = c.tahn()",
        "line 2, column 5: method .tahn() is not supported (did you mean .tanh()?)",
    ),
]


@pytest.mark.parametrize(("typed", "shown"), IMPORT_SLIPS, ids=[t for t, _ in IMPORT_SLIPS])
def test_a_slip_in_import_code_is_told_what_to_write(qtbot, window, typed, shown):
    w = window
    dlg = open_import_dialog(qtbot, w)
    type_code(qtbot, dlg, typed)
    qtbot.mouseClick(dlg.ok, LEFT)
    assert dlg.isVisible() and dlg.error.isVisible()
    assert dlg.error.text().startswith(shown), dlg.error.text()
    assert len(w.model) == 0


def paste_and_enter(qtbot, w, text: str) -> None:
    """``text`` pasted in the f(x) bar (as a number copied from a card is:
    QTest cannot type a − key) and Enter."""
    e = bar(w)
    e.setFocus()
    e.clear()
    QApplication.clipboard().setText(text)
    qtbot.keyClick(e, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert e.text() == text
    qtbot.keyClick(e, Qt.Key.Key_Return)
    QApplication.processEvents()


def _added(w) -> dict[str, str]:
    return {w.model.label(n): w.model.op(n) for n in w.model.nodes()}


# ------------------------------------------------------------------ #5 the app's notation
@pytest.mark.parametrize(
    ("typed", "op", "x", "y"),
    [
        ("y = 2 − x", "sub", 0.5, 1.5),  # the cards' minus (U+2212), copied from a card
        ("y = x² + 1", "add", 3.0, 10.0),
        ("y = x³", "pow", 2.0, 8.0),
        ("y = ln(x)", "log", math.e, 1.0),
    ],
)
def test_the_apps_own_notation_is_read_in_the_fx_bar(qtbot, window, typed, op, x, y):
    w = window
    answer_values_soon({"x": x})
    paste_and_enter(qtbot, w, typed)
    assert w.code_tools.error_label.text() == "" and bar(w).text() == ""
    ops = _added(w)
    assert ops["y"] == op and ops["x"] == "leaf", ops
    out = next(n for n in w.model.nodes() if w.model.label(n) == "y")
    assert w.model.value(out) == pytest.approx(y)


def test_the_cards_minus_is_read_in_import_code_and_a_label_keeps_its_own(qtbot, window):
    w = window
    dlg = open_import_dialog(qtbot, w)
    dlg.editor.setFocus()
    QApplication.clipboard().setText("a = Value(−2.0, label='a−1')\nb = a*a − 1")  # copied from the cards
    qtbot.keyClick(dlg.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(dlg.ok, LEFT)
    assert not dlg.isVisible(), dlg.error.text()
    a = next(n for n in w.model.nodes() if w.model.label(n) == "a−1")
    b = next(n for n in w.model.nodes() if w.model.label(n) == "b")
    assert w.model.value(a) == -2.0 and w.model.value(b) == 3.0


# ------------------------------------------------------------------ #14 log(0), 1e999
def test_log_of_zero_written_as_a_number_builds_as_log_of_x_at_zero_does(qtbot, window):
    w = window
    type_formula(qtbot, w, "y = log(0)", dialogs=False)
    assert w.code_tools.error_label.text() == "" and bar(w).text() == ""
    assert _added(w) == {"0": "leaf", "y": "log"}
    y = next(n for n in w.model.nodes() if w.model.label(n) == "y")
    assert w.model.value(y) == -math.inf


def test_quick_add_says_1e999_is_not_a_finite_number(qtbot):
    from canvas_helpers import make_canvas
    from PySide6.QtCore import QPointF
    from test_quick_add_typed import _tab_at

    model, stack, scene, view = make_canvas(qtbot)
    qa = _tab_at(qtbot, view, QPointF(0, 0))
    qtbot.keyClicks(qa.edit, "1e999")
    assert qa.hint.isVisible() and not qa.list.isVisible()
    assert qa.hint.text() == "“1e999” is not a finite number (a float64 is at most about 1.8e308).", (
        qa.hint.text()
    )
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    assert model.nodes() == []
    qtbot.keyClick(qa.edit, Qt.Key.Key_Escape)
    QApplication.processEvents()


# ------------------------------------------------------------------ the parser's messages
def said(text: str) -> str:
    with pytest.raises(CodeError) as e:
        parse_code(text)
    return str(e.value)


@pytest.mark.parametrize(("typed", "shown"), [*BAR_SLIPS, *IMPORT_SLIPS])
def test_the_parser_says_the_same(typed, shown):
    assert said(typed).startswith(shown)


def test_where_no_hint_fits_python_s_words_stay():
    assert said("f = = 2").endswith("syntax error: invalid syntax")
    assert said("y = 2e").endswith("syntax error: invalid decimal literal")  # (not "2*e": an exponent)
    assert said("y = 1,000 * x").endswith("a tuple is not supported in a formula")  # a thousand, maybe
    assert said("y = sin(x)").endswith("and Value(number, label='name')") and "did you mean" not in said(
        "y = sin(x)"
    )


def test_more_slips_of_the_same_kinds():
    assert said("f(x) = x**2").endswith("the name goes alone on the left of =: write f = x**2")
    assert said("2 = x + 1").endswith(
        "only a name can stand on the left of =: put the new name there, as in y = x + 1"
    )
    assert said("y = x -").endswith("- needs something after it (a name or a number)")
    assert said("x = 2\ny = x(x+1)").endswith("a * may be missing between x and (x+1) (write x*(x+1))")
    assert said("y = x(x+1)").endswith("a * may be missing between x and (x+1) (write x*(x+1))")
    assert said("y = log x").endswith("log is a function: call it with brackets, as in log(x)")
    assert said("y = ln x").endswith("ln is a function: call it with brackets, as in ln(x)")
    assert said("y = abs(x+1)").endswith("here relu(x+1) + relu(-(x+1))")
    assert said("y = sqrt(x+1)").endswith("here (x+1)**0.5")
    assert "did you mean Value?" in said("a = value(2.0)")
    # every ^ at once, where the text reads as Python (t70 #10)
    assert said("y = x^2 + x^3").endswith("for a power write **: x**2, x**3")
    # the column as typed after a superscript read as ** (two characters more)
    assert said("y = x² + 3x").startswith(
        "line 1, column 11: syntax error: a * may be missing between 3 and x"
    )


def test_the_apps_notation_is_read_as_python():
    g = parse_code("y = x² − x³ + ln(x)")
    assert [(n.op, n.label, n.exponent) for n in g.nodes if n.op != "leaf"] == [
        ("pow", "x**2", 2.0),
        ("pow", "x**3", 3.0),
        ("sub", "x**2 - x**3", None),
        ("log", "ln(x)", None),
        ("add", "y", None),
    ]
    g = parse_code("a = Value(−2.0, label='a−b')  # −, kept in a comment")
    assert g.nodes[0].value == -2.0 and g.nodes[0].label == "a−b"


def test_a_number_that_is_not_finite_is_built_where_written_as_arithmetic():
    g = parse_code("y = log(0)")
    assert [(n.op, n.value) for n in g.nodes] == [("leaf", 0.0), ("log", None)]
    assert [n.op for n in parse_code("y = 1/0").nodes] == ["leaf", "leaf", "div"]  # as a / 0 is
    assert [n.op for n in parse_code("y = 10**400").nodes] == ["leaf", "pow"]
    # a number itself, or a leaf's value, cannot be: refused, saying why
    assert said("y = 1e999").endswith("number 1e999 is not a finite number (values must be finite)")
    assert said("a = Value(log(0))").endswith("log(0) is not a finite number (values must be finite)")
    assert said("y = x**(1/0)").endswith("the exponent 1/0 is not a finite number")


def test_the_headless_import_says_the_same(tmp_path):
    from test_cli import assert_error, run

    r = run("import", "y = 3x + 2", "-o", tmp_path / "f.mgraph")
    assert_error(r, "a * may be missing between 3 and x (write 3*x)", code=1)
    r = run("import", "y = 2 − x", "-o", tmp_path / "g.mgraph", "--value", "x=0.5")
    assert r.returncode == 0, r.stderr
