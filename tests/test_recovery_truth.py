"""Crash recovery that tells the truth and loses nothing (trial 66 #1, #2,
#4): a recovered document remembers the file as its work was based on, so
Save asks before writing over a newer file, a read-only or locked one; every
waiting copy is offered, told apart and said as it is; copies that cannot
be written are said at once, and a copy lacking newer edits says so.

A crash is real: a child process edits, copies its work aside and dies
without closing (``crash``); a new window then finds the copy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from test_window_file_safety import edit_on_disk, open_in, saved_graph
from test_window_files import edit_a
from window_helpers import Button, answers, make_window, tmp_settings, trigger, window  # noqa: F401

from core.files import fileio, lock
from gui.window import autosave

CRASH = textwrap.dedent("""
    import errno, json, os, sys
    sys.path.insert(0, {root!r})
    from gui.app import make_application
    from gui.editing import commands as C
    app = make_application([])
    from gui.window.main_window import MainWindow
    job = json.loads({job!r})
    MainWindow._ask_locked = lambda self, path, owner: job["locked"]
    w = MainWindow()
    assert w.open_path(job["path"], untitled=job["untitled"])
    for node, value in job["edits"]:
        w.undo_stack.push(C.set_value_command(w.model, node, value))
    assert w.autosaver.save_now()
    if job["then_full"]:  # the disk fills: the next edits cannot be copied
        real = w.autosaver.writer.write
        def full(path, data):
            if job["small_fits"] and not str(path).endswith(".mgraph"):
                return real(path, data)  # room for a small file still
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        w.autosaver.writer.write = full
        for node, value in job["then_full"]:
            w.undo_stack.push(C.set_value_command(w.model, node, value))
        assert not w.autosaver.save_now()
    os._exit(3)  # a crash: no close, no clean-up
