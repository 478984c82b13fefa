"""t62 #5: the Hessian panel, shown on a large graph, stayed open across
File › New, Open and the examples with only its intro sentence and a
Compute button, keeping its height, and after a formula typed in the f(x)
bar it filled in only after Compute, although the README says a table of
at most 8 leaves is computed by itself. Now a new graph's panel is as low
as its words, which say to press Compute, and a small graph's table comes
by itself, followed after each edit."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from window_helpers import (  # noqa: F401
    Button,
    answers,
    menu_action,
    open_file_at,
    tmp_settings,
    trigger,
    type_formula,
    window,
)

from core.cli.templates import build
from core.files import fileio
from core.graph.hessian import hessian


def test_the_panel_empties_gives_room_back_and_fills_in_for_a_small_graph(qtbot, window, answers, tmp_path):
    w = window
    fileio.save(build("mlp"), str(tmp_path / "mlp.mgraph"))
    open_file_at(qtbot, w, tmp_path / "mlp.mgraph")
    trigger(w, "hessian")
    fwd = w.backward.forward
    panel, dock = fwd.hessian_panel, fwd.hessian_dock
    QApplication.processEvents()
    assert panel.result is not None and len(panel.result.leaves) > 8
    tall = dock.height()
    assert tall > 200  # (grown for the table's rows)
    trigger(w, "new")
    QApplication.processEvents()
    qtbot.waitUntil(lambda: dock.height() < tall - 50, timeout=3000)  # its room given back
    assert dock.isVisible() and panel.result is None and panel.table.rowCount() == 0
    assert "Press Compute" in panel.summary.text()  # (and says what to do)
    assert dock.height() <= panel.shape.need() + 40
    type_formula(qtbot, w, "f = exp(x*y) / (1 + y**2)", None)
    assert w.model.label(w.model.output) == "f"
    qtbot.waitUntil(lambda: panel.result is not None, timeout=3000)  # by itself, no Compute
    names = [w.model.label(n) for n in panel.result.leaves]
    assert {"x", "y"} <= set(names) and "Computed again after each edit." in panel.summary.text()
    want = hessian(w.model, w.model.output, panel.result.leaves).hessian
    assert panel.result.hessian == want and panel.table.rowCount() == len(names)
    answers.save_changes = Button.Discard
    menu_action(w.menus["file"], "example_vanishing_tanh").trigger()  # (many leaves: waits for Compute)
    QApplication.processEvents()
    assert panel.empty() and "Press Compute" in panel.summary.text()
    assert dock.height() <= panel.shape.need() + 40
