"""Document lock files, as LibreOffice keeps them: ``.~lock.NAME#`` beside
an open document says who has it open, on which machine, in which process
and since when, so a second instance (or a second window) can warn before
two people edit one file. A lock whose process is gone (same machine, dead
process id) is stale and is taken over.

The lock is advisory: it never stops a save; it only lets the app ask.
"""

from __future__ import annotations

import getpass
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from core.files.procs import host_name, pid_alive

APP = "micrograd-studio"

#: Lock files this process holds (several windows may run in one process).
_held: set[str] = set()


def lock_path(path: str | os.PathLike) -> Path:
    """The lock file of the document ``path`` (symlinks followed)."""
    real = Path(os.path.realpath(os.fspath(path)))
    return real.parent / f".~lock.{real.name}#"


@dataclass(frozen=True)
class LockOwner:
    """Who holds a document's lock."""

    user: str
    host: str
    pid: int
    since: float

    def describe(self) -> str:
        when = "an unknown time"
        if self.since:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.since))
        where = "this computer" if self.host == host_name() else self.host
        return f"{self.user or 'someone'} on {where} (process {self.pid}) since {when}"

    def alive(self, lock: Path) -> bool:
        """Still holding it? Another machine's process cannot be checked: yes."""
        if self.host != host_name():
            return True
        if self.pid == os.getpid():
            return str(lock) in _held
        return pid_alive(self.pid)


def _me() -> LockOwner:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in this environment
        user = ""
    return LockOwner(user, host_name(), os.getpid(), time.time())


def read_owner(lock: Path) -> LockOwner | None:
    """The owner written in ``lock``; None if there is none or it is unreadable
    (an empty or garbled lock is treated as stale)."""
    try:
        raw = lock.read_text("utf-8", errors="replace")[:4096]
        info = json.loads(raw)
        return LockOwner(str(info["user"]), str(info["host"]), int(info["pid"]), float(info["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class DocumentLock:
    """The lock of one open document. :meth:`acquire` either takes it (also
    from a dead process) or says who holds it."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = lock_path(path)
        self.held = False

    def holder(self) -> LockOwner | None:
        """The live owner of the lock other than us, if any."""
        if self.held:
            return None
        owner = read_owner(self.path)
        if owner is not None and owner.alive(self.path):
            return owner
        return None

    def acquire(self, *, force: bool = False) -> LockOwner | None:
        """Take the lock: None on success (or when the folder cannot hold a
        lock file: locks are advisory), else the live owner. ``force``
        takes it even from a live owner (the user chose to)."""
        if self.held:
            return None
        for _ in range(3):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
            except FileExistsError:
                owner = read_owner(self.path)
                if owner is not None and owner.alive(self.path) and not force:
                    return owner
                try:  # stale (or forced): take it over
                    os.unlink(self.path)
                except FileNotFoundError:
                    pass
                except OSError:
                    return None
                continue
            except OSError:
                return None  # a read-only folder: no lock, no complaint
            me = _me()
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    json.dump({"app": APP, **me.__dict__}, f)
            except OSError:
                return None
            self.held = True
            _held.add(str(self.path))
            return None
        return None

    def release(self) -> None:
        """Remove the lock file if it is still ours."""
        if not self.held:
            return
        self.held = False
        _held.discard(str(self.path))
        owner = read_owner(self.path)
        if owner is not None and (owner.pid, owner.host) != (os.getpid(), host_name()):
            return  # someone took it over
        try:
            os.unlink(self.path)
        except OSError:
            pass
