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
    from gui.app import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
