"""The palette never clips an operation's name, even in a narrow first-start dock."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from window_helpers import answers, make_window, tmp_settings, window  # noqa: F401

from core.autograd import ops
from gui.common import style as S


def test_palette_shows_every_name_whole(window, qtbot):
    window.resize(900, 600)
    window.resizeDocks([window.palette_dock], [40], Qt.Orientation.Horizontal)  # squeeze it
    qtbot.wait(50)
    names = QFontMetrics(S.font(12, True))
    longest = max(names.horizontalAdvance(spec.title) for spec in ops.OPS.values())
    # chip (5 + 40 + 7) + the name + margin must fit in the list's viewport
    assert window.palette_panel.list.viewport().width() >= 5 + 40 + 7 + longest + 10
