"""The signals a system sends to stop a program (SIGTERM from ``kill`` or a
shutdown, SIGHUP when the terminal or the session goes, SIGINT for Ctrl+C),
seen while Qt's event loop runs.

Python runs a signal handler only when the interpreter next gets control,
which inside Qt's loop may be never (t71 #6: SIGTERM killed the app at
once, the edit of half a second before lost). So the signal's number is
written to a socket (:func:`signal.set_wakeup_fd`) that a
:class:`QSocketNotifier` watches: the loop wakes, and ``on_stop(signum)``
runs on the GUI thread between two events, never in the middle of an edit.

Once a stop is under way the signals have their system action again: a
second one ends the app at once (review 71 #2: it was ignored, and a stop
that could not finish left only SIGKILL).
"""

from __future__ import annotations

import os
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier


def stop_signals() -> list[int]:
    """The stop signals this platform has (Windows: no SIGHUP)."""
    have = signal.Signals.__members__
    return [int(have[n]) for n in ("SIGTERM", "SIGHUP", "SIGINT") if n in have]


class StopSignals(QObject):
    """Calls ``on_stop(signum)`` on the GUI thread when a stop signal comes."""

    def __init__(self, on_stop: Callable[[int], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stop_signals")
        self._on_stop = on_stop
        self._read_end, self._write_end = socket.socketpair()
        for end in (self._read_end, self._write_end):
            end.setblocking(False)
        self._old_fd = signal.set_wakeup_fd(self._write_end.fileno(), warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(self._read_end.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)
        self._old_handlers = {s: signal.signal(s, self._noted) for s in stop_signals()}
        self.stopping = False
        #: The signal that started the stop (None before one came).
        self.signum: int | None = None

    def _noted(self, signum: int, frame: object) -> None:
        """Python's handler: nothing here (it may run between any two lines);
        the socket has woken the loop, and :meth:`_woken` acts."""

    def _woken(self) -> None:
        try:
            data = self._read_end.recv(64)
        except OSError:
            return
        for signum in data:
            if signum not in self._old_handlers:
                continue
            if self.stopping:  # two came before the loop woke: the second as the system does it
                os.kill(os.getpid(), signum)
                continue
            self.stopping = True
            self.signum = signum
            for s in self._old_handlers:  # from now on a stop signal ends the app at once
                signal.signal(s, signal.SIG_DFL)
            self._on_stop(signum)

    @property
    def exit_code(self) -> int:
        """The app's status after the stop: 128 + the signal's number, as a shell reports
        a program the signal ended (0 if no stop came)."""
        return 128 + self.signum if self.signum is not None else 0

    def uninstall(self) -> None:
        """The handlers and the wakeup socket as they were before."""
        for s, old in self._old_handlers.items():
            signal.signal(s, old if old is not None else signal.SIG_DFL)
        self._old_handlers = {}
        signal.set_wakeup_fd(self._old_fd)
        self._notifier.setEnabled(False)
        self._read_end.close()
        self._write_end.close()
