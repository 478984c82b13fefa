"""The ``picture`` command's work: the app's pictures of a graph made with
no window on screen (Qt's offscreen platform), for a teacher who scripts
material (`micrograd_studio/picture_command.py` reads the command line).
The window is built but never shown, and the file opened as an untitled
copy (no lock, no recent-files entry), so each picture is the very one
File › Export writes: the graph, the pass (Backward, or forward mode from a
leaf as Backward › Forward Mode shows it) at a step with its sentence as a
caption, its finished end, or every step framed alike."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from gui.canvas.image_export import Look
from gui.window import step_deck


def _quiet(kind: QtMsgType, _context: object, message: str) -> None:
    """Qt's own notes (the offscreen platform's "does not support …") kept
    off the command's stderr; its errors still said."""
    if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        print(message, file=sys.stderr)


class PictureError(Exception):
    """Why the pictures could not be made (one line for ``error:``)."""


def write_pictures(
    file: str,
    out: str,
    kind: str,
    root: str | None,
    at: int | str | None,
    look: Look = Look(),
    wrt: str | None = None,
    name: str | None = None,
) -> list[str]:
    """The pictures of ``file`` ("png" or "svg" ``kind``) at ``out``, for
    ``at``: None, the graph (no pass); a step's number; "end"; or "steps",
    a PNG of each step but a leaf's own beside ``out`` (lesson.png:
    lesson-01.png, …).
    ``root``: the node the pass starts from (else the graph's output or
    single end); ``wrt``: a leaf, the pass forward mode's from it (as
    Backward › Forward Mode shows it); ``look``: marks and background, as
    File › Export's options; ``name``: the file as the command's errors
    name it (``file`` itself by default).
    The paths written."""
    qInstallMessageHandler(_quiet)  # (a script's stderr says only what went wrong)
    app = cast(QApplication, QApplication.instance() or QApplication(["micrograd-studio"]))
    from gui.window.main_window import MainWindow

    # (its settings a folder of its own: laid out as on a first start, the docks where the app puts them,
    # so the canvas, its zoom and what a picture places by it are the app's at this size)
    w = MainWindow()
    w.collected_errors = []  # said by the command, not in message boxes
    w.resize(1600, 1000)
    w.show()  # (on the offscreen platform: the view has its size, the camera its room)
    w.set_picture_look(look)
    if not w.open_path(file, untitled=Path(file).stem):
        raise PictureError("; ".join(w.collected_errors) or f"{file}: cannot be opened")
    app.processEvents()
    try:
        return _pictures(w, app, out, kind, root, at, wrt)
    except step_deck.PictureFailed as e:  # (it names the picture it could not write)
        raise PictureError(str(e)) from None
    except PictureError as e:  # the pass or its step: named by the file, as every command's error
        raise PictureError(f"{name or file}: {e}") from None


def _pictures(
    w, app: QApplication, out: str, kind: str, root: str | None, at: int | str | None, wrt: str | None
) -> list[str]:
    if at is None:  # the graph, not a pass a picture opened may have shown again
        w.backward.clear()
        w.write_picture(out, kind)
        return [out]
    ctl = w.backward  # (from ``root``, the file's output kept: its tag and the graph inside stay true)
    if wrt is not None:  # Forward Mode's own run (the leaf selected, as the menu's leaves it)
        if not ctl.forward.run_forward(wrt, play=False):
            raise PictureError(ctl.last_error or w.status_text() or "Forward mode cannot run on this graph")
    elif not ctl.run_backward(play=False, root=root):
        raise PictureError(ctl.last_error or w.status_text() or "Backward cannot run on this graph")
    a = ctl.animator
    last = a.replay.last if a.replay is not None else 0
    if at == "steps":
        stops = w.deck_stops()
        paths = step_deck.deck_paths(out, stops)
        w.write_steps(paths, stops)
        return paths
    pos = last if at == "end" else int(at)
    if not 0 <= pos <= last:
        which = f"forward mode from {wrt!r}" if wrt is not None else "the pass"
        raise PictureError(f"{which} has {last} steps: --step takes 0 to {last}")
    a.go_to(pos)
    app.processEvents()
    # --step N is that step, the last too (forward mode's: the root's sum, its
    # wires captioned, "Finished" after its sentence: trial 65 #2); --end the finished picture
    w.write_picture(out, kind, step=at != "end")
    return [out]
