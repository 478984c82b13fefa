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
import textwrap

from core.cli.main import COMMANDS
from core.cli.main import main as run_command
from core.cli.registry import SUMMARIES
from core.cli.stdout import guarded
from core.files import program
from micrograd_studio import (
    __version__,
    picture_command,  # noqa: F401  (``picture``, after core's commands: listed last)
)

#: The app's own options: (how it is written, what it does); ``--help`` lists them.
OPTIONS = (
    ("[FILE]", "open the app (on FILE, or the blog's L example)"),
    ("COMMAND ...", "a headless command (no display needed)"),
    ("COMMAND --help", "help for a headless command: its options"),
    ("--version", "the version"),
    ("--install-desktop", "add a menu entry, icon and .mgraph file type (Linux)"),
    ("--uninstall-desktop", "remove them again"),
    (
        "--untitled NAME FILE",
        "open FILE as a new unsaved document called NAME (micrograd_studio.show uses it)",
    ),
    (
        "--quit-after SECONDS [FILE]",
        "open the app, then quit by itself (a start-up check: exit status 1 if anything could not be opened)",
    ),
)
#: The options :func:`main` knows (anything else starting with "-" is refused).
KNOWN = (
    "-h",
    "--help",
    "-V",
    "--version",
    "--install-desktop",
    "--uninstall-desktop",
    "--untitled",
    "--quit-after",
)


def usage(prog: str) -> str:
    """What ``--help`` prints: the app's options, then every headless command
    with the line saying what it does."""
    width = max(len(f"{prog} {form}") for form, _ in OPTIONS) + 2
    lines = [
        f"micrograd-studio {__version__}: build a computation graph and watch backprop run through it.",
        "",
    ]
    lines.append("usage:")
    for form, does in OPTIONS:  # a long line goes on under itself
        said = textwrap.wrap(does, max(40, 98 - width))
        lines.append(f"  {f'{prog} {form}':<{width}}{said[0]}")
        lines += [" " * (width + 2) + more for more in said[1:]]
    lines += ["", f"headless commands ({prog} COMMAND --help for one's options):"]
    width = max(map(len, COMMANDS)) + 2
    lines += [f"  {name:<{width}}{SUMMARIES[name]}" for name in COMMANDS]
    return "\n".join(lines)


def short_usage(prog: str) -> str:
    """The usage in one line, for an error."""
    return f"{prog} [FILE] | {prog} {'|'.join(COMMANDS)} ... | {prog} --help"


def unknown_option(option: str, prog: str) -> str:
    """The one ``error:`` line for an option the app does not know, with a
    guess at the one meant: an option of the app, or of a headless command
    (``--jsn`` for backward's ``--json``, given before the command)."""
    import difflib

    from core.cli.main import build_parser
    from core.cli.registry import terminal_safe

    hint = ""
    name = option.split("=", 1)[0]
    if len(name.lstrip("-")) < 2:  # ("-x": too short to tell which one was meant)
        return f"error: unknown option {terminal_safe(repr(option))} (usage: {short_usage(prog)})"
    mine = difflib.get_close_matches(name, [k for k in KNOWN if k.startswith("--")], n=1, cutoff=0.75)
    if mine:
        hint = f"; did you mean {mine[0]}?"
    else:
        parser = build_parser(prog)
        owners: dict[str, str] = {}  # a command option -> the first command that takes it
        for cmd, sub in parser.commands.items():
            for flag in sub._option_string_actions:
                if flag.startswith("--") and flag != "--help":
                    owners.setdefault(flag, cmd)
        theirs = difflib.get_close_matches(name, list(owners), n=1, cutoff=0.75)
        if theirs:
            flag = theirs[0]
            hint = f"; {flag} is an option of a command, after it: {prog} {owners[flag]} FILE {flag}"
    return f"error: unknown option {terminal_safe(repr(option))} (usage: {short_usage(prog)}){hint}"


def main(argv: list[str] | None = None, prog: str = "micrograd-studio") -> int:
    """Run ``prog ARGV...``; the exit status."""
    program.started_as(prog)  # (what the texts tell the user to type: core/files/program.py)
    argv = sys.argv[1:] if argv is None else list(argv)
    # (what they print is written whole, or said not to be: core/cli/stdout.py)
    if argv and argv[0] in COMMANDS:
        return guarded(lambda: run_command(argv, prog))
    if argv and argv[0] in ("-h", "--help"):
        return guarded(lambda: _say(usage(prog)))
    if argv and argv[0] in ("-V", "--version"):
        return guarded(lambda: _say(f"micrograd-studio {__version__}"))
    if argv and argv[0] in ("--install-desktop", "--uninstall-desktop"):
        option = argv[0]
        return guarded(lambda: _desktop(option))
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
    if "--" in argv:  # the end of the options: file names after it
        i = argv.index("--")
        argv = argv[:i] + argv[i + 1 :]
        options = [a for a in argv[:i] if a.startswith("-")]
    else:
        options = [a for a in argv if a.startswith("-")]
    if options:  # said before Qt starts: a typo must not become a window a script waits on
        if options[0] in KNOWN:  # --help or --version after a file, say
            print(f"error: {options[0]} goes first (usage: {short_usage(prog)})", file=sys.stderr)
        else:
            print(unknown_option(options[0], prog), file=sys.stderr)
        return 2
    files = list(argv)
    if files and not os.path.exists(files[0]):
        # said here, before Qt starts: a typo or a command this version lacks
        # must not become a window (or a crash on a machine with no display)
        name = files[0]
        if os.sep not in name and "." not in name:
            print(
                f"error: unknown command {name!r}{_meant(name)} (commands: {', '.join(COMMANDS)}; "
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


def _say(text: str) -> int:
    print(text)
    return 0


def _meant(name: str) -> str:
    """ "; did you mean backward?" for a command mistyped ("backwards",
    "bakward", "Backward": trial 50), or ""."""
    import difflib

    close = difflib.get_close_matches(name.lower(), list(COMMANDS), n=1, cutoff=0.7)
    return f"; did you mean {close[0]}?" if close else ""


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
