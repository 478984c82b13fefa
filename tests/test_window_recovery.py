"""Crash recovery: unsaved work is copied aside and offered back after a
crash (a real one: a child process that dies without closing)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from test_window_files import open_blog_example
from window_helpers import Button, answers, make_window, tmp_settings, trigger, window  # noqa: F401

from core.files import fileio
from gui.editing import commands as C
from gui.window import autosave

CRASH = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, {root!r})
    from gui.app import make_application
    from gui.editing import commands as C
    app = make_application([])
    from gui.window.main_window import MainWindow
    w = MainWindow()
    w.open_example({example!r})
    w.undo_stack.push(C.set_value_command(w.model, "a", 123.0))
    assert w.autosaver.save_now()
    os._exit(3)  # a crash: no close, no clean-up
""")


def crash_with_unsaved_work(config_dir) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MICROGRAD_STUDIO_CONFIG=str(config_dir))
    code = CRASH.format(root=os.getcwd(), example=os.path.abspath("resources/examples/blog_L.mgraph"))
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 3, r.stderr


def test_unsaved_work_is_copied_aside_and_removed_when_saved(window, answers, tmp_path):
    open_blog_example(window)
    saver = window.autosaver
    assert not saver.save_now() and not saver.graph_path.exists()  # nothing unsaved
    window.undo_stack.push(C.set_value_command(window.model, "a", 5.0))
    assert saver.save_now()
    assert fileio.load(saver.graph_path).node("a")["value"] == 5.0
    assert not saver.save_now()  # unchanged since the last copy
    assert autosave.orphans() == []  # this window is alive: its copy is no orphan
    answers.save_path = str(tmp_path / "g.mgraph")
    trigger(window, "save")
    assert not saver.graph_path.exists()


def test_undo_back_to_saved_state_removes_the_copy(window):
    open_blog_example(window)
    window.undo_stack.push(C.set_value_command(window.model, "a", 5.0))
    assert window.autosaver.save_now()
    window.undo_stack.undo()
    window.autosaver.save_now()
    assert not window.autosaver.graph_path.exists()


def test_after_a_crash_the_work_is_offered_back(qtbot, answers, tmp_settings):
    crash_with_unsaved_work(tmp_settings)
    found = autosave.orphans()
    assert len(found) == 1 and found[0].name == "blog_L (example)"
    w = make_window(qtbot, answers)
    answers.recover = Button.Yes
    assert w.offer_recovery()
    assert w.model.node("a")["value"] == 123.0 and w.model.value("L") == (123.0 * -3 + 10) * -2
    assert w.isWindowModified() and "blog_L" in w.windowTitle()
    assert autosave.orphans() == []  # the orphan became this window's own copy


def test_recovery_can_be_discarded_or_postponed(qtbot, answers, tmp_settings):
    crash_with_unsaved_work(tmp_settings)
    w = make_window(qtbot, answers)
    answers.recover = Button.Cancel  # "Not Now"
    assert not w.offer_recovery()
    assert len(autosave.orphans()) == 1
    answers.recover = Button.Discard
    assert not w.offer_recovery()
    assert autosave.orphans() == []
    assert not any(autosave.recovery_dir().iterdir())


def test_start_up_offers_recovery(qtbot, answers, tmp_settings):
    from gui import app as gui_app

    crash_with_unsaved_work(tmp_settings)
    answers.recover = Button.Yes
    w = gui_app.create_window([])
    qtbot.addWidget(w, before_close_func=lambda x: x.undo_stack.setClean())
    assert answers.questions == 1 and w.model.node("a")["value"] == 123.0
