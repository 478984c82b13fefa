"""Crash recovery: unsaved work is copied aside every little while, and
offered back the next time the app starts if it did not close normally.

Each running window owns one recovery file in ``<settings folder>/recovery``
and holds a QLockFile beside it. A file whose lock nobody holds (its app
crashed or was killed) is an orphan: the next start offers to reopen it.
Saving, discarding or closing normally removes the window's file.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer

from core.files import fileio
from core.graph.errors import GraphError
from core.graph.model import GraphModel
from gui.common import settings
from gui.document.document import Document

log = logging.getLogger(__name__)

INTERVAL_MS = 20_000


def recovery_dir() -> Path:
    return Path(settings.settings().fileName()).resolve().parent / "recovery"


@dataclass
class Orphan:
    """Unsaved work left by an app that did not close normally."""

    graph: Path
    path: str | None  # the file it was opened from, if any
    name: str
    saved_at: float

    def load(self) -> GraphModel:
        return fileio.load(self.graph)

    def discard(self) -> None:
        for p in (self.graph, self.graph.with_suffix(".json"), self.graph.with_suffix(".lock")):
            try:
                p.unlink()
            except OSError:
                pass

    def describe(self) -> str:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.saved_at))
        return f"“{self.name}”, last copied {when}"


def orphans() -> list[Orphan]:
    """Recovery files whose app is gone, newest first."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    found = []
    for meta in folder.glob("*.json"):
        graph = meta.with_suffix(fileio.SUFFIX)
        lock = QLockFile(str(meta.with_suffix(".lock")))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            continue  # a running window owns it
        lock.unlock()
        try:
            info = json.loads(meta.read_text("utf-8"))
        except (OSError, ValueError):
            info = {}
        if not graph.exists():
            Orphan(graph, None, "", 0.0).discard()
            continue
        found.append(
            Orphan(
                graph,
                info.get("path"),
                str(info.get("name") or graph.stem),
                float(info.get("saved_at") or graph.stat().st_mtime),
            )
        )
    found.sort(key=lambda o: -o.saved_at)
    return found


class AutoSaver(QObject):
    """Copies ``document`` aside while it has unsaved changes."""

    def __init__(
        self, document: Document, interval_ms: int = INTERVAL_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("autosaver")
        self._document = document
        self._key = uuid.uuid4().hex[:12]
        self._lock: QLockFile | None = None
        self._written_index: tuple | None = None
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.save_now)
        self._timer.start()

    @property
    def graph_path(self) -> Path:
        return recovery_dir() / f"{self._key}{fileio.SUFFIX}"

    def _meta_path(self) -> Path:
        return recovery_dir() / f"{self._key}.json"

    def save_now(self) -> bool:
        """Write the recovery copy if the document changed since the last one."""
        doc = self._document
        try:
            stack = doc.undo_stack
            if stack.isClean():
                self.clear()
                return False
            state = (id(doc.model), stack.index(), stack.count())
            if state == self._written_index and self.graph_path.exists():
                return False
            folder = recovery_dir()
            folder.mkdir(parents=True, exist_ok=True)
            if self._lock is None:
                self._lock = QLockFile(str(folder / f"{self._key}.lock"))
                self._lock.tryLock(0)
            fileio.save(doc.model, self.graph_path)
            meta = {"path": doc.path, "name": doc.name, "saved_at": time.time()}
            fileio.write_atomic(self._meta_path(), json.dumps(meta).encode("utf-8"))
        except (OSError, GraphError, ValueError, TypeError):
            # recovery is best effort; it never disturbs the user, only the log hears
            log.warning("no recovery copy written", exc_info=True)
            return False
        self._written_index = state
        return True

    def clear(self) -> None:
        """No unsaved work (saved, discarded or closed): remove the copy."""
        self._written_index = None
        for p in (self.graph_path, self._meta_path()):
            try:
                p.unlink()
            except OSError:
                pass

    def stop(self) -> None:
        self._timer.stop()
        self.clear()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
