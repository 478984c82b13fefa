"""Where the files the app ships (examples, the icon) are, found with
:mod:`importlib.resources` so they are found the same way in a clone and in an
installed wheel.

In a clone ``resources`` is a top-level package beside ``core``; in the wheel
it is ``micrograd_studio.resources`` beside ``micrograd_studio.core`` (see
tools/wheel_layout.py). This module's own name says which: whatever stands
before ``core.`` in it stands before ``resources`` too.
"""

from __future__ import annotations

import atexit
import contextlib
from importlib.resources import as_file, files
from pathlib import Path

#: "" from a clone, "micrograd_studio." in the wheel.
PREFIX = __name__[: -len("core.files.data")]
RESOURCES = PREFIX + "resources"

_extracted = contextlib.ExitStack()
atexit.register(_extracted.close)


def data_path(*parts: str) -> Path:
    """A file or folder under resources/ as a real path (extracted to a
    temporary folder only if the package is not on disk, e.g. in a zip)."""
    res = files(RESOURCES).joinpath(*parts)
    if isinstance(res, Path):
        return res
    return Path(_extracted.enter_context(as_file(res)))


def examples_dir() -> Path:
    """The folder of the built-in examples (``*.mgraph``)."""
    return data_path("examples")


def default_example() -> Path:
    """The blog post's ``L = (a*b + c) * f``, opened when no file is given."""
    return examples_dir() / "blog_L.mgraph"
