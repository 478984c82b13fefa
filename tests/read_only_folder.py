"""A folder in which no file can be created, as a shared course folder is
for a student (``r-x``): made with chmod and, where the tests run as root
(whom the mode does not stop), by refusing what the kernel would refuse."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


def make_read_only(folder: Path, monkeypatch) -> None:
    """``folder`` ``r-x`` from now on: creating, renaming or removing a
    file in it fails with EACCES; its files stay writable."""
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    if os.geteuid() != 0:
        return
    real_open, real_replace, real_access = os.open, os.replace, os.access
    inside = os.path.realpath(folder)

    def is_in(path) -> bool:
        return os.path.dirname(os.path.realpath(os.fspath(path))) == inside

    def fake_open(path, flags, mode=0o777, *a, **k):
        if flags & os.O_CREAT and is_in(path) and not os.path.exists(path):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_open(path, flags, mode, *a, **k)

    def fake_replace(src, dst, *a, **k):
        if is_in(src) or is_in(dst):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(src))
        return real_replace(src, dst, *a, **k)

    def fake_access(path, mode, *a, **k):
        if mode & os.W_OK and os.path.realpath(os.fspath(path)) == inside:
            return False
        return real_access(path, mode, *a, **k)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "replace", fake_replace)
    monkeypatch.setattr(os, "access", fake_access)
