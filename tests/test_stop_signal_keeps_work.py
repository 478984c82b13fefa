"""Trial 71 #6: ``kill -TERM`` half a second after an edit killed the app at
once; the copy for recovery still held the value from before (copies are
made two seconds after an edit). A stop signal (SIGTERM, SIGHUP, Ctrl+C's
SIGINT) now copies the unsaved work aside, then the app exits, and the next
start offers the edit back.

The stop is real: a child app (``gui.app.run``, as ``main.py`` starts it)
opens a graph, a double-click and typing change a's value, and the signal
is sent the moment the edit is made."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from test_window_file_safety import saved_graph
from window_helpers import Button, answers, make_window, tmp_settings  # noqa: F401

from gui.window import autosave

CHILD = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from PySide6.QtCore import QPointF, Qt, QTimer
    from PySide6.QtTest import QTest
    from gui.app import make_application, run
    app = make_application([{path!r}])

    def edit():
        from gui.window.main_window import MainWindow
        w = next(x for x in app.topLevelWidgets() if isinstance(x, MainWindow))
        card = w.scene.node_item("a")
        w.view.centerOn(card)
        at = w.view.mapFromScene(card.mapToScene(QPointF(0, 12)))  # its number
        QTest.mouseDClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
        box = w.scene.interaction.inline_editor
        box.selectAll()
        QTest.keyClicks(box, "7")
        QTest.keyClick(box, Qt.Key.Key_Return)
        print("edited", w.model.value("a"), flush=True)

    QTimer.singleShot(1500, edit)
    sys.exit(run([{path!r}]))
""")


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="kill with a signal: POSIX")
@pytest.mark.parametrize("signum", [signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM), signal.SIGINT])
def test_a_stop_signal_right_after_an_edit_keeps_it(qtbot, answers, tmp_settings, tmp_path, signum):
    p = saved_graph(tmp_path, "lecture_L.mgraph", value=2.0)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MICROGRAD_STUDIO_CONFIG=str(tmp_settings))
    code = CHILD.format(root=os.getcwd(), path=str(p))
    child = subprocess.Popen(
        [sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "edited 7.0", child.stderr.read() if child.stderr else ""
        child.send_signal(signum)  # at once: long before the two seconds a copy waits for
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 128 + signum, err  # stopped by itself, as asked: not killed
    assert "Traceback" not in err, err

    (orphan,) = autosave.orphans()  # the work the next start offers
    assert orphan.path == str(p) and orphan.load().node("a")["value"] == 7.0
    w = make_window(qtbot, answers)
    answers.recover = Button.Yes
    assert w.offer_recovery()
    assert w.model.node("a")["value"] == 7.0 and w.document.modified
