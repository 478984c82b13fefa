"""Review 71 #2: a stop signal (SIGTERM, SIGHUP, Ctrl+C) that came while the
start-up question "Recover unsaved work?" was open, before the app's main
loop ran, only closed the question: the app went on, every later stop signal
was ignored (only SIGKILL ended it), and the file's lock had been let go
while the window still edited the file.

Now the app exits with the signal's status as soon as its window is made,
the unsaved work still kept aside; a second signal while a stop is under way
ends the app at once (the system's own action); a stop whose copy fails
still exits. Real child apps (``gui.app.run``, as ``main.py`` starts it), as
in test_stop_signal_keeps_work.py."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from test_stop_signal_keeps_work import CHILD as EDIT_THEN_WAIT
from test_window_file_safety import saved_graph
from window_helpers import Button, answers, make_window, tmp_settings  # noqa: F401

from core.files.lock import DocumentLock
from gui.window import autosave

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="kill with a signal: POSIX")

#: A second start on the same file: says "asking" while the recovery question is open.
ASKED = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from gui.app import make_application, run
    app = make_application([{path!r}])

    def look():
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.objectName() == "recover_box":
            print("asking", flush=True)
        else:
            QTimer.singleShot(50, look)

    QTimer.singleShot(50, look)
    sys.exit(run([{path!r}]))
""")

#: The app with a graph open, whose stop hangs (a copy to a disk that does not answer) or fails.
STOP_TROUBLE = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    from PySide6.QtCore import QTimer
    from gui.app import make_application, run
    from gui.window.main_window import MainWindow
    app = make_application([{path!r}])

    def keep_work_aside(self, **how):
        print("stopping", flush=True)
        if {hang!r}:
            while True:
                time.sleep(0.05)
        raise OSError("the disk is gone")

    MainWindow.keep_work_aside = keep_work_aside
    QTimer.singleShot(1000, lambda: print("running", flush=True))
    sys.exit(run([{path!r}]))
""")


def start(script: str, tmp_settings, **fields) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MICROGRAD_STUDIO_CONFIG=str(tmp_settings))
    code = script.format(root=os.getcwd(), **fields)
    return subprocess.Popen(
        [sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def said(child: subprocess.Popen) -> str:
    assert child.stdout is not None
    return child.stdout.readline().strip()


def finish(child: subprocess.Popen, timeout: float = 30) -> str:
    try:
        _out, err = child.communicate(timeout=timeout)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    return err


@pytest.mark.parametrize("signum", [signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM), signal.SIGINT])
def test_a_stop_while_the_recovery_question_is_open_exits_and_keeps_the_work(
    qtbot, answers, tmp_settings, tmp_path, signum
):
    p = saved_graph(tmp_path, "lecture_L.mgraph", value=2.0)
    first = start(EDIT_THEN_WAIT, tmp_settings, path=str(p))  # a's value made 7, then stopped
    assert said(first) == "edited 7.0"
    first.send_signal(signal.SIGTERM)
    finish(first)
    assert first.returncode == 128 + signal.SIGTERM
    (orphan,) = autosave.orphans()

    second = start(ASKED, tmp_settings, path=str(p))
    assert said(second) == "asking", second.stderr.read() if second.stderr else ""
    second.send_signal(signum)  # nobody answers the question: the app is being stopped
    try:
        err = finish(second, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("the app went on running after the stop signal")
    assert second.returncode == 128 + signum, err
    assert "Traceback" not in err, err

    (kept,) = autosave.orphans()  # the work from the first run still waits
    assert kept.path == str(p) and kept.load().node("a")["value"] == 7.0
    assert kept.deferred is None  # unanswered is not "Not Now": nobody put it aside
    assert DocumentLock(str(p)).holder() is None  # no live app holds the file

    w = make_window(qtbot, answers)  # the next start offers it back
    answers.recover = Button.Yes
    assert w.offer_recovery()
    assert w.model.node("a")["value"] == 7.0 and w.document.modified


def test_a_second_stop_signal_ends_a_stop_that_hangs(tmp_settings, tmp_path):
    p = saved_graph(tmp_path, "g.mgraph")
    child = start(STOP_TROUBLE, tmp_settings, path=str(p), hang=True)
    assert said(child) == "running"
    child.send_signal(signal.SIGTERM)
    assert said(child) == "stopping"  # and stuck there
    child.send_signal(signal.SIGTERM)  # the user insists
    try:
        finish(child, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("the second SIGTERM was ignored")
    assert child.returncode == -signal.SIGTERM  # ended by the signal itself, as without the app's handler


def test_a_stop_whose_copy_fails_still_exits(tmp_settings, tmp_path):
    p = saved_graph(tmp_path, "g.mgraph")
    child = start(STOP_TROUBLE, tmp_settings, path=str(p), hang=False)
    assert said(child) == "running"
    child.send_signal(signal.SIGHUP)
    try:
        err = finish(child, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("the app went on running after its stop failed")
    assert child.returncode == 128 + signal.SIGHUP, err
    assert "the disk is gone" in err  # logged, for a bug report
