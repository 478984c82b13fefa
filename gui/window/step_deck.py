"""File › Export › Every Step as PNG…: a picture of each step of the pass,
for slides. A teacher's deck took one dialog per step (trial 44 #2); each
picture here is what Export as PNG writes at that step (the banner's
sentence as its caption strip, the graph inside it), numbered so a folder
of them sorts as the pass runs. A leaf's own step (it passes nothing on:
four of the lesson's seven, a trial) has no picture of its own; the end's
shows every gradient."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEventLoop, QRectF, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from core.files import kinds
from gui.canvas.image_export import Frame, deck_frames

#: From this many pictures the export asks first (each takes a moment on a big graph).
ASK_FROM = 40


class PictureFailed(Exception):
    """A picture could not be written: "PATH: why"."""

    def __init__(self, path: str, error: Exception) -> None:
        reason = (error.strerror if isinstance(error, OSError) else None) or str(error)
        super().__init__(f"{path}: {reason}")


def deck_paths(typed: str, stops: Sequence[int]) -> list[str]:
    """The picture of each of ``stops`` beside the name typed: "lesson.png"
    -> "lesson-01.png", "lesson-02.png", … (numbered one after another,
    at least two digits; the caption says which step each is)."""
    root = os.path.splitext(kinds.with_extension(typed, "png"))[0]
    width = max(2, len(str(len(stops))))
    return [f"{root}-{k:0{width}d}.png" for k in range(1, len(stops) + 1)]


def slide_stops(stops: Sequence[int], passes_on: Callable[[int], bool]) -> list[int]:
    """``stops`` but a leaf's own (``passes_on``: whether the stop's step, or
    a folded run's, sends a gradient on): the start and the end stay."""
    return [p for i, p in enumerate(stops) if i == 0 or i == len(stops) - 1 or passes_on(p)]


def write_deck(
    parent: QWidget,
    paths: Sequence[str],
    stops: Sequence[int],
    show: Callable[[int], None],
    measure: Callable[[], tuple[QRectF, QRectF, str | None]],
    write: Callable[[str, Frame], None],
) -> int:
    """For each stop: ``show`` it and ``measure`` what its picture holds
    (its bounds, the view's region, its caption); then, framed alike (the
    graph at one place in every picture: slides that do not jump; or, for
    a graph bigger than the view, where the camera put the step),
    ``show`` it again and ``write`` its picture to its path. A progress bar
    can stop it (shown after a moment: a short deck needs none). How many
    pictures were written."""
    n = len(paths)
    bar = QProgressDialog(f"Framing the {n} pictures…", "Stop", 0, 2 * n, parent)
    bar.setObjectName("step_deck_progress")
    bar.setWindowTitle("Export Every Step")
    bar.setWindowModality(Qt.WindowModality.WindowModal)
    bar.setMinimumDuration(600)
    done = 0
    try:
        seen: list[tuple[QRectF, QRectF, str | None]] = []
        for pos in stops:
            if bar.wasCanceled():
                return 0
            bar.setLabelText(f"Framing the {n} pictures: {len(seen) + 1} of {n}…")
            _show(show, pos)
            seen.append(measure())
            bar.setValue(len(seen))
        frames = deck_frames([b for b, _, _ in seen], [v for _, v, _ in seen], [c for _, _, c in seen])
        for path, pos, frame in zip(paths, stops, frames, strict=True):
            if bar.wasCanceled():
                break
            # (the pictures' count, not the bar's share of two passes: a trial read "64 %" at picture 30)
            bar.setLabelText(f"Writing picture {done + 1} of {n}: {os.path.basename(path)}")
            _show(show, pos)
            write(path, frame)
            done += 1
            bar.setValue(len(seen) + done)
    finally:
        bar.close()
        bar.deleteLater()
    return done


def _show(show: Callable[[int], None], pos: int) -> None:
    show(pos)
    # the step drawn as a user sees it (its captions placed); no click or key meanwhile
    QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
