"""Trial 60 #1 and #4, what fix60 left: in Presentation Mode every text on a card grew 1.5× but the
"output (auto)" tag (its 11–12 px at 79 %) and the gradient pills ("grad 0.75" ~13 px beside a
16.5 px name), and the menu bar and its menus kept their desktop size while the dialogs followed
the mode. Measured as drawn (the texts a card paints: texts_at; the menus' fonts and the sizes
they lay out for), on and off, at the teacher's 1280×800."""

from __future__ import annotations

from lecture_graphs import lecture_h
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QMenu
from test_presentation_mode import press, toggle_presentation
from window_helpers import answers, open_file_at, tmp_settings, window  # noqa: F401

from core.files import fileio
from gui.window.main_window import MainWindow


def drawn(w: MainWindow, zoom: float) -> dict[tuple[str, str], float]:
    """(card, kind) → the font's size on screen of what the card paints at ``zoom``."""
    w.view.set_zoom(zoom)
    QApplication.processEvents()
    out = {}
    for n in w.model.nodes():
        for t in w.scene.node_item(n).texts_at(zoom):
            out[(w.model.label(n), t.kind)] = t.screen_px(zoom)
    return out


def step_3_at_1280(qtbot, w: MainWindow, tmp_path) -> None:
    """The trial's lecture_h.mgraph in a 1280×800 window, at step 3 of Backward."""
    path = tmp_path / "lecture_h.mgraph"
    fileio.save(lecture_h(), str(path))
    open_file_at(qtbot, w, str(path), (1280, 800))
    w.view.setFocus()
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(3):
        press(qtbot, w, Qt.Key.Key_Right)


def test_the_output_tag_and_the_gradient_pills_grow_with_the_mode_and_come_back(qtbot, window, tmp_path):
    w = window
    step_3_at_1280(qtbot, w, tmp_path)
    zooms = (0.79, 0.9)  # (the trial's fit at 1280×800, and a little nearer)
    off = {z: drawn(w, z) for z in zooms}
    toggle_presentation(qtbot, w)
    assert w.presentation.on
    for z in zooms:
        on = drawn(w, z)
        assert on[("add1", "badge")] >= 1.45 * off[z][("add1", "badge")], (z, on, off[z])  # (was 1.07×)
        tag = next(t for t in w.scene.node_item("add1").texts_at(z) if t.kind == "badge")
        card = w.scene.node_item("add1")
        assert tag.box is not None and card.boundingRect().contains(tag.box)  # drawn whole, not cut
        for card_label in ("x", "mul1", "tanh1", "add1"):  # (no port names beside their pills)
            grad, label = on[(card_label, "grad")], on[(card_label, "label")]
            assert grad >= 1.28 * off[z][(card_label, "grad")], (z, card_label, on, off[z])  # (was 1.21×)
            assert grad >= 0.85 * label, (z, card_label, on)  # as large as the card's other texts, nearly
        assert on[("pow1", "grad")] > 1.25 * off[z][("pow1", "grad")]  # (beside its "in")
    toggle_presentation(qtbot, w)
    assert not w.presentation.on
    for z in zooms:
        assert drawn(w, z) == off[z]  # each as before
    card = w.scene.node_item("add1")
    assert card.boundingRect().contains(next(t.box for t in card.texts_at(0.79) if t.kind == "badge"))


def _px(widget) -> int:
    widget.ensurePolished()
    return QFontInfo(widget.font()).pixelSize()


def test_the_menu_bar_and_its_menus_follow_the_mode_and_come_back(qtbot, window, tmp_path):
    w = window
    step_3_at_1280(qtbot, w, tmp_path)
    bar, view = w.menuBar(), w.menus["view"]
    sub = [a.menu() for m in w.menus.values() for a in m.actions() if isinstance(a.menu(), QMenu)]
    assert sub  # (File › Open Recent, Learn's examples...)
    before = (_px(bar), _px(view), _px(sub[0]), bar.sizeHint().height(), view.sizeHint().width())
    toggle_presentation(qtbot, w)
    bar_px, view_px, sub_px = _px(bar), _px(view), _px(sub[0])
    assert bar_px >= 1.45 * before[0] and view_px >= 1.45 * before[1] and sub_px >= 1.45 * before[2]
    assert all(_px(m) >= 1.45 * before[1] for m in w.menus.values())  # every menu of the bar
    assert bar.sizeHint().height() > 1.3 * before[3]  # laid out for it: the bar taller
    assert view.sizeHint().width() > 1.3 * before[4]  # and the menu wider
    view.popup(w.mapToGlobal(w.rect().center()))  # opened as the teacher opens it
    QApplication.processEvents()
    assert view.isVisible() and view.width() > 1.3 * before[4]
    view.hide()
    toggle_presentation(qtbot, w)
    assert (_px(bar), _px(view), _px(sub[0]), bar.sizeHint().height(), view.sizeHint().width()) == before


def _right_click_menu_px(w: MainWindow) -> int:
    """Right-click on a card, as the teacher does: the font size of the menu that opens."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QContextMenuEvent

    seen: list[int] = []

    def read_and_close() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu) and menu.objectName() == "canvas_context_menu"
        seen.append(QFontInfo(menu.font()).pixelSize())
        menu.close()

    QTimer.singleShot(200, read_and_close)
    view = w.view
    p = view.mapFromScene(w.scene.node_item("tanh1").sceneBoundingRect().center())
    ev = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, p, view.viewport().mapToGlobal(p))
    QApplication.sendEvent(view.viewport(), ev)
    assert len(seen) == 1
    return seen[0]


def test_the_canvas_right_click_menu_follows_the_mode(qtbot, window, tmp_path):
    """A menu made while presenting (the canvas's right-click menu, a child of the window told
    of it when polished: no filter of the app's events) writes as large as the menu bar's."""
    w = window
    step_3_at_1280(qtbot, w, tmp_path)
    usual = _right_click_menu_px(w)
    toggle_presentation(qtbot, w)
    assert _right_click_menu_px(w) >= 1.45 * usual
    toggle_presentation(qtbot, w)
    assert _right_click_menu_px(w) == usual
