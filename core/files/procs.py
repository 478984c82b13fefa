"""Is a process still running? (Lock files and temporary files name the
process that made them, so a dead one's leftovers can be taken over.)"""

from __future__ import annotations

import os
import socket


def pid_alive(pid: int) -> bool:
    """True if process ``pid`` exists on this machine (ours included)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    except OSError:
        return False
    return True


def host_name() -> str:
    try:
        return socket.gethostname() or "localhost"
    except OSError:
        return "localhost"
