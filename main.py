"""micrograd-studio from a clone: ``python main.py [FILE | COMMAND ...]``.

The same as the installed ``micrograd-studio`` command; see
micrograd_studio/launcher.py (``python main.py --help``).
"""

from __future__ import annotations

import sys

from micrograd_studio.launcher import main as _main


def main(argv: list[str] | None = None) -> int:
    return _main(argv, prog="python main.py")


if __name__ == "__main__":
    sys.exit(main())
