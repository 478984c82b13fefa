"""What a recovery copy's description (``KEY.json`` beside ``KEY.mgraph``)
says besides the graph, so that the offer to recover it can tell the truth:
that newer edits could not be copied (the copy on disk is older than the
work), and that the user already put it aside once (Not Now) rather than
the app having just crashed.

A failed copy leaves the older one in place (better than nothing), marked:
its description gets ``not_copied_since``/``not_copied_why``; when even that
small write fails (a full disk), an empty ``KEY.stale`` file is made beside
it (creating an empty file needs no free blocks), its time the mark's.
"""

from __future__ import annotations

import errno
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: Beside a copy whose newer edits could not be written, when its description could not be either.
STALE_SUFFIX = ".stale"


def failure_reason(e: BaseException, folder: Path) -> str:
    """Why a copy could not be written into ``folder``, in the user's words."""
    if isinstance(e, OSError):
        if e.errno in (errno.ENOSPC, errno.EDQUOT):
            return f"the disk is full: {folder}"
        if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return f"no permission to write in {folder}"
        return f"{folder}: {e.strerror or e}"
    return f"{folder}: {type(e).__name__}: {e}"


def read_info(meta: Path) -> dict:
    """A copy's description ({} when it is missing or garbled)."""
    try:
        info = json.loads(meta.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def note_not_copied(graph: Path, meta: Path, reason: str, write: Callable[[Path, bytes], Any]) -> None:
    """Newer edits of ``graph``'s work could not be copied: mark the older
    copy (if there is one) as lacking them, from when that first happened."""
    if not graph.exists():
        return
    info = read_info(meta)
    if "not_copied_since" not in info:
        info["not_copied_since"] = time.time()
    info["not_copied_why"] = reason
    try:
        write(meta, json.dumps(info).encode("utf-8"))
        return
    except (OSError, ValueError):
        pass
    marker = graph.with_suffix(STALE_SUFFIX)
    if marker.exists():
        return
    try:
        os.close(os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o644))
    except OSError:
        pass


def copied(graph: Path) -> None:
    """A copy was written whole: no mark of older edits missing is true any more."""
    try:
        graph.with_suffix(STALE_SUFFIX).unlink()
    except OSError:
        pass


def not_copied(graph: Path, info: dict) -> tuple[float, str] | None:
    """(since when, why) newer edits are missing from ``graph``'s copy; None if none are."""
    since = info.get("not_copied_since")
    if isinstance(since, (int, float)):
        return float(since), str(info.get("not_copied_why") or "")
    try:
        return graph.with_suffix(STALE_SUFFIX).stat().st_mtime, ""
    except OSError:
        return None


def note_deferred(meta: Path, write: Callable[[Path, bytes], Any]) -> None:
    """The user put the copy aside (Not Now): the next offer says so, not
    that the app just failed to close normally. Best effort."""
    info = read_info(meta)
    if not info:
        return
    info["deferred"] = time.time()
    try:
        write(meta, json.dumps(info).encode("utf-8"))
    except (OSError, ValueError):
        pass
