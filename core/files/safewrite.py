"""Saving a file without changing what it is.

A plain temp-file-and-rename replaces a symlink by a regular file, breaks
hard links, resets the owner and ignores the umask. :func:`write_file`
instead writes through symlinks to their target, keeps the mode (and the
owner where permitted), gives a new file ``0666 & ~umask``, refuses a
read-only file unless told to write it, and writes a hard-linked file (or
one whose owner it could not restore) in place, copy-based as Vim's
``backupcopy=auto`` does, so every link still sees the new text. Either way
a failed save leaves the old text in the file. Optionally the previous
version is kept as ``NAME.bak``. Temporary files are named after the
process that made them (``.NAME.<pid>.<random>.tmp``), so those of a
process that was killed are removed by the next save.

Since a save makes a new file beside the old one, a folder that is gone or
does not let us create files stops it even where the file itself could be
written: that is a :class:`FolderError`, said as the folder's fault (a
trial was told "shared.mgraph: Permission denied" of a writable file).
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
import time
from pathlib import Path

from core.files.procs import pid_alive

TEMP_SUFFIX = ".tmp"
#: The copy of the old text kept while a file is rewritten in place; left
#: behind only if the process dies in the middle, so the old text survives.
ORIG_SUFFIX = ".orig"
BACKUP_SUFFIX = ".bak"
#: Temporary files without a process id (older versions) are removed once this old.
LEGACY_TEMP_AGE_S = 3600.0


class ReadOnlyFileError(PermissionError):
    """The file is read-only: write it only after the user said so."""


class FolderError(OSError):
    """The file's folder stopped the save (it is gone, or no file can be
    created in it), not the file: ``strerror`` says so, naming the folder."""


#: why a save needs to create files in the folder, said where it cannot
HOW_SAVES_WORK = "a save writes a new copy beside the file, then swaps it in"


def folder_problem(path: str | os.PathLike) -> str | None:
    """Why the folder of ``path`` cannot take a save, as far as can be told
    before trying ("its folder /x does not exist"), or None."""
    folder = target_of(path).parent
    if not os.path.isdir(folder):
        return _missing_folder(folder)
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"its folder {folder} is not writable ({HOW_SAVES_WORK})"
    return None


def failure_reason(error: OSError) -> str:
    """What stopped a write, for a message: a FolderError's own words, else
    the system's ("No space left on device")."""
    if isinstance(error, FolderError):
        return str(error.strerror)
    return error.strerror or str(error)


def _folder_error(folder: Path, e: OSError) -> OSError:
    """``e``, raised making or renaming a file in ``folder``, as the folder's
    fault where it is (gone, not writable, on a read-only disk)."""
    if e.errno in (errno.ENOENT, errno.ENOTDIR) and not os.path.isdir(folder):
        return FolderError(e.errno, _missing_folder(folder))
    if e.errno in (errno.EACCES, errno.EPERM):
        return FolderError(e.errno, f"its folder {folder} is not writable ({HOW_SAVES_WORK})")
    if e.errno == errno.EROFS:
        return FolderError(e.errno, f"its folder {folder} is on a read-only disk")
    return e


def _missing_folder(folder: Path) -> str:
    """Why ``folder``, which is no folder, cannot take a file: it is a file,
    it does not exist, or a file stands where one of the folders above it
    would be (a path typed below a file: the system's "Not a directory",
    trial 74 #9)."""
    if os.path.exists(folder):
        return f"{folder} is not a folder"
    above = next((p for p in Path(folder).parents if os.path.exists(p)), None)
    if above is not None and not os.path.isdir(above):
        return f"its folder {folder} cannot exist: {above} is a file, not a folder"
    return f"its folder {folder} does not exist"


def target_of(path: str | os.PathLike) -> Path:
    """The file a save of ``path`` writes: symlinks followed to their target."""
    return Path(os.path.realpath(os.fspath(path)))


def is_read_only(path: str | os.PathLike) -> bool:
    """True if ``path`` exists and its mode denies us writing (as `ls -l`
    shows it: the owner's bit for its owner, root included)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    if st.st_uid == os.geteuid():
        return not st.st_mode & stat.S_IWUSR
    if os.geteuid() == 0:
        return not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    return not os.access(path, os.W_OK)


def write_file(
    path: str | os.PathLike, data: bytes, *, backup: bool = False, allow_read_only: bool = False
) -> os.stat_result:
    """Write ``data`` to ``path`` (see the module docstring); returns the
    written file's stat. Errors are OSErrors naming ``path``."""
    try:
        return _write_file(target_of(path), data, backup, allow_read_only)
    except ReadOnlyFileError:
        raise
    except OSError as e:
        kind = FolderError if isinstance(e, FolderError) else OSError
        raise kind(e.errno, e.strerror or str(e), os.fspath(path)) from None


