"""``python -m micrograd_studio [FILE | COMMAND ...]``: the same as ``micrograd-studio``."""

import sys

from micrograd_studio.launcher import main

if __name__ == "__main__":
    sys.exit(main(prog="python -m micrograd_studio"))
