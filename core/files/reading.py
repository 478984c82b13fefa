"""Reading a file with limits: only regular files, and only up to a size.

A named pipe would block a reader forever and ``/dev/zero`` would fill the
memory, so anything but a regular file is refused before it is opened (and
again after, in case it was swapped meanwhile); a file over the limit is
refused with its size and how to raise the limit. Opening never blocks
(``O_NONBLOCK``) and the read stops one byte past the limit whatever
``stat`` said.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass

from core.graph.errors import FileFormatError

#: Set this environment variable to a number of megabytes to open bigger files.
LIMIT_ENV = "MICROGRAD_STUDIO_MAX_FILE_MB"
DEFAULT_LIMIT_MB = 512  # a 100,000-node graph is about 25 MB
_CHUNK = 1 << 20


def size_limit() -> int:
    """The biggest file that is read, in bytes (``LIMIT_ENV`` or the default)."""
    raw = os.environ.get(LIMIT_ENV, "").strip()
    try:
        mb = float(raw) if raw else DEFAULT_LIMIT_MB
    except ValueError:
        mb = DEFAULT_LIMIT_MB
    return int(mb * 1024 * 1024) if mb > 0 else int(DEFAULT_LIMIT_MB * 1024 * 1024)


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _human(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TB"


def _too_big(name: str, size: str, limit: int) -> FileFormatError:
    return FileFormatError(
        f"{name}: the file is {size}, more than the {_human(limit)} a graph file may be "
        f"(to open it anyway, set the environment variable {LIMIT_ENV} to a bigger number of megabytes)"
    )


def _refuse_kind(name: str, mode: int) -> None:
    kind = _kind(mode)
    if kind == "a folder":
        raise FileFormatError(f"{name}: is a folder, not a graph file")
    if kind:
        raise FileFormatError(f"{name}: is {kind}, not a regular file, so it is not read")


@dataclass(frozen=True)
class FileStamp:
    """What a file was when it was read or written, to tell later whether
    someone else changed it: its identity and size, its time, and a digest
    of the content (a touch that changes nothing is no change)."""

    path: str  # the real path (symlinks followed)
    dev: int
    ino: int
    size: int
    mtime_ns: int
    digest: bytes

    @classmethod
    def of(cls, path: str | os.PathLike, data: bytes, st: os.stat_result | None = None) -> FileStamp:
        real = os.path.realpath(os.fspath(path))
        st = st or os.stat(real)
        return cls(real, st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, hashlib.sha256(data).digest())

    def state(self) -> str:
        """ "same", "changed" (the content differs) or "missing"."""
        try:
            st = os.stat(self.path)
        except OSError:
            return "missing"
        now = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
        if now == (self.dev, self.ino, self.size, self.mtime_ns):
            return "same"
        if st.st_size != self.size:
            return "changed"
        try:
            data, _ = read_limited(self.path)
        except FileFormatError:
            return "changed"
        return "same" if hashlib.sha256(data).digest() == self.digest else "changed"

    def to_json(self) -> dict:
        """The stamp as JSON (kept in a recovery copy's description: what the
        unsaved work was based on, for Save to ask against after a recovery)."""
        return {"path": self.path, "dev": self.dev, "ino": self.ino, "size": self.size,
                "mtime_ns": self.mtime_ns, "sha256": self.digest.hex()}  # fmt: skip

    @classmethod
    def from_json(cls, data: object) -> FileStamp | None:
        """:meth:`to_json`'s stamp back (None for anything else)."""
        if not isinstance(data, dict):
            return None
        try:
            return cls(str(data["path"]), int(data["dev"]), int(data["ino"]), int(data["size"]),
                       int(data["mtime_ns"]), bytes.fromhex(str(data["sha256"])))  # fmt: skip
        except (KeyError, TypeError, ValueError):
            return None

    def touched(self) -> FileStamp:
        """This stamp, with the file's current identity and time (after a
        check found its content the same)."""
        try:
            st = os.stat(self.path)
        except OSError:
            return self
        return FileStamp(self.path, st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, self.digest)


def read_limited(path: str | os.PathLike, limit: int | None = None) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file ``path`` and its stat; FileFormatError
    (naming the file) for anything else or anything too big."""
    name = os.fspath(path)
    limit = size_limit() if limit is None else limit
    try:
        st = os.stat(name)
        _refuse_kind(name, st.st_mode)
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise FileFormatError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise FileFormatError(f"{name}: is a folder, not a graph file") from None
    except OSError as e:
        raise FileFormatError(f"{name}: cannot be read ({e.strerror or e})") from None
    try:
        st = os.fstat(fd)
        _refuse_kind(name, st.st_mode)
        if st.st_size > limit:
            raise _too_big(name, _human(st.st_size), limit)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise _too_big(name, f"over {_human(limit)}", limit)
        return b"".join(chunks), st
    except OSError as e:
        raise FileFormatError(f"{name}: cannot be read ({e.strerror or e})") from None
    finally:
        os.close(fd)


def read_stream(stream, name: str, limit: int | None = None) -> bytes:
    """The bytes of a binary ``stream`` (standard input: ``backward -``) up to
    the size limit; FileFormatError naming ``name`` past it."""
    limit = size_limit() if limit is None else limit
    chunks, total = [], 0
    try:
        while total <= limit:  # (in pieces: one read of the limit allocates all of it first, review 58)
            chunk = stream.read(min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as e:
        raise FileFormatError(f"{name}: cannot be read ({e.strerror or e})") from None
    if total > limit:
        raise _too_big(name, f"over {_human(limit)}", limit)
    return b"".join(chunks)
