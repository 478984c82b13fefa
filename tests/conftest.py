"""Shared test set-up: Qt runs offscreen, never on a real screen."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_sessionfinish(session, exitstatus):
    """Empty the clipboard while Python is still alive.

    On the offscreen platform the clipboard's QMimeData lives in a Qt global
    that is destroyed after the interpreter has finalized; deleting its
    Python wrapper then segfaults the process (after all tests passed).
    """
    import sys

    if "PySide6.QtGui" not in sys.modules:
        return
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        QGuiApplication.clipboard().clear()
