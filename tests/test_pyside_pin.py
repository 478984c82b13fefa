"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a
method that returns nothing; after ~10^4 calls the process dies with "Fatal
Python error: none_dealloc". pyproject.toml pins PySide6 below 6.12; this
test makes a future bump that brings the bug back fail loudly."""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CODE = """
import os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QGraphicsRectItem
app = QApplication([])
obj = QObject()
item = QGraphicsRectItem(0, 0, 10, 10)
for i in range(200_000):
    obj.setObjectName("n")       # returns None
    item.setPos(i % 7, 1.0)      # returns None
print("ok", item.pos().x())
"""


def test_200k_calls_of_methods_returning_none_do_not_crash():
    r = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.split() == ["ok", str(float(199_999 % 7))]


def test_pyside_is_pinned_below_6_12():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pyside = [d for d in deps if d.lower().startswith("pyside6")]
    assert pyside and all("<6.12" in d.replace(" ", "") for d in pyside), pyside
    import PySide6

    assert PySide6.__version_info__[:2] < (6, 12)
