"""The name a text tells the user to type for a headless command: ``python
main.py`` in a clone, ``micrograd-studio-cli`` installed (a trial: an
installed app, its exported script and its User Guide all said ``python
main.py``, where there is no main.py).

The launcher says how the program was started (:func:`started_as`); until
it does (the Python API, a test), a main.py beside the code says a clone.
"""

from __future__ import annotations

from pathlib import Path

#: The installed console script (the GUI script ``micrograd-studio`` has no
#: console on Windows: a headless command is given with this one).
CLI = "micrograd-studio-cli"
#: In a clone.
CLONE = "python main.py"

_started_as: str | None = None


def started_as(prog: str) -> None:
    """The program was started as ``prog`` ("python main.py",
    "micrograd-studio", "micrograd-studio-cli", "python -m micrograd_studio")."""
    global _started_as
    _started_as = CLI if prog == "micrograd-studio" else prog


def command() -> str:
    """What a user types to run a headless command, e.g. ``micrograd-studio-cli``
    (``f"{command()} backward FILE"``)."""
    if _started_as is not None:
        return _started_as
    return CLONE if (Path(__file__).resolve().parents[2] / "main.py").is_file() else CLI
