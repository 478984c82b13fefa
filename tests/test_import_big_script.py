"""Importing a big script stays quick: the MLP exported as Python (664
statements) froze a trial's window for 9–11 s (a black window when the app
was started on the script; the headless import took 0.5 s). The notes about
what the script skips took each statement's source with
``ast.get_source_segment``, which splits the whole text again per call:
quadratic in the script's length. Guarded by counting, not timing: the
text split by our ``segments`` a fixed number of times, whatever its
length, and the standard function never called."""

from __future__ import annotations

import ast

import pytest
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.cli.main import main as cli
from core.code import codenotes
from core.code.codenotes import read_notes, segments

TEXTS = [
    "a = Value(2.0)\nb = a * 3\n",
    "x = Value(1.0)\r\ny = (x +\r\n     2)\r\nprint(y)\r\n",
    "é = Value(1.0, label='é')\nβ = é * é  # ünïcode\nassert β.data == 1\n",
    "v = Value(\n    -4.0,\n    label='v',\n)\nw = v.tanh(); w.backward()\n",
    "o = Value(1)\rp = o + o\r",
    "a = 1\n\x0cb = a + 1\n",
]


@pytest.mark.parametrize("text", TEXTS)
def test_segments_are_the_standard_ones(text):
    seg = segments(text)
    for node in ast.walk(ast.parse(text)):
        if hasattr(node, "lineno"):
            assert seg(node) == ast.get_source_segment(text, node), ast.dump(node)


def _counted(monkeypatch) -> dict[str, int]:
    """Counts, from now on, of the text split into lines (a call of our
    ``codenotes.segments``) and of the standard ``ast.get_source_segment``,
    which splits the whole text again on each call."""
    counts = {"splits": 0, "standard": 0}
    ours, standard = codenotes.segments, ast.get_source_segment

    def split(text):
        counts["splits"] += 1
        return ours(text)

    def segment(*a, **k):
        counts["standard"] += 1
        return standard(*a, **k)

    monkeypatch.setattr(codenotes, "segments", split)
    monkeypatch.setattr(ast, "get_source_segment", segment)
    return counts


def _exported_mlp(tmp_path) -> str:
    mlp, script = tmp_path / "mlp.mgraph", tmp_path / "mlp.py"
    assert cli(["template", "mlp", "-o", str(mlp)]) == 0
    assert cli(["export", str(mlp), "--to", "python", "-o", str(script)]) == 0
    return str(script)


def test_the_notes_of_a_long_script_split_it_once(monkeypatch, tmp_path):
    text = open(_exported_mlp(tmp_path)).read()
    counts = _counted(monkeypatch)
    notes = read_notes(text)
    assert len(text.splitlines()) > 600 and notes.code
    # each statement's source read from the lines split once or twice, never per statement
    assert counts["standard"] == 0 and 1 <= counts["splits"] <= 2, counts


def test_the_exported_mlp_opens_in_the_window_whole(window, monkeypatch, tmp_path):
    script = _exported_mlp(tmp_path)
    counts = _counted(monkeypatch)
    assert window.open_dropped(script)  # (as dropping the file on the window, or opening it)
    assert len(list(window.model.nodes())) == 360
    assert counts["standard"] == 0 and 1 <= counts["splits"] < 10, counts
