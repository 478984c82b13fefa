"""Insert MLP's dialog says what OK makes as the layers are typed, and a
complaint goes once the layers are edited (trial 52 #16: "layer sizes must be
positive whole numbers, not [2, 0, 1]" stayed after "2, 1" was typed, and the
note named the lecture's MLP(3, [4, 4, 1]) whatever was typed)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from core.learn import templates
from gui.learning.templates import MLPDialog


def retype(qtbot, dlg: MLPDialog, text: str) -> None:
    dlg.layers.setFocus()
    qtbot.keyClick(dlg.layers, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dlg.layers, text)


def test_the_dialog_says_what_ok_inserts_and_drops_an_old_complaint(qtbot):
    dlg = MLPDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.summary.text() == "Inserts MLP(3, [4, 4, 1]) on 4 data points: 360 nodes."
    retype(qtbot, dlg, "2, 0, 1")
    assert dlg.summary.text() == ""
    ok = dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert "positive whole numbers" in dlg.error.text() and dlg.isVisible()
    retype(qtbot, dlg, "2, 1")
    assert dlg.error.text() == ""
    assert dlg.summary.text() == "Inserts MLP(3, [2, 1]) on 4 data points: 114 nodes."
    dlg.points.setCurrentIndex(1)  # one data point
    assert dlg.summary.text() == "Inserts MLP(3, [2, 1]) on 1 data point: 36 nodes."
    assert len(dlg.template().nodes) == 36  # (what it said is what OK makes)
    dlg.points.setCurrentIndex(0)
    retype(qtbot, dlg, "32, 32, 1")
    assert dlg.summary.text().startswith("Inserts MLP(3, [32, 32, 1]) on 4 data points: 10,720 nodes (a big")
    assert templates.mlp_nodes([3, 32, 32, 1], 4) == 10_720  # (trial 53's count)


def test_the_dialog_keeps_its_width_as_layers_are_typed(qtbot):
    """Verify 54: what OK inserts, said on one line, pushed the dialog wider with
    every layer typed (off-centre, past its note); it wraps in the dialog's width."""
    from PySide6.QtWidgets import QApplication

    dlg = MLPDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    QApplication.processEvents()
    width = dlg.width()
    retype(qtbot, dlg, "32, 32, 32, 32, 32, 32, 32, 1")
    QApplication.processEvents()
    assert "a big graph" in dlg.summary.text()
    assert dlg.width() <= width and dlg.summary.width() <= dlg.width()


def test_no_text_is_cut_when_the_summary_wraps(qtbot):
    """Trial 59 #9: with layers 4, 4, 4, 4, 4, 4, 1 the summary wrapped to two lines and
    the note's last line ("…give a graph you can read at a glance.") lost its descenders
    under the checkbox: the dialog grows to what its texts need at its width."""
    from PySide6.QtWidgets import QApplication, QLabel

    dlg = MLPDialog(has_graph=True)
    qtbot.addWidget(dlg)
    dlg.show()
    QApplication.processEvents()
    for text in ("4, 4, 4, 4, 4, 4, 1", "4, 4, 1", "32, 32, 32, 32, 32, 32, 32, 1"):
        retype(qtbot, dlg, text)
        QApplication.processEvents()
        labels = [x for x in dlg.findChildren(QLabel) if x.isVisible() and x.wordWrap() and x.text()]
        assert len(labels) >= 2, labels  # (the note and the summary)
        for label in labels:
            assert label.height() >= label.heightForWidth(label.width()), (text, label.text()[:30])
        box = dlg.new_graph
        assert box.height() >= box.sizeHint().height()
        tops = sorted((x.geometry() for x in [*labels, box]), key=lambda r: r.top())
        assert all(a.bottom() < b.top() for a, b in zip(tops, tops[1:])), (text, tops)  # none over another
