"""Standard output that fails loudly: every command's (and ``--help``'s)
failure to write it is one ``error:`` line and exit status 1.

Two ways a write to standard output went unsaid (trial 74 #3, #4):

- Python flushes a buffered stdout at exit, after the command returned 0,
  and a failure there is a traceback-like "Exception ignored" (exit 120),
  or nothing where argparse's ``--help`` swallowed it.
- With ``PYTHONUNBUFFERED`` stdout's text layer writes straight to the
  raw file, whose ``write`` may write part of the text and drop the rest
  without an error: under ``ulimit -f`` an exported script was cut off at
  the limit, exit 0 (Python ignores SIGXFSZ, so the write returns short
  instead of killing the process).

:func:`guarded` runs a command with stdout written through :class:`_Out`,
which writes every byte or raises :class:`StdoutError`, and flushes it
before the exit status is given.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from typing import Any

#: The exit status of a command whose output could not be written.
FAILED = 1


class StdoutError(OSError):
    """Writing standard output failed (the disk is full, a file-size limit...)."""

    def __str__(self) -> str:
        why = self.strerror or "the write failed"
        return f"writing to standard output failed: {why} (the output is incomplete)"


class _Out(io.RawIOBase):
    """File descriptor ``fd``, every write written whole (a short write is
    continued) or a :class:`StdoutError`, kept in ``error``; after one, the
    rest is let go unwritten (said once, by :func:`guarded`). A broken
    pipe stays a BrokenPipeError (``| head``: the caller stops quietly)."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd
        self.error: StdoutError | None = None

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return os.isatty(self._fd)

    def write(self, b) -> int:
        view = memoryview(b).cast("B")
        if self.error is not None:
            return len(view)
        done = 0
        while done < len(view):
            try:
                n = os.write(self._fd, view[done:])
            except (BrokenPipeError, InterruptedError):
                raise
            except OSError as e:
                self.error = StdoutError(e.errno, e.strerror)
                raise self.error from None
            if n == 0:  # (a regular file does not do this, but a loop must not spin)
                self.error = StdoutError(0, "nothing could be written")
                raise self.error
            done += n
        return done


def guarded(run: Callable[[], int]) -> int:
    """``run()``'s exit status, its standard output written whole: a write
    that fails (also one argparse's ``--help`` swallows, or the last flush)
    is one ``error:`` line on stderr and :data:`FAILED`. A broken pipe
    (``| head``) is left to the caller, as before."""
    old = sys.stdout
    fd = _fileno(old)
    if fd is None:  # (not the process's stdout: a test's capture, a notebook's stream)
        return run()
    try:
        old.flush()
    except OSError as e:
        return _failed(StdoutError(e.errno, e.strerror))
    raw = _Out(fd)
    unbuffered = isinstance(getattr(old, "buffer", None), io.RawIOBase)  # PYTHONUNBUFFERED, python -u
    under: Any = raw if unbuffered else io.BufferedWriter(raw)
    stream = io.TextIOWrapper(
        under,
        encoding=old.encoding,
        errors=old.errors,
        line_buffering=bool(old.line_buffering),
        write_through=unbuffered,
    )
    sys.stdout = stream
    status: int = FAILED
    leaving: SystemExit | None = None
    try:
        try:
            status = run()
        except StdoutError:
            pass  # (said below)
        except SystemExit as e:  # argparse's --help: written (or not), then exit
            leaving = e
        stream.flush()
    except StdoutError:
        pass
    except BrokenPipeError:  # (``--help | head -0``): stop quietly, as the commands do
        quiet(fd)
        status = FAILED
    finally:
        sys.stdout = old
        try:
            stream.detach()  # (the fd stays open: it is the process's stdout)
        except (OSError, ValueError):
            pass
    if raw.error is not None:
        return _failed(raw.error)
    if leaving is not None:
        raise leaving
    return status


def quiet(fd: int) -> None:
    """Python's own advice after a broken pipe: point stdout at devnull, so
    that nothing left to write fails again at exit."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), fd)
    except (OSError, ValueError):
        pass


def _failed(e: StdoutError) -> int:
    try:
        print(f"error: {e}", file=sys.stderr)
    except OSError:
        pass
    return FAILED


def _fileno(stream: Any) -> int | None:
    """The file descriptor under ``stream`` when it is the process's own stdout."""
    own = sys.__stdout__
    if own is None or stream is not own:
        return None
    try:
        return own.fileno()
    except (OSError, ValueError, AttributeError):
        return None
