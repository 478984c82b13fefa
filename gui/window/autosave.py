"""Crash recovery: unsaved work is copied aside a few seconds after each
edit (off the UI thread: ``core/files/recovery.py``), and offered back the
next time the app starts if it did not close normally.

Each running window owns one recovery file in ``<settings folder>/recovery``
and holds a QLockFile beside it. A file whose lock nobody holds (its app
crashed or was killed) is an orphan: the next start offers to reopen it.
Saving, discarding or closing normally removes the window's file.

The description beside each copy (``KEY.json``) also keeps what the work
was based on: the file's stamp as the window last read or wrote it, and
whether it was open read-only, so a recovered document asks before Save
writes over a newer file just as it did before the crash. A copy that
cannot be written is said at once (``trouble``): the window warns.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Qt, QTimer, Signal

from core.files import fileio, recovery_notes, text_check
from core.files.reading import FileStamp, read_limited
from core.files.recovery import RecordCopy, RecoveryWriter, SaveSchedule
from core.files.safewrite import clean_stale_temps, write_file
from core.graph.errors import FileFormatError
from core.graph.model import GraphModel
from gui.common import settings
from gui.document.document import Document

log = logging.getLogger(__name__)

DELAY_MS = 2_000  # a copy this long after the last edit
MAX_WAIT_MS = 10_000  # at the latest this long after the first edit not copied
MAX_EDITS = 25  # or after this many edits
#: Nodes of the first recovery copy made a turn of the event loop (~3 ms at 2,000).
SLICE = 2_000


def recovery_dir() -> Path:
    return Path(settings.settings().fileName()).resolve().parent / "recovery"


@dataclass
class Orphan:
    """Unsaved work left by an app that did not close normally."""

    graph: Path
    path: str | None  # the file it was opened from, if any
    name: str
    saved_at: float
    nodes: int | None = None  # how many nodes the copy holds (None: not said)
    stamp: FileStamp | None = None  # the file as the work was based on it
    read_only: bool = False  # the file was open read-only
    deferred: float | None = None  # when the user chose Not Now for it
    not_copied: tuple[float, str] | None = None  # (since, why) newer edits are not in it

    @property
    def folder(self) -> str | None:
        return os.path.dirname(self.path) if self.path else None

    def file_state(self) -> str | None:
        """The file now against what the work was based on: "same", "changed",
        "missing" (None: no file, or no stamp kept)."""
        if not self.path:
            return None
        if not os.path.exists(self.path):
            return "missing"
        return self.stamp.state() if self.stamp is not None else None

    def defer(self) -> None:
        """Not Now: kept, and said to be put aside when offered next."""
        recovery_notes.note_deferred(self.graph.with_suffix(".json"), write_file)

    def load(self) -> GraphModel:
        """The copied graph; text that could not be saved as UTF-8 (a lone
        surrogate) comes back as U+FFFD."""
        data, _ = read_limited(self.graph)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise FileFormatError(f"{self.graph}: {text_check.not_utf8(e)}") from None
        return fileio.loads(text_check.replace_lone_surrogates(text), str(self.graph))

    def discard(self) -> None:
        for p in (self.graph, self.graph.with_suffix(".json"), self.graph.with_suffix(".lock"),
                  self.graph.with_suffix(recovery_notes.STALE_SUFFIX)):  # fmt: skip
            try:
                p.unlink()
            except OSError:
                pass
            clean_stale_temps(p)  # a copy its app was killed writing


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
        info = recovery_notes.read_info(meta)
        if not graph.exists():
            Orphan(graph, None, "", 0.0).discard()
            continue
        found.append(_orphan(graph, info))
    found.sort(key=lambda o: -o.saved_at)
    return found


def _orphan(graph: Path, info: dict) -> Orphan:
    """The copy ``graph`` as its description ``info`` tells it."""
    path, nodes, deferred = info.get("path"), info.get("nodes"), info.get("deferred")
    return Orphan(
        graph,
        path if isinstance(path, str) and path else None,
        str(info.get("name") or graph.stem),
        float(info.get("saved_at") or graph.stat().st_mtime),
        nodes if isinstance(nodes, int) else None,
        FileStamp.from_json(info.get("stamp")),
        info.get("read_only") is True,
        float(deferred) if isinstance(deferred, (int, float)) else None,
        recovery_notes.not_copied(graph, info),
    )


class AutoSaver(QObject):
    """Copies ``document`` aside while it has unsaved changes: a few seconds
    after the last edit (sooner while edits go on; see ``SaveSchedule``),
    from a snapshot taken here (of what changed since the last one: see
    ``RecordCopy``), written on the writer's thread."""

    #: Copies cannot be written (why, in the user's words), or can again ("").
    trouble = Signal(str)
    _result = Signal(object)  # the writer's thread: None (written) or why not

    def __init__(
        self,
        document: Document,
        delay_ms: int = DELAY_MS,
        max_wait_ms: int = MAX_WAIT_MS,
        max_edits: int = MAX_EDITS,
        parent: QObject | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("autosaver")
        self._document = document
        self._key = uuid.uuid4().hex[:12]
        self._lock: QLockFile | None = None
        self._written_index: tuple | None = None
        self._clock = clock
        self._edits = 0
        self.schedule = SaveSchedule(delay_ms / 1000, max_wait_ms / 1000, max_edits)
        self.writer = RecoveryWriter()
        self.writer.on_result = self._result.emit
        self._result.connect(self._copy_result, Qt.ConnectionType.QueuedConnection)
        #: What the copy's description says of the file (the window's guard: stamp, read-only).
        self.file_state: Callable[[], dict] = dict
        #: Why copies cannot be written now ("" while they can).
        self.trouble_reason = ""
        #: The copy of the document's model the snapshots are taken from,
        #: begun at its first unsaved edit, made in idle slices (``SLICE``).
        self.records: RecordCopy | None = None
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.poll)
        self._slices = QTimer(self, singleShot=True, interval=0)
        self._slices.timeout.connect(self._copy_some)
        document.undo_stack.indexChanged.connect(self._edited)
        document.graph_changed.connect(self._edited)
        document.nodes_moved.connect(self._edited)
        document.modified_changed.connect(self._modified)
        document.replaced.connect(self._drop_records)  # (it holds the old model)

    @property
    def graph_path(self) -> Path:
        return recovery_dir() / f"{self._key}{fileio.SUFFIX}"

    def _meta_path(self) -> Path:
        return recovery_dir() / f"{self._key}.json"

    def _edited(self, *_: object) -> None:
        self._edits += 1  # also edits no undo entry holds yet (a training run)
        self.schedule.edited(self._clock())
        if self.records is not None and self.records.left:
            # the copy began again (the whole graph put back): again in idle slices, not at
            # the next snapshot (~70 ms of the timer's turn at 50,000 nodes, issue 14)
            self._slices.start()
        self._arm()

    def _modified(self, modified: bool) -> None:
        if modified and self.records is None:
            self._records_of(self._document.model)  # the first copy, a slice at a time from now

    def _copy_some(self) -> None:
        if self.records is None:
            return
        if self.records.copy_some(SLICE):
            self._slices.start()
        elif self.schedule.due(self._clock()):
            self.poll()  # a copy put off until the first copy was made (``poll``)

    def _arm(self) -> None:
        wait = self.schedule.due_in(self._clock())
        if wait is None:
            self._timer.stop()
        else:
            self._timer.start(int(wait * 1000))

    def poll(self) -> None:
        """The timer's turn: write a copy if one is due, else wait on. While
        more than a slice of the first copy is left, the copy waits for the
        slices (the last one polls again): the turn stays a slice long."""
        if self.schedule.due(self._clock()):
            r = self.records
            if (
                self._document.modified
                and r is not None
                and r.model is self._document.model
                and r.left > SLICE
            ):
                self._slices.start()
                return
            self.save_now(block=False)
        self._arm()

    def save_now(self, block: bool = True) -> bool:
        """Copy the document aside if it changed since the last copy: a
        snapshot here, the writing on the writer's thread (waited for when
        ``block``). True if a copy was made (or, not blocking, is on its way)."""
        doc = self._document
        self.schedule.written()
        stack = doc.undo_stack
        if not doc.modified:  # (folds that put everything back are nothing to recover)
            self.clear()
            return False
        state = (id(doc.model), stack.index(), stack.count(), self._edits)
        if state == self._written_index and self.graph_path.exists():
            if block:  # (this state's copy may be on its way: a blocking call returns once it is there)
                self.writer.wait()
            return False
        folder = recovery_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            self._copy_result(recovery_notes.failure_reason(e, folder))
            return False
        if self._lock is None:
            self._lock = QLockFile(str(folder / f"{self._key}.lock"))
            self._lock.tryLock(0)
        meta = {"path": doc.path, "name": doc.name, "saved_at": time.time(), "nodes": len(doc.model)}
        meta.update(self.file_state())
        self.writer.submit(self._records_of(doc.model).take(), self.graph_path, self._meta_path(), meta)
        self._written_index = state
        if block:
            failed = self.writer.failed
            self.writer.wait()
            self._copy_result(self.writer.last_error)  # (said now: a caller may ask at once)
            if self.writer.failed != failed:
                self._written_index = None
                return False
        return True

    def _copy_result(self, reason: str | None) -> None:
        """A copy was written (None) or not (why): ``trouble`` says a change of it.
        Work saved meanwhile is at no risk, whatever a late write said."""
        reason = reason or ""
        if reason and not self._document.modified:
            reason = ""
        if reason == self.trouble_reason:
            return
        self.trouble_reason = reason
        if reason:
            log.warning("unsaved work not copied aside: %s", reason)
        self.trouble.emit(reason)

    def _records_of(self, model: GraphModel) -> RecordCopy:
        """The copy that follows ``model`` (a new one for a new model)."""
        if self.records is not None and self.records.model is not model:
            self._drop_records()
        if self.records is None:
            self.records = RecordCopy(model)
            self._slices.start()
        return self.records

    def _drop_records(self) -> None:
        self._slices.stop()
        if self.records is not None:
            self.records.close()
            self.records = None

    def clear(self) -> None:
        """No unsaved work (saved, discarded or closed): remove the copy."""
        self._written_index = None
        self.schedule.written()
        self._timer.stop()
        path = self.graph_path
        self.writer.discard(path, self._meta_path(), path.with_suffix(recovery_notes.STALE_SUFFIX))
        self._copy_result(None)  # no unsaved work: none at risk

    def stop(self) -> None:
        self.clear()
        self.writer.on_result = None  # (a write under way ends unheard: this may be gone by then)
        self.writer.close()
        self._drop_records()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
