"""Watching the open document's file, and holding its lock.

The guard knows what the file was when the document last read or wrote it
(a :class:`~core.files.reading.FileStamp`), watches the file and its folder
with a ``QFileSystemWatcher`` (editors that save by renaming replace the
file, which a watch on the file alone stops seeing), and says
``changed_on_disk`` when the content really changed (a touch is no change),
once per change. It also holds the document's lock file
(:class:`~core.files.lock.DocumentLock`). The window asks the user; the
guard only notices.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from core.files.lock import DocumentLock
from core.files.reading import FileStamp, read_limited
from core.graph.errors import FileFormatError

#: A change is looked at this long after the last notice (a writer may write in pieces).
SETTLE_MS = 150


def _identity(path: str) -> tuple | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


class FileGuard(QObject):
    """The open document's file: its stamp, its watch and its lock."""

    #: The file changed since it was read or written ("changed"), or went away ("missing").
    changed_on_disk = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("file_guard")
        self.path: str | None = None
        self.stamp: FileStamp | None = None
        self.read_only = False  # opened read-only: Save asks for a new name
        self._lock: DocumentLock | None = None
        self._seen: tuple | None = None  # the disk state last reported (or accepted)
        self._held = 0  # the file is being opened anew: its change is what is read (``holding``)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._notice)
        self._watcher.directoryChanged.connect(self._notice)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.check)

    @property
    def lock(self) -> DocumentLock | None:
        return self._lock

    def track(
        self,
        path: str | None,
        stamp: FileStamp | None = None,
        lock: DocumentLock | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        """From now on the document is ``path`` (None: no file), as ``stamp``
        says it was read; ``lock`` is its lock, already taken (or None)."""
        if self._lock is not None and self._lock is not lock:
            self._lock.release()
        self._lock = lock
        self.read_only = read_only
        self.path = os.path.abspath(path) if path else None
        if self.path and stamp is None:
            stamp = _stamp_now(self.path)
        self.stamp = stamp
        self._seen = _identity(stamp.path) if stamp else None
        self._watch()

    def saved(self, path: str, stamp: FileStamp) -> None:
        """The document was written to ``path``: its lock moves there."""
        lock = self._lock
        if lock is None or lock.path != DocumentLock(path).path:
            lock = DocumentLock(path)
            lock.acquire(force=True)  # the user chose to write there
            if not lock.held:
                lock = None
        self.track(path, stamp, lock)

    def release(self) -> None:
        """The document is closed: no lock, no watch."""
        self.track(None)

    def copy_state(self) -> dict:
        """What a recovery copy keeps of the file: the stamp its work is based
        on (Save asks against it after a recovery) and whether it is read-only."""
        return {"stamp": self.stamp.to_json() if self.stamp else None, "read_only": self.read_only}

    def changed_since_read(self) -> bool:
        """Did someone else change the file since the document read or wrote it?"""
        return self.stamp is not None and self.stamp.state() == "changed"

    def differs_on_disk(self) -> bool:
        """Is the file now other than the document read or wrote it (changed, gone, unreadable)?"""
        return self.stamp is None or self.stamp.state() != "same"

    def accept_disk_state(self) -> None:
        """The user saw the change and kept their version: say nothing until
        the file changes again (Save still asks before writing over it)."""
        if self.stamp is not None:
            self._seen = _identity(self.stamp.path)

    def _watch(self) -> None:
        old = self._watcher.files() + self._watcher.directories()
        if old:
            self._watcher.removePaths(old)
        if self.stamp is None:
            return
        paths = [p for p in (self.stamp.path, os.path.dirname(self.stamp.path)) if os.path.exists(p)]
        if paths:
            self._watcher.addPaths(paths)

    def _notice(self, _path: str) -> None:
        self._settle.start()

    @contextmanager
    def holding(self) -> Iterator[None]:
        """While the document's own file is read again (opened anew, a big
        file on a thread while events run): a change to it is what is being
        opened, not news to ask about. Looked at again afterwards (the
        opening may fail and leave the document as it was)."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
            if not self._held:
                self._settle.start()

    def check(self) -> str:
        """Look at the file now; report a change not reported yet. Returns
        the file's state ("same", "changed" or "missing")."""
        stamp = self.stamp
        if stamp is None:
            return "same"
        if self._held:
            return stamp.state()
        if stamp.path not in self._watcher.files() and os.path.exists(stamp.path):
            self._watcher.addPath(stamp.path)  # replaced by a rename: watch the new file
        state = stamp.state()
        now = _identity(stamp.path)
        if state == "same":
            self.stamp = stamp.touched()
            self._seen = now
        elif now != self._seen:
            self._seen = now
            self.changed_on_disk.emit(state)
        return state


def _stamp_now(path: str) -> FileStamp | None:
    """The stamp of the file as it is now (a recovered document that names
    its file: later changes are noticed)."""
    try:
        data, st = read_limited(path)
    except FileFormatError:
        return None
    return FileStamp.of(path, data, st)
