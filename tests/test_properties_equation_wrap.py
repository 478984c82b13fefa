"""t72 #11e: Properties wrote ``y = x^3`` while the f(x) bar and the code
write ``x**3``, and wrapped its derivative inside an expression,
"3 × 2^(3" on one line and "− 1) = 12" on the next. It writes a power as
Python does and wraps only between whole terms, at any width of its dock."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication
from test_class_trial import click_card
from test_code_panel_gui import click_code_button
from window_helpers import answers, tmp_settings, type_formula, type_on_card, window  # noqa: F401

from gui.common.equation_breaks import JOIN, NBSP, WRAP


def node(w, label: str) -> str:
    return next(n for n in w.model.nodes() if w.model.label(n) == label)


def lines_shown(lab) -> list[str]:
    """The label's lines as Qt wraps its text at its width (its unseen marks left out)."""
    shown = lab.shown_text() if hasattr(lab, "shown_text") else lab.text()
    doc = QTextDocument()
    doc.setDefaultFont(lab.font())
    doc.setDocumentMargin(0)
    doc.setPlainText(shown)
    doc.setTextWidth(lab.contentsRect().width())
    doc.size()  # (laid out)
    out = []
    block = doc.begin()
    while block.isValid():
        lay, text = block.layout(), block.text()
        for i in range(lay.lineCount()):
            line = lay.lineAt(i)
            piece = text[line.textStart() : line.textStart() + line.textLength()]
            out.append(piece.replace(JOIN, "").replace(WRAP, "").replace(NBSP, " ").strip())
        block = block.next()
    return out


def y_of_x_selected(qtbot, w, formula: str) -> None:
    """``formula`` typed in the f(x) bar, x set to 2 on its card, y clicked: Properties shows y."""
    w.resize(1366, 768)
    type_formula(qtbot, w, formula)
    type_on_card(qtbot, w, node(w, "x"), "2")
    click_card(w, node(w, "y"))


def copied_from(qtbot, lab) -> str:
    """What Ctrl+C copies of the whole of ``lab``, selected as a mouse selects it."""
    lab.setFocus()
    lab.setSelection(0, len(lab.shown_text()))
    qtbot.keyClick(lab, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    return QApplication.clipboard().text()


def test_properties_writes_a_power_with_stars_and_wraps_only_between_whole_terms(qtbot, window):
    w = window
    y_of_x_selected(qtbot, w, "y = x**3")
    p = w.properties
    assert p.formula_label.text() == "y = x**3"
    derivative = "∂y/∂x = 3 × x**(3 - 1) = 3 × 2**(3 - 1) = 12"
    assert p.derivative_label.text() == derivative
    assert "y = x**3 = 2**3 = 8" in w.backward.chain_panel.text()  # (the panel under it, alike)
    wrapped = set()
    for width in range(240, 480, 6):  # the dock dragged narrower and wider, as a user does
        w.resizeDocks([w.properties_dock], [width], Qt.Orientation.Horizontal)
        QApplication.processEvents()
        lines = lines_shown(p.derivative_label)
        assert " ".join(lines) == derivative, (width, lines)
        for line in lines:
            assert line.count("(") == line.count(")"), (width, lines)  # never "2**(3" | "- 1)"
            assert line.startswith(("∂y", "= ")), (width, lines)  # only before a whole " = …"
        wrapped.add(len(lines))
        assert p.scroll_area.horizontalScrollBar().maximum() == 0, width  # never wider than the dock
    assert len(wrapped) > 1, wrapped  # (the widths tried wrap it, and differently)


def test_an_equation_copied_from_properties_carries_no_unseen_marks(qtbot, window):
    """The wrap points were zero-width marks (U+200B, U+FEFF) that a mouse
    selection copied along: pasted into Python, "y = x**3" then fails with
    "invalid non-printable character"."""
    w = window
    y_of_x_selected(qtbot, w, "y = x**3")
    lab = w.properties.derivative_label
    w.resizeDocks([w.properties_dock], [250], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    assert len(lines_shown(lab)) > 1  # (wrapped, so there are break points to copy)
    copied = copied_from(qtbot, lab)
    assert copied.replace("\n", " ") == "∂y/∂x = 3 × x**(3 - 1) = 3 × 2**(3 - 1) = 12", repr(copied)
    assert not set(copied) & {JOIN, WRAP, NBSP}, repr(copied)


def test_a_negative_exponent_in_properties_is_written_as_python_and_the_code_write_it(qtbot, window):
    """Review 73 #5: "y = x**(−2)" (a real minus, U+2212) copied from Computes
    failed in Python, where the f(x) bar and the exported code write x**-2."""
    w = window
    y_of_x_selected(qtbot, w, "y = x**-2")
    p = w.properties
    assert p.formula_label.text() == "y = x**-2"
    derivative = "∂y/∂x = −2 × x**(-2 - 1) = −2 × 2**(-2 - 1) = −0.25"
    assert p.derivative_label.text() == derivative
    assert "y = x**-2 = 2**-2 = 0.25" in w.backward.chain_panel.text()  # (the panel under it, alike)
    copied = copied_from(qtbot, p.formula_label)
    assert copied == "y = x**-2", repr(copied)
    names = {"x": 2.0}
    exec(copied, {}, names)  # pasted into Python, it runs
    assert names["y"] == 0.25
    if not w.code_panel.dock.isVisible():
        click_code_button(qtbot, w)  # the exponent as the Code panel writes it
    qtbot.waitUntil(lambda: "y = x**" in w.code_panel.editor.toPlainText(), timeout=3000)
    assert "y = x**-2" in w.code_panel.editor.toPlainText()
    exponent = derivative.split(" = ")[1].split("**")[1]  # "(-2 - 1)"
    assert eval(exponent) == -3
