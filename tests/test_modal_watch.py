"""The suite's watch over modal dialogs (tests/modal_watch.py): one left
waiting is closed and named, so a test fails instead of the run hanging."""

from __future__ import annotations

from modal_watch import ModalWatch
from PySide6.QtWidgets import QDialog, QMessageBox


def test_a_dialog_no_one_answers_is_closed_and_named(qtbot):
    watch = ModalWatch(limit=0.3, every=50)
    watch.start()
    dlg = QDialog()
    dlg.setObjectName("left_waiting")
    dlg.setWindowTitle("Values")
    assert dlg.exec() == QDialog.DialogCode.Rejected  # (returns: the watch closed it)
    watch.stop()
    assert watch.stuck is not None and "left_waiting" in watch.stuck and "Values" in watch.stuck


def test_a_dialog_answered_in_time_is_left_alone(qtbot):
    watch = ModalWatch(limit=5.0, every=50)
    watch.start()
    box = QMessageBox()
    qtbot.addWidget(box)
    from PySide6.QtCore import QTimer

    QTimer.singleShot(200, box.accept)
    box.exec()
    watch.stop()
    assert watch.stuck is None
