"""core/ is plain Python: importing it (every module of every package) must
not import Qt, so the headless commands start fast and run without a display."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CODE = """
import importlib, pkgutil, sys
import core
names = sorted(m.name for m in pkgutil.walk_packages(core.__path__, "core."))
for name in names:
    importlib.import_module(name)
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"))
assert not qt, qt
print(len(names))
"""


def test_importing_every_core_module_does_not_import_qt():
    r = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert int(r.stdout) >= 30  # every module of every package: ops, engine, model, fileio, cli, ...


def test_the_check_would_see_qt():
    # The same check fails once something pulls Qt in, so it is not vacuous.
    code = CODE.replace("import core\n", "import core, PySide6.QtCore\n")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode != 0 and "PySide6" in r.stderr
