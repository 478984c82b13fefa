"""An open group's name tab keeps its name with Gradient Flow on (trial 55 #5,
verify 56: below ~70 % "neuron 3.1 [3]" inside "layer 3 [3]" showed its
Gradient Flow bar and no name: the bar took the room a nested tab, which
cannot rise over its parent's, needed for the name). The bar goes beside
the tab there."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from window_helpers import answers, click_item, menu_action, open_mlp_file, run_to_end, tmp_settings, window  # noqa: F401


def test_a_nested_tab_keeps_its_name_beside_its_gradient_bar(qtbot, window, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    outer = next(g.id for g in w.model.groups if g.label == "layer 3 [3]")
    click_item(qtbot, w, w.scene.folding.card(outer), double=True)
    inner = next(g.id for g in w.model.groups if g.parent == outer and not g.collapsed)
    run_to_end(qtbot, w)
    menu_action(w.menus["view"], "gradient_flow").trigger()
    QApplication.processEvents()
    frame = w.scene.folding.frame(inner)
    assert frame.strip is not None  # (the bar of its mean |grad|)
    zooms = {}
    for percent in (85, 69, 60, 50, 41):
        w.view.set_zoom(percent / 100)
        w.view.centerOn(frame.sceneBoundingRect().center())
        QApplication.processEvents()
        zooms[percent] = z = w.view.transform().m11()
        texts = frame.texts_at(z)
        assert [t.text for t in texts if t.kind == "name"] == [frame.label], (
            percent,
            [t.text for t in texts],
        )
    for percent, z in zooms.items():
        w.view.set_zoom(z)
        QApplication.processEvents()
        frame.texts_at(z)
        bar, tab, box = frame.tab_strip_rect(z), frame.title_rect(), frame.boundingRect()
        assert not bar.intersects(tab) and box.contains(bar), (percent, bar, tab)
        assert bar.width() * z >= 12  # (a bar to read, not a dot)
