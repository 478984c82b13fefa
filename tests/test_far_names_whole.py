"""Far names at Fit with Gradient Flow on (issue 10; a new user's trial):
after Backward to its end on the expanded MLP, Fit showed "layer 3 weig…",
a name cut (README: far out names are never cut), with the group's
gradient bar drawn across its second line. Now a region's name is whole
or left to the far names' layout (whole there, or not drawn), and the bar
sits under the name's last line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_gradient_flow import backward_to_end, turn_on
from window_helpers import answers, open_mlp_file, tmp_settings, window  # noqa: F401


def _expanded_pass_fitted(qtbot, w, tmp_path) -> None:
    """The MLP opened, Ctrl+Shift+] (Expand All), Ctrl+B and End (a pass to its end), F (Fit)."""
    open_mlp_file(qtbot, w, tmp_path)
    w.view.setFocus()
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, shift_ctrl)  # Expand All
    QApplication.processEvents()
    backward_to_end(qtbot, w)  # Ctrl+B, End
    qtbot.keyClick(w.view, Qt.Key.Key_F)  # Fit
    QApplication.processEvents()


def test_far_names_are_whole_and_the_bar_is_under_them(qtbot, window, tmp_path):
    w = window
    _expanded_pass_fitted(qtbot, w, tmp_path)
    turn_on(w)  # View › Gradient Flow
    QApplication.processEvents()
    z = w.view.transform().m11()
    assert w.scene.far
    layer = w.scene.folding
    frames = [f for f in (layer.frame(g) for g in w.model.groups.ids()) if f is not None and f.isVisible()]
    bars = 0
    for f in frames:
        texts = f.texts_at(z)
        if texts:
            assert " ".join(t.text for t in texts) == f.label, texts  # whole, never cut
        bar = f.far_strip_rect(z)
        if bar is not None:
            bars += 1
            for t in texts:
                assert not bar.intersects(t.rect), (f.label, t.text)  # under the name, not across it
    assert bars
    for gid, lines in layer.far_names.names().items():
        assert " ".join(t.text for t in lines) == w.model.groups.get(gid).label


def test_names_placed_far_out_carry_their_groups_bar(qtbot, window, tmp_path, monkeypatch):
    """The neurons' frames inside an open layer have their names placed by
    the far names' layout (gui/canvas/folding/far_names.py): with Gradient
    Flow on, each gets its bar there too, in room left under its last line
    (before, only names a frame drew itself had one)."""
    from gui.canvas.folding import far_names

    w = window
    _expanded_pass_fitted(qtbot, w, tmp_path)
    names = w.scene.folding.far_names
    placed_before = {g: [t.rect for t in lines] for g, lines in names.names().items()}
    turn_on(w)  # View › Gradient Flow
    QApplication.processEvents()
    z = w.view.transform().m11()
    drawn = []
    real = far_names.paint_strip
    monkeypatch.setattr(far_names, "paint_strip", lambda p, r, f: (drawn.append(f), real(p, r, f)))
    w.view.viewport().repaint()
    barred = [g for g in names.names() if w.scene.folding.frame(g) is not None]
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert barred and placed_before  # (the test's point: frames named by the layout, with bars)
    assert len(drawn) >= len([g for g in barred if names.box(g).intersects(seen)])
    for g in barred:
        bar = far_names.bar_rect(names.box(g), z)
        assert names.box(g).contains(bar)
        for t in names.names()[g]:
            assert not bar.intersects(t.rect), g  # under the name, not across it
    assert any(0 < f <= 1 for f in drawn)
