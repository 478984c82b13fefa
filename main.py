"""micrograd-studio: build a computation graph and watch backprop run through it.

usage:
  python main.py [FILE]                 open the desktop app (on FILE, or the blog's L example)
  python main.py backward FILE [--root ID] [--json]
                                        values and gradients, headless (no Qt)
  python main.py COMMAND --help         help for a headless command

headless commands: {commands}
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from core.cli.main import COMMANDS
    from core.cli.main import main as run_command

    if argv and argv[0] in COMMANDS:
        return run_command(argv)
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__.format(commands=", ".join(COMMANDS)).strip())
        return 0
    files = [a for a in argv if not a.startswith("-")]
    if files and not os.path.exists(files[0]):
        # said here, before Qt starts: a typo or a command this version lacks
        # must not become a window (or a crash on a machine with no display)
        name = files[0]
        if os.sep not in name and "." not in name:
            print(
                f"error: unknown command {name!r} (commands: {', '.join(COMMANDS)}; "
                "or give a graph file to open)",
                file=sys.stderr,
            )
            return 2
        print(f"error: {name}: no such file", file=sys.stderr)
        return 1
    problem = no_display()
    if problem:  # said in one line, before Qt aborts with a fatal message
        print(
            f"error: {problem}; the headless commands ({', '.join(COMMANDS)}) work without one",
            file=sys.stderr,
        )
        return 1
    from gui.app import run

    return run(argv)


def no_display() -> str | None:
    """Why the desktop app cannot open a window here, or None. An empty
    QT_QPA_PLATFORM counts as unset."""
    platform = os.environ.get("QT_QPA_PLATFORM", "").strip()
    if sys.platform in ("win32", "darwin") or platform.startswith(("offscreen", "minimal", "vnc", "eglfs")):
        return None
    x11, wayland = os.environ.get("DISPLAY"), os.environ.get("WAYLAND_DISPLAY")
    if platform.startswith("xcb") and not x11:
        return "the desktop app needs a display: QT_QPA_PLATFORM is xcb but DISPLAY is not set"
    if platform.startswith("wayland") and not wayland:
        return "the desktop app needs a display: QT_QPA_PLATFORM is wayland but WAYLAND_DISPLAY is not set"
    if not platform and not (x11 or wayland):
        return "the desktop app needs a display, and none was found (DISPLAY and WAYLAND_DISPLAY are not set)"
    return None


if __name__ == "__main__":
    sys.exit(main())
