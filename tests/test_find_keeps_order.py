"""Find's counter while groups open (the trial's 60_find .. 63_find_open_group):
the first Find for "h1.2" in the MLP said "9 of 36", Alt+Enter (open the
group) made the same match "12 of 36". The match keeps its number, and the
matches after it their order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_navigation_gui import open_find, type_text
from window_helpers import answers, show_mlp, tmp_settings, window  # noqa: F401


def test_opening_the_group_of_a_match_keeps_its_number_and_the_order(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    bar = open_find(qtbot, w)
    type_text(qtbot, w, "h1.2")
    find = w.navigation.find
    for _ in range(8):  # on to the trial's ninth match, as the user went (Enter)
        qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    before, counter = list(find.matches), bar.count.text()
    node = find.matches[find.current]
    assert w.model.groups.folded_around(node)  # folded away: Alt+Enter opens it
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    qtbot.wait(20)
    QApplication.processEvents()
    assert w.scene.node_item(node).isVisible()
    assert bar.count.text() == counter and find.matches[find.current] == node
    assert find.matches == before  # the order the user is going through does not jump
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)  # the next is the one that was next
    assert find.matches[find.current] == before[before.index(node) + 1]
