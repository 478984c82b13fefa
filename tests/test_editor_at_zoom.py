"""The box a card's name or value is typed in is drawn as at 100 % when
the view is zoomed out (trial 49: renaming a card at 62 % opened a box
about 60 px wide with 7 px text over the card's title)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, tmp_settings, window  # noqa: F401

EXAMPLE = Path(__file__).resolve().parents[1] / "resources" / "examples" / "blog_L.mgraph"


def _zoomed_out(qtbot, w, outs: int) -> None:
    w.resize(1400, 900)
    w.open_path(str(EXAMPLE))
    QApplication.processEvents()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # 100 %
    for _ in range(outs):
        qtbot.keyClick(w.view, Qt.Key.Key_Minus)
    QApplication.processEvents()


def test_f2_at_64_percent_opens_a_box_as_big_as_at_100(qtbot, window):
    w = window
    _zoomed_out(qtbot, w, 2)
    assert 0.6 < w.view.zoom < 0.7
    node = w.model.output
    w.scene.select_ids([node])
    qtbot.keyClick(w.view, Qt.Key.Key_F2)  # rename
    QApplication.processEvents()
    ed = w.interaction.inline_editor
    assert ed is not None and ed.hasFocus()
    proxy = ed.graphicsProxyWidget()
    on_screen = proxy.scale() * w.view.zoom
    assert abs(on_screen - 1.0) < 1e-6  # the box and its 13 px text as at 100 %
    card_at = w.scene.node_item(node).editor_rect("label").center()
    assert (proxy.sceneBoundingRect().center() - card_at).manhattanLength() < 1e-6  # over its card
    assert w.view.mapToScene(w.view.viewport().rect()).boundingRect().intersects(proxy.sceneBoundingRect())
    ed.selectAll()
    qtbot.keyClicks(ed, "loss")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert w.model.label(node) == "loss"


def test_at_100_percent_and_over_the_box_is_the_cards_own(qtbot, window):
    w = window
    _zoomed_out(qtbot, w, 0)
    node = w.model.output
    w.scene.select_ids([node])
    qtbot.keyClick(w.view, Qt.Key.Key_F2)
    QApplication.processEvents()
    proxy = w.interaction.inline_editor.graphicsProxyWidget()
    assert proxy.scale() == 1.0
    r, card = proxy.sceneBoundingRect(), w.scene.node_item(node).editor_rect("label")
    assert r.topLeft() == card.topLeft() and r.width() == card.width()
