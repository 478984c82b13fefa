"""File › Export › Every Step as PNG…: a picture of each step of the pass,
for slides. A teacher's deck took one dialog per step (trial 44 #2); each
picture here is what Export as PNG writes at that step (the banner's
sentence as its caption strip, the graph inside it), named by the step's
number so a folder of them sorts as the pass runs."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEventLoop, QRectF, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from core.files import kinds
from gui.canvas.image_export import Frame, deck_frame

#: From this many pictures the export asks first (each takes a moment on a big graph).
ASK_FROM = 40


class PictureFailed(Exception):
    """A picture could not be written: "PATH: why"."""

    def __init__(self, path: str, error: Exception) -> None:
        reason = (error.strerror if isinstance(error, OSError) else None) or str(error)
        super().__init__(f"{path}: {reason}")


def deck_paths(typed: str, stops: Sequence[int]) -> list[str]:
    """The picture of each step of ``stops`` beside the name typed:
    "lesson.png" -> "lesson-step-00.png", "lesson-step-01.png", … (the
    step's number, padded to the last's width, at least two digits)."""
    root = os.path.splitext(kinds.with_extension(typed, "png"))[0]
    width = max(2, len(str(stops[-1]))) if stops else 2
    return [f"{root}-step-{pos:0{width}d}.png" for pos in stops]


def write_deck(
    parent: QWidget,
    paths: Sequence[str],
    stops: Sequence[int],
    show: Callable[[int], None],
    measure: Callable[[], tuple[QRectF, str | None]],
    write: Callable[[str, Frame], None],
) -> int:
    """For each stop: ``show`` it and ``measure`` what its picture holds
    (its bounds, its caption); then, framed alike (the graph at one place
    in every picture: slides that do not jump), ``show`` it again and
    ``write`` its picture to its path. A progress bar can stop it (shown
    after a moment: a short deck needs none). How many pictures were written."""
    bar = QProgressDialog("Measuring the steps…", "Stop", 0, 2 * len(paths), parent)
    bar.setObjectName("step_deck_progress")
    bar.setWindowTitle("Export Every Step")
    bar.setWindowModality(Qt.WindowModality.WindowModal)
    bar.setMinimumDuration(600)
    done = 0
    try:
        seen = []
        for pos in stops:
            if bar.wasCanceled():
                return 0
            _show(show, pos)
            seen.append(measure())
            bar.setValue(len(seen))
        frame = deck_frame([r for r, _ in seen], [c for _, c in seen])
        for path, pos in zip(paths, stops, strict=True):
            if bar.wasCanceled():
                break
            bar.setLabelText(f"Step {pos}: {os.path.basename(path)}")
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