""")


def crash(config, path, edits, *, untitled=None, locked="read_only", then_full=(), small_fits=False) -> None:
    """A child app opens ``path`` (as ``untitled``: a new unsaved graph), makes
    ``edits`` ((node, value), ...), copies them aside and dies; ``locked``:
    its answer if the file is open elsewhere; ``then_full``: edits made once
    the disk is full (``small_fits``: but for a small file)."""
    job = {"path": os.path.abspath(path), "untitled": untitled, "edits": list(edits), "locked": locked,
           "then_full": list(then_full), "small_fits": small_fits}  # fmt: skip
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MICROGRAD_STUDIO_CONFIG=str(config))
    code = CRASH.format(root=os.getcwd(), job=json.dumps(job))
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 3, r.stderr
    assert "Traceback" not in r.stderr  # a copy that could not be written: said in the window, not here


def value_on_disk(path, node="a") -> float:
    return fileio.load(path).node(node)["value"]


# ------------------------------------------------------------ #1 Save after a recovery asks as before
def test_a_copy_older_than_a_later_save_says_so_and_save_asks(qtbot, answers, tmp_settings, tmp_path):
    """1a: Not Now, the file opened and saved normally (a = 4), closed; the old
    copy is then offered as put aside and older than the file, and Save asks."""
    p = saved_graph(tmp_path, "homework.mgraph", value=3.0)
    crash(tmp_settings, p, [("c", 2.0)])
    w = make_window(qtbot, answers)
    answers.recover = Button.Cancel  # Not Now
    assert not w.offer_recovery()
    assert "Recover Unsaved Work" in w.status_text() and str(autosave.recovery_dir()) in w.status_text()
    open_in(w, answers, p)
    assert "unsaved work of this file copied" in w.status_text()  # a copy of it waits: said on opening
    edit_a(w, 4.0)
    trigger(w, "save")
    assert value_on_disk(p) == 4.0
    w.close()  # a normal close

    w2 = make_window(qtbot, answers)
    answers.recover = Button.Yes
    assert w2.offer_recovery()
    text, info = answers.recover_asked[-1]
    assert "put this unsaved work aside (Not Now)" in text and "did not close normally" not in text
    assert "was saved or changed after this copy was made" in info
    assert w2.model.node("c")["value"] == 2.0 and w2.model.node("a")["value"] == 3.0
    answers.overwrite_changed = "cancel"
    trigger(w2, "save")
    assert answers.asked[-1] == "overwrite_changed"
    assert value_on_disk(p) == 4.0  # the later save is still there


def test_a_file_changed_while_the_app_was_down_is_not_silently_undone(qtbot, answers, tmp_settings, tmp_path):
    """1b: another program changed the file after the crash; Save asks first."""
    p = saved_graph(tmp_path, "week2.mgraph", value=3.0)
    crash(tmp_settings, p, [("c", 2.0)])
    edit_on_disk(p, 7.0)
    w = make_window(qtbot, answers)
    answers.recover = Button.Yes
    assert w.offer_recovery()
    text, info = answers.recover_asked[-1]
    assert "stopped without closing normally" in text and f"“week2.mgraph” in {tmp_path}" in text
    assert "the copy is older than the file" in info
    assert "changed on disk after this copy was made" in w.status_text()
    answers.overwrite_changed = "cancel"
    trigger(w, "save")
    assert answers.asked == ["overwrite_changed"] and value_on_disk(p) == 7.0
    answers.overwrite_changed = "overwrite"  # the user's choice, then it is written
    trigger(w, "save")
    assert value_on_disk(p) == 3.0 and value_on_disk(p, "c") == 2.0


def test_recovered_read_only_work_still_asks_for_a_new_name(qtbot, answers, tmp_settings, tmp_path):
    """1c: window A edits the file; the crashed one had it read-only; the
    recovered copy is read-only still: Save asks for a name, A's lock stays."""
    p = saved_graph(tmp_path, "lesson3.mgraph", value=3.0)
    a = make_window(qtbot, answers)
    open_in(a, answers, p)
    held = lock.lock_path(p).read_text()
    crash(tmp_settings, p, [("a", 10.0)], locked="read_only")
    b = make_window(qtbot, answers)
    answers.recover = Button.Yes
    assert b.offer_recovery()
    assert "open read-only: Save asks for a new name" in answers.recover_asked[-1][1]
    assert "(read-only)" in b.windowTitle() and b.model.node("a")["value"] == 10.0
    answers.save_path = ""  # the Save As dialog, cancelled
    trigger(b, "save")
    assert value_on_disk(p) == 3.0 and lock.lock_path(p).read_text() == held
    copy = tmp_path / "lesson3 mine.mgraph"
    answers.save_path = str(copy)
    trigger(b, "save")
    assert value_on_disk(copy) == 10.0 and value_on_disk(p) == 3.0


def test_recovered_work_asks_before_writing_a_file_open_elsewhere(qtbot, answers, tmp_settings, tmp_path):
    """The copy's file was opened since by a live window (the dead one's lock
    taken over): Save asks "File in use", as Save As onto it does."""
    p = saved_graph(tmp_path, "lesson3.mgraph", value=3.0)
    crash(tmp_settings, p, [("a", -3.0)])
    a = make_window(qtbot, answers)
    open_in(a, answers, p)  # the dead process's lock: taken over without a question
    b = make_window(qtbot, answers)
    answers.recover = Button.Yes
    assert b.offer_recovery()
    assert "open elsewhere" in b.status_text()
    answers.overwrite_open = False
    trigger(b, "save")
    assert answers.asked == ["overwrite_open"] and value_on_disk(p) == 3.0
    assert a.file_guard.lock is not None and a.file_guard.lock.holder() is None  # A holds it still


