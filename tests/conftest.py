"""Shared test set-up: Qt runs offscreen, never on a real screen."""

import os
import tempfile

import pytest

if not os.environ.get("QT_QPA_PLATFORM", "").strip():  # unset or empty (setdefault keeps "")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
# No test reads or writes the user's real settings, recent files or recovery
# copies; tests that check persistence point this at their own tmp_path.
os.environ["MICROGRAD_STUDIO_CONFIG"] = tempfile.mkdtemp(prefix="mgs-test-config-")


@pytest.fixture(autouse=True)
def _op_table_as_shipped():
    """Operators a test defines (Graph › New Operator…, a file's custom_ops)
    are gone after it: the op table is shared by the whole process."""
    from core.autograd import custom_ops

    before = set(custom_ops.DEFINITIONS)
    yield
    for name in set(custom_ops.DEFINITIONS) - before:
        custom_ops.uninstall(name)


@pytest.fixture(autouse=True)
def _no_modal_left_waiting():
    """A modal dialog no test answers fails its test after ``modal_watch.LIMIT``
    seconds, not the whole run (once the application exists: from the test
    after the first that makes it)."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        yield
        return
    from modal_watch import ModalWatch

    watch = ModalWatch()
    watch.start()
    yield
    watch.stop()
    if watch.stuck is not None:
        pytest.fail(f"a modal dialog waited for an answer no test gave, closed after a while: {watch.stuck}")


@pytest.fixture(autouse=True)
def _no_mouse_button_left_down():
    """No mouse button is held down after a test. Qt's test double-click on a
    widget (qtbot.mouseDClick) sends a press and a double-click but no release,
    so the application went on thinking the left button held: the next test's
    mouse moves were drags to no one and QCursor stayed put (Quick Add, opened
    with Tab where the mouse is, opened at the old place:
    tests/test_quick_add_typed.py after tests/test_palette_placing.py)."""
    yield
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None or QGuiApplication.mouseButtons() == Qt.MouseButton.NoButton:
        return
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    held = QGuiApplication.mouseButtons()
    spot = QWidget()  # (the test's own widgets may be gone: the release goes to a window of its own)
    spot.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    spot.show()
    for button in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton, Qt.MouseButton.MiddleButton):
        if held & button:
            QTest.mouseRelease(spot, button)
    spot.close()
    spot.deleteLater()


@pytest.fixture
def op_runs(monkeypatch) -> list:
    """From now on each operator the model's forward pass runs adds its op
    name here (each op's forward rule wrapped in the shared op table)."""
    from dataclasses import replace

    from core.autograd import ops

    runs: list = []

    def counted(name, rule):
        return lambda xs, k: runs.append(name) or rule(xs, k)

    table = {
        n: replace(op, forward=counted(n, op.forward)) if op.forward else op for n, op in ops.OPS.items()
    }
    monkeypatch.setattr(ops, "OPS", table)
    return runs


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
