"""Gradient check: agrees on every example, flags wrong gradients, headless command."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.files import fileio
from core.graph.errors import InvalidValueError, UnknownNodeError
from core.graph.model import GraphModel
from core.learn.gradcheck import gradient_check

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "resources" / "examples").glob("*.mgraph"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_agrees_on_every_example(path):
    m = fileio.load(path)
    res = gradient_check(m)
    leaves = [n for n in m.nodes() if m.op(n) == "leaf"]
    assert sorted(r.node for r in res.rows) == sorted(leaves)
    assert res.ok, [(r.node, r.analytic, r.numeric) for r in res.failures]
    for r in res.rows:
        assert r.rel_err < 1e-6 or r.abs_err < 1e-9


def test_flags_an_injected_wrong_gradient(monkeypatch):
    # Corrupt what the engine reports for b (as a wrong chain-rule step
    # would); the finite differences do not use the engine, so they catch it.
    from core.learn import gradcheck as module

    real = module.backward

    def wrong_backward(model, root=None):
        res = real(model, root)
        res.grads["b"] = -res.grads["b"]  # a sign slip, as in "local = a" vs "-a"
        return res

    monkeypatch.setattr(module, "backward", wrong_backward)
    res = gradient_check(fileio.load(EXAMPLES[2]))  # blog_L
    assert EXAMPLES[2].stem == "blog_L"
    assert not res.ok
    assert [r.node for r in res.failures] == ["b"]
    bad = res.failures[0]
    assert bad.analytic == 4.0 and bad.numeric == pytest.approx(-4.0, rel=1e-8)
    assert bad.abs_err == pytest.approx(8.0) and bad.rel_err == pytest.approx(2.0)


def test_flags_one_wrong_analytic_value_only():
    m = fileio.load(EXAMPLES[2])
    res = gradient_check(m, analytic={"a": 6.01})
    assert [r.node for r in res.failures] == ["a"]
    r = res.failures[0]
    assert r.abs_err == pytest.approx(0.01, rel=1e-6)
    assert r.rel_err == pytest.approx(0.01 / 6.01, rel=1e-6)


def test_selected_leaves_root_and_step():
    m = fileio.load(EXAMPLES[2])
    res = gradient_check(m, root="e", leaves=["b"], h=1e-3)
    assert [r.node for r in res.rows] == ["b"]
    assert res.rows[0].analytic == 2.0  # de/db = a
    assert res.rows[0].numeric == pytest.approx(2.0, rel=1e-9)  # exact up to rounding: e is linear in b
    # a leaf the root does not depend on: both sides 0
    res = gradient_check(m, root="e", leaves=["f"])
    assert res.rows[0].analytic == 0.0 and res.rows[0].numeric == 0.0 and res.ok
    with pytest.raises(InvalidValueError, match="'e' is a mul node"):
        gradient_check(m, leaves=["e"])
    with pytest.raises(UnknownNodeError):
        gradient_check(m, leaves=["nope"])
    with pytest.raises(InvalidValueError, match="positive"):
        gradient_check(m, h=0.0)


def test_kink_fails_honestly():
    m = GraphModel()
    m.add_node("leaf", "x", value=0.0)
    m.add_node("relu", "r")
    m.connect("x", "r", 0)
    res = gradient_check(m)
    assert res.rows[0].analytic == 0.0 and res.rows[0].numeric == pytest.approx(0.5)
    assert not res.ok


def run_cli(*args):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "gradcheck", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_cli_json_and_exit_codes(tmp_path):
    p = run_cli(str(EXAMPLES[2]), "--json", "--h", "1e-5")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["root"] == "L" and doc["ok"] is True and doc["h"] == 1e-5
    assert {d["id"]: d["analytic"] for d in doc["leaves"]} == {"a": 6.0, "b": -4.0, "c": -2.0, "f": 4.0}

    kink = GraphModel()
    kink.add_node("leaf", "x", value=0.0)
    kink.add_node("relu", "r")
    kink.connect("x", "r", 0)
    f = tmp_path / "kink.mgraph"
    fileio.save(kink, f)
    p = run_cli(str(f))
    assert p.returncode == 1 and "FAIL" in p.stdout and "FAILED: the gradient disagrees" in p.stdout

    for bad in (["--h", "-1"], ["--root", "zz"], ["--leaves", "e"]):
        p = run_cli(str(EXAMPLES[2]), *bad)
        assert p.returncode != 0
        assert p.stderr.startswith("error:") and len(p.stderr.strip().splitlines()) == 1, p.stderr
    p = run_cli(str(tmp_path / "missing.mgraph"))
    assert p.returncode == 1 and p.stderr.startswith("error:") and "Traceback" not in p.stderr


def test_large_values_step_and_rounding_noise():
    # x = 1e6: x + h is not x + 1e-6 exactly; the step used is the real one
    m = GraphModel()
    m.add_node("leaf", "x", value=1e6)
    m.add_node("pow", "p", exponent=2.0)
    m.connect("x", "p", 0)
    r = gradient_check(m).rows[0]
    assert r.analytic == 2e6 and r.rel_err < 1e-5 and r.ok and r.note == ""
    # a gradient too small for the finite difference to see next to a huge root
    m2 = GraphModel()
    m2.add_node("leaf", "w", value=1.0)
    m2.add_node("leaf", "c", value=1e-9)
    m2.add_node("mul", "wc")
    m2.connect("w", "wc", 0)
    m2.connect("c", "wc", 1)
    m2.add_node("leaf", "big", value=1e9)
    m2.add_node("add", "s")
    m2.connect("wc", "s", 0)
    m2.connect("big", "s", 1)
    row = gradient_check(m2, leaves=["w"], atol=0.0).rows[0]
    assert row.analytic == 1e-9 and row.numeric == 0.0  # below the resolution of f = 1e9
    assert row.ok and "rounding noise" in row.note
