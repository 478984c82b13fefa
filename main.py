"""micrograd-studio: ``python main.py [FILE]`` opens the app; ``python main.py
backward FILE [--root ID] [--json]`` (and the other headless commands) run
without Qt."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from core import cli

    cli._load_plugins()
    if argv and argv[0] in cli.COMMANDS:
        return cli.main(argv)
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    from gui.app import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