def _write_file(target: Path, data: bytes, backup: bool, allow_read_only: bool) -> os.stat_result:
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except NotADirectoryError as e:  # (a file where a folder of the path should be)
        raise _folder_error(target.parent, e) from None
    if st is not None:
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, "not a regular file, so it is not written over")
        if not allow_read_only and is_read_only(target):
            raise ReadOnlyFileError(errno.EACCES, "the file is read-only", str(target))
    clean_stale_temps(target)
    if backup and st is not None:
        _keep_backup(target)
    if st is not None and _write_in_place_needed(st):
        _write_in_place(target, data, st)
    else:
        _write_replace(target, data, st)
    return os.stat(target)


def _write_in_place_needed(st: os.stat_result) -> bool:
    """Hard links, or an owner/group a new file could not be given."""
    if st.st_nlink > 1:
        return True
    if os.geteuid() == 0:
        return False
    if st.st_uid != os.geteuid():
        return True
    return st.st_gid != os.getegid() and st.st_gid not in os.getgroups()


def _temp_name(target: Path, suffix: str = TEMP_SUFFIX) -> Path:
    return target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}{suffix}"


def _create(path: Path, mode: int = 0o666) -> int:
    """A new file, exclusive; the umask applies to ``mode`` as for any new file.
    A failure the folder causes is a FolderError."""
    try:
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode)
    except OSError as e:
        raise _folder_error(path.parent, e) from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _write_replace(target: Path, data: bytes, st: os.stat_result | None) -> None:
    tmp = _temp_name(target)
    fd = _create(tmp)  # a new file: 0666 & ~umask
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
            if st is not None:
                if (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
                    try:
                        os.fchown(fd, st.st_uid, st.st_gid)
                    except PermissionError:
                        pass
                os.fchmod(fd, stat.S_IMODE(st.st_mode))  # after chown, which clears setuid
        finally:
            os.close(fd)
        try:
            os.replace(tmp, target)
        except OSError as e:  # (e.g. a sticky folder: only the owner may replace the file)
            raise _folder_error(target.parent, e) from None
    except BaseException:
        _unlink(tmp)
        raise
    _fsync_dir(target.parent)


def _write_in_place(target: Path, data: bytes, st: os.stat_result) -> None:
    """Rewrite the file itself (its inode, links, owner and mode stay), with
    a copy of the old text beside it until the new text is on disk."""
    old = target.read_bytes()
    orig = _temp_name(target, ORIG_SUFFIX)
    fd = _create(orig, 0o600)
    try:
        _write_all(fd, old)
        os.fsync(fd)
    finally:
        os.close(fd)
    relax = not st.st_mode & stat.S_IWUSR and st.st_uid == os.geteuid()
    try:
        if relax:  # a read-only file we own, and the user said write it
            os.chmod(target, stat.S_IMODE(st.st_mode) | stat.S_IWUSR)
        try:
            _rewrite(target, data)
        except BaseException:
            _rewrite(target, old)  # put the old text back
            raise
        finally:
            if relax:
                os.chmod(target, stat.S_IMODE(st.st_mode))
    finally:
        _unlink(orig)


def _rewrite(target: Path, data: bytes) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_CLOEXEC)
    try:
        _write_all(fd, data)
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    finally:
        os.close(fd)


def _keep_backup(target: Path) -> None:
    """``NAME.bak``: the previous version, replaced atomically."""
    bak = target.with_name(target.name + BACKUP_SUFFIX)
    old = target.read_bytes()
    try:
        bst: os.stat_result | None = os.lstat(bak)
    except FileNotFoundError:
        bst = None
    if bst is not None and not stat.S_ISREG(bst.st_mode):
        raise OSError(errno.EEXIST, f"{bak.name} exists and is not a regular file")
    _write_replace(bak, old, os.stat(target))


def clean_stale_temps(target: str | os.PathLike) -> list[Path]:
    """Remove temporary files of ``target`` left by processes that died
    (and unnamed ones from older versions, once an hour old); the removed."""
    target = Path(target)
    removed: list[Path] = []
    try:
        candidates = list(target.parent.glob(f".{_glob_escape(target.name)}.*{TEMP_SUFFIX}"))
    except OSError:
        return removed
    prefix = f".{target.name}."
    for p in candidates:
        middle = p.name[len(prefix) : -len(TEMP_SUFFIX)]
        pid_text, _, rand = middle.partition(".")
        if rand and pid_text.isdigit():
            if pid_alive(int(pid_text)):
                continue
        else:
            try:
                if time.time() - p.lstat().st_mtime < LEGACY_TEMP_AGE_S:
                    continue
            except OSError:
                continue
        if _unlink(p):
            removed.append(p)
    return removed


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _unlink(p: Path) -> bool:
    try:
        os.unlink(p)
    except OSError:
        return False
    return True


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (not every file system can)."""
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)
