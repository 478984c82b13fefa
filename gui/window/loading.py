"""Opening a big file without freezing the window: the file is read and
checked on a thread of its own while a progress dialog offers Cancel.

Reading, parsing and checking are one call (``opening.load_file``: the
checks of ``fileio.load_file``, a valid file recognised in bulk) that
cannot stop half-way, so Cancel leaves it to finish unseen and drops its
result; the window is usable at once. Small files load directly (a dialog
that flashes for 50 ms helps nobody).
"""

from __future__ import annotations

import os
import threading

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QMainWindow, QProgressDialog, QWidget

from core.explain.words import counted
from core.files import opening
from core.files.reading import FileStamp
from core.graph.group_layout import place_unplaced
from core.graph.model import GraphModel
from core.graph.unplaced import far_out, lying_on_each_other
from gui.document import heap

#: Files at least this big load on a thread of their own, with a progress dialog.
BIG_FILE_BYTES = 4 * 1024 * 1024


class Cancelled(Exception):
    """The user cancelled the loading."""


def load_file(parent: QWidget, path: str) -> tuple[GraphModel, FileStamp, str]:
    """``opening.load_file(path)``, off the UI thread for a big file, laid out
    if the file gives a node no position, and what the status bar adds about
    that ("" when every node has one). Raises what it raises (a GraphError
    for a bad file), or :class:`Cancelled`.

    The cycle collector is paused from here until the new document is shown
    (gui/document/heap.py: ``pause_for_open``); if it is not shown (an
    error, a question answered No), it runs again at the next turn of the
    event loop at the latest."""
    heap.pause_for_open()
    try:
        loaded = _load(parent, path)
    except BaseException:
        heap.resume_after_open()
        raise
    QTimer.singleShot(0, heap.resume_after_open)  # after the big file's own event loop
    model, stamp = loaded
    far = far_out(model)  # (trial 66 #8: x = 1e300 opened at 0.02 % zoom, nothing in sight)
    laid = place_unplaced(model, far)
    note = f"; it gave {laid} of {counted(len(model), 'node')} no position: " if laid else ""
    if laid == len(model):
        note += "laid out as Auto Layout would"
    elif laid:  # (the others kept where the file has them: trial 66 #5)
        them = "it" if laid == 1 else "them"
        note += f"placed beside the cards wired to {them}, every other card where the file has it"
    if far:
        (first, where), more = next(iter(far.items())), len(far) - 1
        node = f"node {first!r} was at {where}" + (f" (and {counted(more, 'other node')})" if more else "")
        them = "it" if len(far) == 1 else "them"
        note += f"; {node}, too far out to show: placed beside the cards wired to {them}"
        note += "; Save writes the new place"
    heap_of = lying_on_each_other(model)
    if heap_of is not None:  # (hand-written positions: trial 74 #11)
        a, b = (model.label(n) or n for n in heap_of)
        note += f"; some cards lie on one another ({a} and {b}): Layout (Ctrl+L) tidies them"
    folded = sum(g.collapsed for g in model.groups)
    if folded:  # (a trial: the folded MLP opened with nothing saying what its cards are or what next)
        are = "1 group is" if folded == 1 else f"{folded} groups are"
        note += f". {are} folded: select a card, Ctrl+] opens it (Ctrl+Shift+] all)"
        note += "; Ctrl+B runs Backward"
    return model, stamp, note


def _load(parent: QWidget, path: str) -> tuple[GraphModel, FileStamp]:
    try:
        size = os.stat(path).st_size
    except OSError:
        size = 0
    if size < BIG_FILE_BYTES:
        return opening.load_file(path)
    result: dict = {}

    def work() -> None:
        try:
            result["value"] = opening.load_file(path)
        except BaseException as e:  # noqa: BLE001 - handed to the UI thread, raised there
            result["error"] = e

    worker = threading.Thread(target=work, name="file-loader", daemon=True)
    dialog = QProgressDialog(
        f"Opening {os.path.basename(path)} ({size / 1024 / 1024:.0f} MB)…", "Cancel", 0, 0, parent
    )
    dialog.setObjectName("loading_progress")
    dialog.setWindowTitle("Opening")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    loop = QEventLoop()
    poll = QTimer(interval=30)
    poll.timeout.connect(lambda: None if worker.is_alive() else loop.quit())
    dialog.canceled.connect(loop.quit)
    worker.start()
    poll.start()
    # the canvas behind the dialog is not repainted meanwhile: the dialog's
    # coming would repaint all of it (0.2 s at 20,000 nodes) in the loader's
    # time (one interpreter lock), and its next paint is the new graph's
    canvas = parent.centralWidget() if isinstance(parent, QMainWindow) else None
    if canvas is not None and not canvas.updatesEnabled():
        canvas = None  # not ours to switch back on
    if canvas is not None:
        canvas.setUpdatesEnabled(False)
    try:
        dialog.show()
        loop.exec()
    finally:
        if canvas is not None:
            canvas.setUpdatesEnabled(True)
    poll.stop()
    cancelled = worker.is_alive() or dialog.wasCanceled()
    dialog.close()
    dialog.deleteLater()
    if cancelled:
        raise Cancelled(path)
    if "error" in result:
        raise result["error"]
    return result["value"]
