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


def test_far_names_are_whole_and_the_bar_is_under_them(qtbot, window, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    w.view.setFocus()
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, shift_ctrl)  # Expand All
    QApplication.processEvents()
    backward_to_end(qtbot, w)  # Ctrl+B, End
    qtbot.keyClick(w.view, Qt.Key.Key_F)  # Fit
    QApplication.processEvents()
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
