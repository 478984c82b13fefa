"""Trial 71 #3: after Backward and Skip to End, "layer 1 [1]" of the inserted
MLP opened with a double-click (41–49 %): some linked copies said their names
alone though their part was the largest (x1[1]'s −0.1345 in neuron 1.3), others
their numbers, and "w1.4.2 ∇≈0" (−5.2e−4) stood beside "x3[1] ∇1e−4" (1.4e−4).
At one zoom every copy writes its part in one form, or every copy leaves it out,
and never "≈0" (a card beside writes a smaller one out: "∇−1.7e−4")."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QApplication
from window_helpers import answers, click_item, menu_action, run_to_end, show_mlp, tmp_settings, window  # noqa: F401

from gui.canvas.folding.group_card import GroupCard


def _digits(number: str) -> int:
    return len(re.sub(r"\D", "", number.partition("e")[0]).lstrip("0"))


def _decimals(number: str) -> int | None:
    return None if "e" in number else len(number.partition(".")[2])


def _one_form(w, zoom: float) -> list[str]:
    """The copies' lines at ``zoom``, checked: all with a part or none, in one form, never ≈0."""
    lk = w.scene.linked
    pills = [c for c in lk.copies() if c.isVisible() and lk.carried(c.key) is not None]
    assert len(pills) >= 24, len(pills)
    lines = {c: c.texts(zoom)[0] for c in pills}
    parts = {c: ls[-1].rpartition("∇")[2] for c, ls in lines.items() if "∇" in ls[-1]}
    assert not parts or len(parts) == len(pills), (zoom, sorted(" / ".join(ls) for ls in lines.values()))
    assert "≈0" not in parts.values(), (zoom, sorted(parts.values()))
    for c, number in parts.items():  # each its own use's part
        assert (
            abs(float(number.replace("−", "-").replace("≈", "")) - lk.carried(c.key))
            <= 0.5 * 10 ** -(_decimals(number) or 0) + abs(lk.carried(c.key)) * 0.05
        ), (number, lk.carried(c.key))
    if parts and any(len(ls) == 1 for ls in lines.values()):  # one line: one form for all
        forms = {_digits(n) for n in parts.values()}
        decimals = {_decimals(n) for n in parts.values()}
        assert len(forms) == 1 or (len(decimals) == 1 and None not in decimals), (
            zoom,
            sorted(parts.values()),
        )
    return [" / ".join(ls) for ls in lines.values()]


def test_an_opened_neurons_copies_write_their_parts_in_one_form_or_none(qtbot, window):
    w = window
    menu_action(w.menus["view"], "minimap").trigger()  # (the trial's 41 %: the minimap on)
    show_mlp(qtbot, w)
    run_to_end(qtbot, w)
    card = next(it for it in w.scene.items() if isinstance(it, GroupCard) and it.label == "layer 1 [1]")
    click_item(qtbot, w, card, double=True)
    w.view.viewport().repaint()
    QApplication.processEvents()
    opened = w.view.transform().m11()
    assert opened < 0.55, opened
    lines = _one_form(w, opened)
    assert "x1[1]" in lines and "w1.1.1" in lines  # (at this zoom: every copy its name alone)
    for zoom in (0.41, 0.45, 0.49, 0.52, 0.55, 0.58, 0.6, 0.65, 0.7, 0.8, 1.0):  # the wheel's zooms
        w.view.set_zoom(zoom)
        QApplication.processEvents()
        _one_form(w, w.view.transform().m11())


def _wheel(w, steps: int) -> None:
    """One notch of the wheel over the middle of the canvas, as a user zooms."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent

    vp = w.view.viewport()
    at = QPointF(vp.rect().center())
    ev = QWheelEvent(
        at,
        QPointF(vp.mapToGlobal(at.toPoint())),
        QPoint(0, 0),
        QPoint(0, steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(vp, ev)
    vp.repaint()
    QApplication.processEvents()


def test_a_long_wheel_zoom_keeps_a_bounded_few_forms(qtbot, window):
    """Review 71 #8: the form the copies write their parts in was kept for every zoom
    visited (a long wheel zoom during a pass: one more each notch), without bound."""
    w = window
    show_mlp(qtbot, w)
    run_to_end(qtbot, w)
    card = next(it for it in w.scene.items() if isinstance(it, GroupCard) and it.label == "layer 1 [1]")
    click_item(qtbot, w, card, double=True)
    w.view.set_zoom(0.42)
    QApplication.processEvents()
    lk = w.scene.linked
    for _ in range(120):  # in by small notches (a touchpad's), 42 % to 60 %: a distinct zoom each
        _wheel(w, 2)
    assert w.view.transform().m11() > 0.58
    assert 0 < lk.forms_kept() <= 4, lk.forms_kept()
    _one_form(w, w.view.transform().m11())  # (the form worked out again where it was let go)
