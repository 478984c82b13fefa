"""The window and files that are not simply there to be written: changed
by another program, open in another window or process, read-only, linked."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton
from test_window_files import edit_a
from window_helpers import Button, action, answers, make_window, tmp_settings, trigger, window  # noqa: F401

from core.files import fileio, lock
from core.graph.model import GraphModel

BLOG = "resources/examples/blog_L.mgraph"


def saved_graph(tmp_path, name="g.mgraph", value=2.0):
    """A graph file of the blog example with leaf a = value."""
    p = tmp_path / name
    m = fileio.load(BLOG)
    m.set_value("a", value)
    fileio.save(m, p)
    return p


def open_in(window, answers, path) -> None:
    answers.open_path = str(path)
    trigger(window, "open")
    assert window.path == str(path), answers.errors


def edit_on_disk(path, value: float) -> None:
    """Another program writes the file (as editors do: a new file renamed over it)."""
    doc = json.loads(path.read_text())
    for n in doc["nodes"]:
        if n["id"] == "a":
            n["value"] = value
    tmp = path.with_name("other-program.tmp")
    tmp.write_text(json.dumps(doc))
    os.replace(tmp, path)


# ------------------------------------------------------------ changes on disk
def test_an_outside_change_offers_a_reload(qtbot, window, answers, tmp_path):
    p = saved_graph(tmp_path)
    open_in(window, answers, p)
    answers.reload = True
    edit_on_disk(p, 9.0)
    qtbot.waitUntil(lambda: window.model.node("a")["value"] == 9.0, timeout=5000)
    assert answers.asked == ["reload"] and not window.isWindowModified()
    assert window.path == str(p)
    edit_on_disk(p, 11.0)  # the watch goes on after a rename and a reload
    qtbot.waitUntil(lambda: window.model.node("a")["value"] == 11.0, timeout=5000)
    assert answers.asked == ["reload", "reload"]


def test_a_touch_or_our_own_save_is_no_change(qtbot, window, answers, tmp_path):
    p = saved_graph(tmp_path)
    open_in(window, answers, p)
    edit_a(window, 5.0)
    trigger(window, "save")
    os.utime(p, (time.time() + 5, time.time() + 5))
    qtbot.wait(600)
    assert answers.asked == [] and fileio.load(p).node("a")["value"] == 5.0


def test_keeping_my_version_then_save_asks_before_overwriting(qtbot, window, answers, tmp_path):
    p = saved_graph(tmp_path)
    open_in(window, answers, p)
    edit_a(window, 5.0)
    answers.reload = False
    edit_on_disk(p, 9.0)
    qtbot.waitUntil(lambda: answers.asked == ["reload"], timeout=5000)
    assert window.model.node("a")["value"] == 5.0 and window.isWindowModified()
    qtbot.wait(400)
    assert answers.asked == ["reload"]  # asked once per change, not again
    answers.overwrite_changed = "cancel"
    trigger(window, "save")
    assert fileio.load(p).node("a")["value"] == 9.0 and window.isWindowModified()
    answers.overwrite_changed = "overwrite"
    trigger(window, "save")
    assert fileio.load(p).node("a")["value"] == 5.0 and not window.isWindowModified()
    assert answers.asked == ["reload", "overwrite_changed", "overwrite_changed"]


def test_save_over_a_changed_file_asks_even_before_the_watcher_speaks(window, answers, tmp_path):
    p = saved_graph(tmp_path)
    open_in(window, answers, p)
    edit_a(window, 5.0)
    edit_on_disk(p, 9.0)
    answers.overwrite_changed = "save_as"
    answers.save_path = str(tmp_path / "mine.mgraph")
    assert window.save()  # no event loop turn in between: the save itself checks
    assert answers.asked == ["overwrite_changed"]
    assert fileio.load(p).node("a")["value"] == 9.0
    assert fileio.load(tmp_path / "mine.mgraph").node("a")["value"] == 5.0
    assert window.path == str(tmp_path / "mine.mgraph")


def test_a_removed_file_is_said_in_the_status_bar(qtbot, window, answers, tmp_path):
    p = saved_graph(tmp_path)
    open_in(window, answers, p)
    p.unlink()
    qtbot.waitUntil(lambda: "deleted or moved" in window.status_text(), timeout=5000)
    assert answers.asked == []
    trigger(window, "save")  # writes it again, no question
    assert fileio.load(p).node("a")["value"] == 2.0


def test_reload_from_disk_action(window, answers, tmp_path):
    assert not action(window, "reload").isEnabled()
    p = saved_graph(tmp_path)
    open_in(window, answers, p)
    window.file_guard.release()  # no watcher: the menu entry alone
    edit_on_disk(p, 4.0)
    trigger(window, "reload")
    assert window.model.node("a")["value"] == 4.0


def test_the_reload_question_is_a_real_box_a_user_clicks(qtbot, window, tmp_path, monkeypatch):
    from gui.window.file_questions import FileQuestions
    from gui.window.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "_ask_reload", FileQuestions._ask_reload)
    p = saved_graph(tmp_path)
    window.open_path(p)
    seen = []

    def click():
        box = window.findChild(QMessageBox, "reload_box")
        if box is None or not box.isVisible():
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        box.findChild(QPushButton, "reload_box_reload").click()

    QTimer.singleShot(20, click)
    edit_on_disk(p, 6.0)
    qtbot.waitUntil(lambda: window.model.node("a")["value"] == 6.0, timeout=5000)
    assert "g.mgraph” was changed by another program" in seen[0]


# ------------------------------------------------------------ two windows, one file
def test_a_second_window_is_warned_and_opens_read_only(qtbot, window, answers, tmp_path):
    p = saved_graph(tmp_path)
    open_in(window, answers, p)
    second = make_window(qtbot, answers)
    answers.locked = "read_only"
    answers.open_path = str(p)
    trigger(second, "open")
    assert answers.asked == ["locked"] and "read-only" in second.windowTitle()
    edit_a(second, 8.0)
    answers.save_path = str(tmp_path / "mine.mgraph")
    trigger(second, "save")  # read-only: Save asks for a new name
    assert fileio.load(p).node("a")["value"] == 2.0
    assert fileio.load(tmp_path / "mine.mgraph").node("a")["value"] == 8.0
    assert "read-only" not in second.windowTitle()
    edit_a(window, 3.0)
    trigger(window, "save")  # the first window still owns its file
    assert fileio.load(p).node("a")["value"] == 3.0 and answers.asked == ["locked"]


def test_a_second_window_may_open_a_copy_or_cancel(qtbot, window, answers, tmp_path):
    p = saved_graph(tmp_path)
    open_in(window, answers, p)
    second = make_window(qtbot, answers)
    before = second.model
    answers.locked = "cancel"
    second.open_path(p)
    assert second.model is before and second.path is None
    answers.locked = "copy"
    second.open_path(p)
    assert second.path is None and "g (copy)" in second.windowTitle()
    assert second.model.node("a")["value"] == 2.0


def test_saving_as_onto_a_file_open_elsewhere_asks(qtbot, window, answers, tmp_path):
    p = saved_graph(tmp_path)
    open_in(window, answers, p)
    second = make_window(qtbot, answers)
    second.set_document(fileio.load(BLOG), None, "other")
    answers.overwrite_open = False
    answers.save_path = str(p)
    trigger(second, "save_as")
    assert answers.asked == ["overwrite_open"] and fileio.load(p).node("a")["value"] == 2.0


def test_a_lock_held_by_another_process_warns(qtbot, window, answers, tmp_path):
    p = saved_graph(tmp_path)
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        info = {"user": "ann", "host": lock.host_name(), "pid": child.pid, "since": time.time()}
        lock.lock_path(p).write_text(json.dumps(info))
        answers.locked = "anyway"
        window.open_path(p)
        assert answers.asked == ["locked"] and window.path == str(p)
        assert json.loads(lock.lock_path(p).read_text())["pid"] == os.getpid()  # taken, as asked
    finally:
        child.kill()
        child.wait()


def test_a_stale_lock_is_taken_over_without_a_question(window, answers, tmp_path):
    p = saved_graph(tmp_path)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    info = {"user": "bob", "host": lock.host_name(), "pid": dead.pid, "since": 1.0}
    lock.lock_path(p).write_text(json.dumps(info))
    window.open_path(p)
    assert answers.asked == [] and json.loads(lock.lock_path(p).read_text())["pid"] == os.getpid()


def test_the_lock_goes_when_the_document_does(qtbot, answers, tmp_path):
    p = saved_graph(tmp_path)
    w = make_window(qtbot, answers)
    w.open_path(p)
    assert lock.lock_path(p).exists()
    trigger(w, "new")
    assert not lock.lock_path(p).exists()
    w.open_path(p)
    w.open_path(p)  # opening one's own file again is no conflict
    assert answers.asked == []
    w.close()
    assert not lock.lock_path(p).exists()


# ------------------------------------------------------------ read-only and links
def test_a_read_only_file_asks_before_it_is_written(window, answers, tmp_path):
    p = saved_graph(tmp_path)
    open_in(window, answers, p)
    os.chmod(p, 0o444)
    edit_a(window, 5.0)
    answers.write_read_only = False
    trigger(window, "save")
    assert fileio.load(p).node("a")["value"] == 2.0 and window.isWindowModified()
    assert answers.errors == []  # a choice, not an error
    answers.write_read_only = True
    trigger(window, "save")
    assert fileio.load(p).node("a")["value"] == 5.0 and not window.isWindowModified()
    assert stat.S_IMODE(os.stat(p).st_mode) == 0o444
    assert answers.asked == ["write_read_only", "write_read_only"]


def test_saving_a_document_opened_through_a_symlink_writes_the_target(window, answers, tmp_path):
    (tmp_path / "real").mkdir()
    target = saved_graph(tmp_path / "real")
    link = tmp_path / "link.mgraph"
    link.symlink_to(target)
    open_in(window, answers, link)
    edit_a(window, 6.0)
    trigger(window, "save")
    assert link.is_symlink() and fileio.load(target).node("a")["value"] == 6.0
    assert (tmp_path / "real" / ".~lock.g.mgraph#").exists()


def test_keep_a_backup_is_a_preference(window, answers, tmp_path):
    from gui.common import settings

    p = saved_graph(tmp_path)
    open_in(window, answers, p)
    first = p.read_bytes()
    act = action(window, "keep_backup")
    assert act.isCheckable() and not act.isChecked()
    act.trigger()
    assert settings.keep_backup()
    edit_a(window, 7.0)
    trigger(window, "save")
    assert (tmp_path / "g.mgraph.bak").read_bytes() == first
    act.trigger()
    assert not settings.keep_backup()


def test_a_device_or_fifo_is_refused_with_a_message(window, answers, tmp_path):
    fifo = tmp_path / "pipe.mgraph"
    os.mkfifo(fifo)
    model = window.model
    t0 = time.monotonic()
    assert not window.open_path(fifo)
    assert not window.open_path("/dev/zero")
    assert time.monotonic() - t0 < 2.0
    assert "named pipe" in answers.errors[0][1] and "a device" in answers.errors[1][1]
    assert window.model is model
    QApplication.processEvents()


def test_an_empty_graph_is_no_question(window, answers):
    window.set_document(GraphModel(), None, "x")
    assert window.file_guard.path is None and window.file_guard.lock is None


# ------------------------------------------------------------ big files off the UI thread
def slow_loader(monkeypatch, gate: threading.Event):
    from gui.window import loading

    real = loading.opening.load_file
    monkeypatch.setattr(loading, "BIG_FILE_BYTES", 0)

    def slow(path):
        assert threading.current_thread() is not threading.main_thread()
        gate.wait(10)
        return real(path)

    monkeypatch.setattr(loading.opening, "load_file", slow)


def test_a_big_file_loads_off_the_ui_thread_with_a_progress_dialog(window, answers, tmp_path, monkeypatch):
    p = saved_graph(tmp_path, value=4.5)
    gate = threading.Event()
    slow_loader(monkeypatch, gate)
    seen = []

    def look():  # runs while the file loads: the UI thread is free
        box = window.findChild(QProgressDialog, "loading_progress")
        seen.append(box is not None and box.isVisible() and "g.mgraph" in box.labelText())
        gate.set()

    QTimer.singleShot(100, look)
    assert window.open_path(p)
    assert seen == [True] and window.model.node("a")["value"] == 4.5 and window.path == str(p)


def test_loading_a_big_file_can_be_cancelled(window, answers, tmp_path, monkeypatch):
    p = saved_graph(tmp_path)
    gate = threading.Event()
    slow_loader(monkeypatch, gate)
    before = window.model

    def cancel():
        box = window.findChild(QProgressDialog, "loading_progress")
        box.findChild(QPushButton).click()

    QTimer.singleShot(100, cancel)
    t0 = time.monotonic()
    assert not window.open_path(p)
    assert time.monotonic() - t0 < 5
    assert window.model is before and window.path is None and "cancelled" in window.status_text()
    gate.set()


def test_a_big_bad_file_is_refused_as_a_small_one(window, answers, tmp_path, monkeypatch):
    from gui.window import loading

    monkeypatch.setattr(loading, "BIG_FILE_BYTES", 0)
    p = tmp_path / "bad.mgraph"
    p.write_text("{not json")
    assert not window.open_path(p)
    assert "not valid JSON" in answers.errors[0][1]


def test_reload_from_disk_asks_about_unsaved_changes(window, answers, tmp_path):
    p = saved_graph(tmp_path)
    open_in(window, answers, p)
    window.file_guard.release()
    edit_a(window, 5.0)
    answers.save_changes = Button.Cancel
    trigger(window, "reload")
    assert window.model.node("a")["value"] == 5.0 and window.isWindowModified()
    answers.save_changes = Button.Discard
    trigger(window, "reload")
    assert window.model.node("a")["value"] == 2.0 and not window.isWindowModified()
    assert answers.questions == 2


def test_opening_the_open_file_anew_after_an_outside_change_asks_nothing(
    window, answers, tmp_path, monkeypatch
):
    """Another program rewrites the open file and the user opens it again
    (a big file: read on a thread while events run, the watcher's check
    among them). What is opened is the change: no "reload?" question over
    the loading; the new content is shown and still guarded afterwards."""
    p = saved_graph(tmp_path, value=2.0)
    open_in(window, answers, p)
    edit_on_disk(p, 7.0)
    gate = threading.Event()
    slow_loader(monkeypatch, gate)
    QTimer.singleShot(50, window.file_guard.check)  # the watcher's settled look, during the load
    QTimer.singleShot(150, gate.set)
    assert window.open_path(p)
    QApplication.processEvents()
    assert answers.asked == [] and window.model.node("a")["value"] == 7.0
    answers.reload = True
    edit_on_disk(p, 8.0)  # still guarded
    window.file_guard.check()
    assert answers.asked == ["reload"] and window.model.node("a")["value"] == 8.0
