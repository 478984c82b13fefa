"""A pass's order survives saving and opening again (trial 52 #10): the
teacher's Order list, the steps' sums and ``backward --json`` read the same
after a reopen as in the session that made the graph. A file that lists its
nodes inputs first keeps that order; one that does not is ordered by Kahn
as before (either way each node after all of its inputs)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.code.codeadd import import_code
from core.files import fileio, opening
from core.graph.backward import backward
from core.graph.topology import file_order, file_order_numbered, kahn_order, kahn_order_numbered

ROOT = Path(__file__).resolve().parents[1]
G = "x = Value(0.5)\ny = Value(2.0)\ng = (x*y).tanh() + x.exp()/y\n"


@pytest.mark.parametrize("load", [fileio.load, lambda p: opening.load_file(p)[0]], ids=["checked", "quick"])
def test_an_imported_graph_saved_and_opened_again_keeps_its_passs_order_and_numbers(tmp_path, load):
    m, _ = import_code(G)
    was = backward(m)
    path = tmp_path / "g.mgraph"
    fileio.save(m, str(path))
    again = backward(load(str(path)))
    assert again.order == was.order == ["g", "div1", "exp1", "tanh1", "mul1", "y", "x"]
    assert list(map(repr, again.grads.values())) == list(map(repr, was.grads.values()))  # (bit for bit)
    out = subprocess.run(
        [sys.executable, "main.py", "backward", str(path), "--json"], capture_output=True, text=True, cwd=ROOT
    )
    assert json.loads(out.stdout)["order"] == was.order


def test_a_file_not_listed_inputs_first_is_ordered_by_kahn_as_before():
    listed = {"a": [], "m": ["a", "b"], "b": [], "t": ["m"]}  # m before its input b
    assert file_order(listed) == kahn_order(listed) == (["a", "b", "m", "t"], [])
    first = {"a": [], "b": [], "m": ["a", "b"], "e": ["a"], "t": ["m"]}
    assert file_order(first) == (["a", "b", "m", "e", "t"], [])  # (Kahn: a, b, e, m, t)
    assert kahn_order(first)[0] == ["a", "b", "e", "m", "t"]
    # numbered: node i fed by src0[i], src1[i] (-1: none)
    assert file_order_numbered([-1, -1, 0, 0, 2], [-1, -1, 1, -1, -1]) == [0, 1, 2, 3, 4]
    assert (
        file_order_numbered([-1, 2, -1], [-1, 0, -1])
        == kahn_order_numbered([-1, 2, -1], [-1, 0, -1])
        == [0, 2, 1]
    )
