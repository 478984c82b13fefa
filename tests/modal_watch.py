"""A watch over modal dialogs in tests: a dialog left waiting for an answer
no test gives would hold the suite forever (a CI run waited 40 minutes on
the values table a changed feature opened); the watch closes it after a
while and says which it was, so that test fails and the others run."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

#: Seconds a modal dialog may wait before the watch closes it (tests answer theirs in ~50 ms).
LIMIT = 60.0


class ModalWatch:
    """Looks at the active modal widget every ``every`` ms while started."""

    def __init__(self, limit: float = LIMIT, every: int = 1000) -> None:
        self.limit = limit
        self.stuck: str | None = None  # the dialog closed, if one was
        self._seen: object = None
        self._since = 0.0
        self._timer = QTimer()
        self._timer.setInterval(every)
        self._timer.timeout.connect(self._check)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _check(self) -> None:
        w = QApplication.activeModalWidget()
        now = time.monotonic()
        if w is None or w is not self._seen:
            self._seen, self._since = w, now
            return
        if now - self._since >= self.limit:
            self.stuck = f"{type(w).__name__} {w.objectName()!r} ({w.windowTitle()!r})"
            if isinstance(w, QDialog):
                w.reject()
            else:
                w.close()
            self._seen = None
