"""Trial 50 #13: the messages for a formula's slips were right, but their
hints missed. A decimal comma (0,7) is told to be a point, in the one number
parser (the card, the f(x) bar's value table, Quick Add) and in `--value`;
Euler's e and a module's exp are told to be exp(...); two names side by
side are told a * may be missing (not Python's "forgot a comma?"); x^2 is
told to be x**2."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit
from test_cli import assert_error, run

from core.code.codeadd import import_code
from core.code.codegraph import CodeError
from core.explain.format import parse_number
from core.graph.model import GraphModel


# ---------------------------------------------------------------- 0,7
def test_the_number_parser_says_to_use_a_decimal_point():
    with pytest.raises(ValueError, match=r"^'0,7' is not a number \(use a decimal point: 0\.7\)$"):
        parse_number("0,7")
    with pytest.raises(ValueError, match=r"use a decimal point: -0\.3\)$"):
        parse_number(" −0,3 ")  # the canvas's minus
    with pytest.raises(ValueError, match=r"^'abc' is not a number$"):  # no hint where it does not fit
        parse_number("abc")
    from core.explain.format import decimal_comma

    assert (
        decimal_comma("1,2,3") is None and decimal_comma("x,1") is None and decimal_comma("12,50") == "12.50"
    )
    # a review: "1,000" may be a thousand; "use a decimal point: 1.000" would say it is one
    assert decimal_comma("1,000") is None and decimal_comma("−12,345") is None
    assert decimal_comma("0,125") == "0.125"
    with pytest.raises(ValueError, match=r"^'1,000' is not a number$"):
        parse_number("1,000")


def test_the_value_table_of_the_fx_bar_says_to_use_a_decimal_point(qtbot):
    from gui.code.dialogs import LeafValuesDialog

    dlg = LeafValuesDialog(["x", "y"])
    qtbot.addWidget(dlg)
    dlg.show()
    t = dlg.table
    t.setCurrentCell(0, 0)
    t.editItem(t.item(0, 0))
    editor = t.findChild(QLineEdit)  # the cell's editor, as a double-click opens it
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "0,7")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # to the next cell: committed
    dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    error = [w for w in dlg.findChildren(QLabel) if w.isVisible() and "0,7" in w.text()]
    assert error and error[0].text() == "x: '0,7' is not a number (use a decimal point: 0.7)"
    assert dlg.isVisible()  # not accepted


def test_a_card_typed_with_a_decimal_comma_keeps_its_name_and_says_why(qtbot):
    from canvas_helpers import make_canvas

    m = GraphModel()
    m.add_node("leaf", "x", label="x", value=1.0, x=0, y=0)
    model, stack, scene, view = make_canvas(qtbot, m)
    said: list[str] = []
    scene.interaction.editor.status_message.connect(said.append)
    box = scene.interaction.edit("x", "entry")
    box.selectAll()
    qtbot.keyClicks(box, "0,7")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert model.label("x") == "x" and model.node("x")["value"] == 1.0  # not renamed "0,7"
    assert said[-1] == "value of 'x' not changed: '0,7' is not a number (use a decimal point: 0.7)"


def test_value_option_with_a_decimal_comma(tmp_path):
    r = run("import", "f = x*y", "-o", tmp_path / "f.mgraph", "--value", "x=0,7")
    assert_error(r, "--value 'x=0,7': use a decimal point: --value x=0.7", code=1)


# ---------------------------------------------------------- formula slips
def said(text: str) -> str:
    with pytest.raises(CodeError) as e:
        import_code(text, {})
    return str(e.value)


def test_eulers_e_and_a_modules_exp_are_told_to_be_exp():
    assert said("f = tanh(x*y + x**2) * e**(-y)").endswith("for Euler's e write exp(-y)")
    # an e given a value is a leaf: its rewrite stands
    assert said("e = 2.0\nf = e**(-y)").endswith("for e**(-y) write exp((-y)*log(e))")
    assert said("f = math.exp(-y)").endswith(
        "math.exp(…) is a module's function: write exp(-y) (the functions are exp, log, tanh, relu, sigmoid)"
    )
    assert "write tanh(x*y)" in said("f = np.tanh(x*y)")
    assert "write exp(x)" in said("f = torch.exp(x)")
    assert said("f = math.e**x").endswith("math.e is Euler's e: for e**x write exp(x)")
    assert said("f = x.exp(2)").endswith(".exp() takes no arguments, as in x.exp()")  # a Value's method


def test_two_names_side_by_side_are_told_a_star_may_be_missing():
    text = said("f = tanh(x y + x**2) * exp(-y)")
    assert text == "line 1, column 12: syntax error: a * may be missing between x and y (write x*y)"
    assert "forgot a comma" not in text
    assert said("f = 2 x").endswith("a * may be missing between 2 and x (write 2*x)")
    assert said("f = = 2").endswith("syntax error: invalid syntax")  # Python's words where no hint fits


def test_a_caret_is_told_to_be_a_power():
    assert said("f = x*y + x^2").endswith(
        "operator ^ is not supported (use + - * / ** and unary minus); for a power write **, as in x**2"
    )
    r = run("import", "f = x^2", "-o", "-")
    assert_error(r, "for a power write **, as in x**2", code=1)
