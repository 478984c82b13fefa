"""micrograd-studio: build a computation graph and watch backprop run through it.

usage:
  python main.py [FILE]                 open the desktop app (on FILE, or the blog's L example)
  python main.py backward FILE [--root ID] [--json]
                                        values and gradients, headless (no Qt)
  python main.py COMMAND --help         help for a headless command

headless commands: {commands}
"""

from __future__ import annotations

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
    from gui.app import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
