"""The installed commands, and ``python main.py`` in a clone.

``micrograd-studio`` is installed as a GUI script (no console window on
Windows) and ``micrograd-studio-cli`` as a console script; both run
:func:`main`, which opens the app or runs a headless command (``backward``,
``import``, ...), so on Linux and macOS either name does both. On Windows the
headless commands want ``micrograd-studio-cli``, which has a console to print to.
"""

from __future__ import annotations

import os
import sys

from core.cli.main import COMMANDS
from core.cli.main import main as run_command
from micrograd_studio import __version__

USAGE = """\
micrograd-studio {version}: build a computation graph and watch backprop run through it.

usage:
  {prog} [FILE]                 open the desktop app (on FILE, or the blog's L example)
  {prog} backward FILE [--root ID] [--json]
                                values and gradients, headless (no Qt)
  {prog} COMMAND --help         help for a headless command
  {prog} --version              the version
  {prog} --install-desktop      add a menu entry, icon and .mgraph file type (Linux)
  {prog} --uninstall-desktop    remove them again
  {prog} --untitled NAME FILE   open FILE as a new unsaved document called NAME
                                (micrograd_studio.show uses it)
  {prog} --quit-after SECONDS [FILE]
                                open the app, then quit by itself (a start-up check:
                                exit status 1 if anything could not be opened)

headless commands: {commands}
"""


def main(argv: list[str] | None = None, prog: str = "micrograd-studio") -> int:
    """Run ``prog ARGV...``; the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in COMMANDS:
        return run_command(argv, prog)
    if argv and argv[0] in ("-h", "--help"):
        print(USAGE.format(version=__version__, prog=prog, commands=", ".join(COMMANDS)).rstrip())
        return 0
    if argv and argv[0] in ("-V", "--version"):
        print(f"micrograd-studio {__version__}")
        return 0
    if argv and argv[0] in ("--install-desktop", "--uninstall-desktop"):
        return _desktop(argv[0])
    quit_after: float | None = None
    if "--quit-after" in argv:
        i = argv.index("--quit-after")
        try:
            quit_after = float(argv[i + 1])
        except (IndexError, ValueError):
            print("error: --quit-after needs a number of seconds", file=sys.stderr)
            return 2
        del argv[i : i + 2]
    untitled: str | None = None
    if "--untitled" in argv:
        i = argv.index("--untitled")
        if len(argv) < i + 3:
            print("error: --untitled needs a name and a file", file=sys.stderr)
            return 2
        untitled = argv[i + 1]
        del argv[i : i + 2]
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

    return run(argv, quit_after=quit_after, untitled=untitled)


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


def _desktop(option: str) -> int:
    from micrograd_studio import desktop

    try:
        done = desktop.install() if option == "--install-desktop" else desktop.uninstall()
    except OSError as e:
        print(f"error: {e.filename or ''}: {e.strerror or e}", file=sys.stderr)
        return 1
    for line in done:
        print(line)
    return 0


def gui_main() -> int:
    """The ``micrograd-studio`` GUI script."""
    return main()


def cli_main() -> int:
    """The ``micrograd-studio-cli`` console script."""
    return main(prog="micrograd-studio-cli")