# ------------------------------------------------------------ #4 the offer says what it is
def test_every_waiting_copy_is_offered_and_told_apart(qtbot, answers, tmp_settings, tmp_path):
    week1 = tmp_path / "week1"
    week1.mkdir()
    p = saved_graph(week1, "exercise.mgraph")
    crash(tmp_settings, "resources/examples/blog_L.mgraph", [("a", 1.0)], untitled="Untitled")
    crash(tmp_settings, "resources/examples/neuron_tanh.mgraph", [], untitled="Untitled")
    crash(tmp_settings, p, [("a", 5.0)])
    w = make_window(qtbot, answers)
    answers.recover = [Button.Cancel] * 3
    assert not w.offer_recovery()
    texts = [t for t, _ in answers.recover_asked]
    assert len(texts) == 3 and f"“exercise.mgraph” in {week1} — 7 nodes" in texts[0]  # the newest first
    untitled = [t for t in texts if "“Untitled” (never saved to a file)" in t]
    assert len(untitled) == 2 and len({t.split("— ")[1].split(",")[0] for t in untitled}) == 2  # sizes differ
    assert "Also waiting (2)" in answers.recover_asked[0][1] and "Untitled" in answers.recover_asked[0][1]
    assert "File › Recover Unsaved Work…" in w.status_text()

    answers.recover = [Button.Yes]  # File › Recover Unsaved Work…: offered again, as put aside
    trigger(w, "recover_unsaved")
    assert "put this unsaved work aside (Not Now)" in answers.recover_asked[-1][0]
    assert w.model.node("a")["value"] == 5.0 and w.path == str(p)
    assert "2 more waiting: File › Recover Unsaved Work…" in w.status_text()
    assert len(autosave.orphans()) == 2


def test_recover_unsaved_work_with_nothing_waiting_says_so(qtbot, answers, tmp_settings):
    w = make_window(qtbot, answers)
    trigger(w, "recover_unsaved")
    assert answers.questions == 0 and "No unsaved work waits" in w.status_text()


# ------------------------------------------------------------ #2 copies that cannot be written
def test_copies_that_cannot_be_written_are_said_and_stay_said(qtbot, answers, window, capfd):
    w = window
    assert w.open_path(os.path.abspath("resources/examples/blog_L.mgraph"), untitled="Untitled")

    def no_permission(path, data):
        raise PermissionError(13, "Permission denied", str(path))

    good = w.autosaver.writer.write
    w.autosaver.writer.write = no_permission
    edit_a(w, 5.0)
    assert not w.autosaver.save_now()
    QApplication.processEvents()
    warning = w.findChild(QLabel, "copy_warning")
    assert warning is not None and warning.isVisible() and "save now" in warning.text()
    assert "Unsaved work can't be copied aside (no permission to write in" in w.status_text()
    assert "Traceback" not in capfd.readouterr().err
    w.autosaver.writer.write = good  # the folder can be written again
    edit_a(w, 6.0)
    assert w.autosaver.save_now()
    QApplication.processEvents()
    assert not warning.isVisible()


def test_a_recovery_folder_that_cannot_be_made_is_said(qtbot, answers, window, tmp_settings):
    (tmp_settings / "recovery").write_text("not a folder")  # so the folder cannot be made
    assert window.open_path(os.path.abspath("resources/examples/blog_L.mgraph"), untitled="Untitled")
    edit_a(window, 5.0)
    assert not window.autosaver.save_now()
    warning = window.findChild(QLabel, "copy_warning")
    assert warning is not None and warning.isVisible()
    assert f"can't be copied aside ({tmp_settings / 'recovery'}" in window.status_text()
    answers.save_path = str(tmp_settings / "saved.mgraph")
    trigger(window, "save")  # saved: nothing at risk, nothing to warn of
    assert not warning.isVisible()


@pytest.mark.parametrize("small_fits", [False, True])
def test_a_copy_lacking_edits_that_could_not_be_copied_says_so(qtbot, answers, tmp_settings, small_fits):
    """Disk full: b = -3 copied, b = -12 not; the offer says the copy lacks newer edits
    (and why, when the copy's description could still be written)."""
    blog = "resources/examples/blog_L.mgraph"
    crash(
        tmp_settings,
        blog,
        [("b", -3.0)],
        untitled="Untitled",
        then_full=[("b", -12.0)],
        small_fits=small_fits,
    )
    w = make_window(qtbot, answers)
    answers.recover = Button.Yes
    assert w.offer_recovery()
    info = answers.recover_asked[-1][1]
    assert "could not be copied" in info and "this copy lacks them" in info
    assert ("(the disk is full: " in info) == small_fits
    assert w.model.node("b")["value"] == -3.0 and "were not in the copy" in w.status_text()
