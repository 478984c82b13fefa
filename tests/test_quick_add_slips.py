"""t71: Quick Add took ``x^2`` for a Power where the f(x) bar refuses it
("^ is not a power: write x**2"). A formula's slips typed after Tab are
refused with the bar's own words, and Enter adds nothing; the right
spelling then adds the Power. Driven as a user: Tab, typing, Enter."""

from __future__ import annotations

from canvas_helpers import make_canvas
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication
from test_quick_add_typed import _tab_at

from core.code.codeslips import other_slips


def test_a_caret_power_is_refused_with_the_formula_bars_hint(qtbot):
    model, stack, scene, view = make_canvas(qtbot)
    for typed in ["x^2", "x ^ 3", "y = x^2", "3x", "x^2 + 3x"]:
        qa = _tab_at(qtbot, view, QPointF(0, 0))
        qtbot.keyClicks(qa.edit, typed)
        bar_says = [s for _, s in sorted(other_slips(typed))]  # what the f(x) bar tells of it
        assert bar_says and qa.hint.isVisible(), (typed, qa.hint.text())
        assert all(s in qa.hint.text() for s in bar_says), (typed, qa.hint.text())
        assert not qa.list.isVisible() and qa.visible_ops() == []
        qtbot.keyClick(qa.edit, Qt.Key.Key_Return)  # refused: nothing added
        QApplication.processEvents()
        assert model.nodes() == [] and stack.count() == 0, typed
        qtbot.keyClick(qa.edit, Qt.Key.Key_Escape)
    qa = _tab_at(qtbot, view, QPointF(0, 0))
    qtbot.keyClicks(qa.edit, "x^2")
    assert qa.hint.text() == "^ is not a power: write x**2"
    qa.edit.clear()
    qtbot.keyClicks(qa.edit, "x**2")  # as the hint says: the Power
    assert qa.list.item(0).text() == "Power x**2" and not qa.hint.isVisible()
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    QApplication.processEvents()
    (p,) = model.nodes()
    assert model.op(p) == "pow" and model.node(p)["exponent"] == 2.0
