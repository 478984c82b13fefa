"""``python main.py backward FILE [--root ID] [--json]``, run as a user runs
it (a subprocess), exactly per the spec: JSON shape, order, gradients,
strict JSON for inf/nan, exit codes and single ``error:`` lines."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "resources" / "examples"


def run(*args, cwd=ROOT, env=None):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def backward_json(*args) -> dict:
    r = run("backward", *args, "--json")
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    return json.loads(r.stdout, parse_constant=lambda c: pytest.fail(f"{c} is not strict JSON"))


def assert_error(r, *words, code=None):
    assert r.returncode != 0 if code is None else r.returncode == code
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in r.stderr and r.stdout == ""
    for w in words:
        assert w in lines[0], (w, lines[0])


def write(tmp_path, nodes, edges, name="g.mgraph", **graph):
    doc = {
        "directed": True,
        "multigraph": True,
        "graph": {"format": "micrograd-studio", "version": 1, **graph},
        "nodes": [{"id": i, "op": op, **kw} for i, op, kw in nodes],
        "edges": [{"source": s, "target": t, "port": p} for s, t, p in edges],
    }
    p = tmp_path / name
    p.write_text(json.dumps(doc), encoding="utf-8")
    return p


def assert_reverse_topological(order, edges, root):
    pos = {n: i for i, n in enumerate(order)}
    assert order[0] == root and len(pos) == len(order)
    for s, t in edges:
        if t in pos:
            assert s in pos and pos[s] > pos[t], (s, t)


# -------------------------------------------------------------- JSON output
def test_blog_example_json():
    doc = backward_json(EXAMPLES / "blog_L.mgraph")
    assert set(doc) == {"root", "order", "nodes"}
    assert doc["root"] == "L"
    assert set(doc["nodes"]) == {"a", "b", "c", "d", "e", "f", "L"}
    for d in doc["nodes"].values():
        assert set(d) == {"op", "label", "value", "grad"}
    grads = {n: d["grad"] for n, d in doc["nodes"].items()}
    assert grads == {"a": 6.0, "b": -4.0, "c": -2.0, "d": -2.0, "e": -2.0, "f": 4.0, "L": 1.0}
    assert doc["nodes"]["L"] == {"op": "mul", "label": "L", "value": -8.0, "grad": 1.0}
    assert doc["nodes"]["a"] == {"op": "leaf", "label": "a", "value": 2.0, "grad": 6.0}
    edges = [("a", "e"), ("b", "e"), ("e", "d"), ("c", "d"), ("d", "L"), ("f", "L")]
    assert sorted(doc["order"]) == sorted(doc["nodes"])
    assert_reverse_topological(doc["order"], edges, "L")


def test_neuron_examples_json():
    for name in ("neuron_tanh", "neuron_exp"):
        g = {n: d["grad"] for n, d in backward_json(EXAMPLES / f"{name}.mgraph")["nodes"].items()}
        assert g["x1"] == pytest.approx(-1.5, rel=1e-12)
        assert g["w1"] == pytest.approx(1.0, rel=1e-12)
        assert g["x2"] == pytest.approx(0.5, rel=1e-12)
        assert g["w2"] == 0.0


def test_accumulation_examples_json():
    doc = backward_json(EXAMPLES / "accumulate_a_plus_a.mgraph")
    assert doc["nodes"]["a"]["grad"] == 2.0
    doc = backward_json(EXAMPLES / "accumulate_shared.mgraph")
    assert doc["nodes"]["f"]["value"] == -6.0
    assert (doc["nodes"]["a"]["grad"], doc["nodes"]["b"]["grad"]) == (-3.0, -8.0)


def test_root_option_limits_the_pass_to_the_roots_past():
    doc = backward_json(EXAMPLES / "blog_L.mgraph", "--root", "d")
    assert doc["root"] == "d"
    assert sorted(doc["order"]) == ["a", "b", "c", "d", "e"]
    assert doc["nodes"]["L"]["grad"] == 0.0 and doc["nodes"]["f"]["grad"] == 0.0
    assert doc["nodes"]["L"]["value"] == -8.0  # every node is still listed with its value
    assert (doc["nodes"]["a"]["grad"], doc["nodes"]["c"]["grad"]) == (-3.0, 1.0)


def test_unlabelled_nodes_and_the_output_rule(tmp_path):
    p = write(
        tmp_path,
        [("x", "leaf", {"value": 3.0}), ("sq", "pow", {"exponent": 2.0}), ("spare", "leaf", {"value": 1.0})],
        [("x", "sq", 0)],
        output="sq",
    )
    doc = backward_json(p)  # two sinks, but the graph names its output
    assert doc["root"] == "sq" and doc["order"] == ["sq", "x"]
    assert doc["nodes"]["sq"]["label"] == "sq" and doc["nodes"]["sq"]["value"] == 9.0
    assert doc["nodes"]["x"]["grad"] == 6.0 and doc["nodes"]["spare"]["grad"] == 0.0


def test_nonfinite_numbers_are_strings(tmp_path):
    p = write(
        tmp_path,
        [("z", "leaf", {"value": 0.0}), ("lz", "log", {}), ("q", "div", {}), ("s", "add", {})],
        [("z", "lz", 0), ("z", "q", 0), ("z", "q", 1), ("lz", "s", 0), ("q", "s", 1)],
    )
    doc = backward_json(p)
    n = doc["nodes"]
    assert n["lz"]["value"] == "-inf"  # log(0)
    assert n["q"]["value"] == "nan"  # 0/0
    assert n["s"]["value"] == "nan"
    assert n["lz"]["grad"] == 1.0 and n["q"]["grad"] == 1.0
    assert n["z"]["grad"] == "nan"  # 1/0 + 1/0 + (-(0/0)/0) = nan
    p = write(
        tmp_path,
        [("a", "leaf", {"value": 1.0}), ("z", "leaf", {"value": 0.0}), ("q", "div", {})],
        [("a", "q", 0), ("z", "q", 1)],
        name="h.mgraph",
    )
    n = backward_json(p)["nodes"]
    assert (n["q"]["value"], n["a"]["grad"], n["z"]["grad"]) == ("inf", "inf", "-inf")


def test_table_output():
    r = run("backward", EXAMPLES / "blog_L.mgraph")
    assert r.returncode == 0 and r.stderr == ""
    lines = r.stdout.splitlines()
    assert "'L'" in lines[0]
    assert lines[1].split() == ["id", "op", "label", "value", "grad"]
    rows = {ln.split()[0]: ln.split() for ln in lines[3:]}
    assert rows["a"] == ["a", "leaf", "a", "2.0", "6.0"]
    assert rows["L"] == ["L", "mul", "L", "-8.0", "1.0"]
    assert len(rows) == 7


# ------------------------------------------------------------------ errors
def test_several_sinks_are_listed(tmp_path):
    p = write(
        tmp_path,
        [("a", "leaf", {"value": 1.0}), ("n1", "neg", {}), ("n2", "exp", {})],
        [("a", "n1", 0), ("a", "n2", 0)],
    )
    assert_error(run("backward", p, "--json"), str(p), "n1", "n2", "--root", code=1)


def test_unknown_root(tmp_path):
    assert_error(run("backward", EXAMPLES / "blog_L.mgraph", "--root", "zz"), "'zz'", "blog_L")


def test_incomplete_file_names_node_and_port(tmp_path):
    p = write(tmp_path, [("a", "leaf", {"value": 1.0}), ("m", "mul", {})], [("a", "m", 0)])
    assert_error(run("backward", p, "--json"), str(p), "'m'", "port 1")


def test_an_incomplete_node_aside_says_why_root_does_not_help(tmp_path):
    """Trial 66 #6: a scratch node lying aside, and ``--root`` a node clear of
    it: still an error (the spec), which now says why the root cannot help."""
    nodes = [("a", "leaf", {"value": 2.0}), ("t", "tanh", {}), ("lonely", "pow", {"exponent": 2.0})]
    p = write(tmp_path, nodes, [("a", "t", 0)])
    r = run("backward", p, "--root", "t", "--json")
    assert_error(r, "'lonely'", "port 0", "whatever --root", "connect that port or delete the node")


@pytest.mark.parametrize(
    "text, words",
    [
        ("{not json", ["not valid JSON"]),
        ('{"graph": {"format": "micrograd-studio", "version": 7}}', ["version 7", "version 1"]),
        (
            '{"graph": {"format": "micrograd-studio", "version": 1}, "nodes": [{"id": "a", "op": "leaf"}]}',
            ["node 'a'", "value"],
        ),
        (
            '{"graph": {"format": "micrograd-studio", "version": 1}, "nodes": [{"id": "a", "op": '
            '"leaf", "value": 1}, {"id": "n", "op": "neg"}], "edges": [{"source": "a", "target": '
            '"n", "port": 3}]}',
            ["the 1st edge", "port 3"],
        ),
    ],
)
def test_invalid_files(tmp_path, text, words):
    p = tmp_path / "bad.mgraph"
    p.write_text(text)
    assert_error(run("backward", p, "--json"), str(p), *words, code=1)


def test_missing_file_and_usage_errors(tmp_path):
    assert_error(run("backward", tmp_path / "none.mgraph"), "none.mgraph", "no such file", code=1)
    assert_error(run("backward"), "FILE", code=2)
    assert_error(run("backward", EXAMPLES / "blog_L.mgraph", "--frobnicate"), "--frobnicate", code=2)


def test_headless_command_does_not_import_qt():
    code = (
        "import sys, io, contextlib\n"
        "import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    rc = main.main(['backward', {str(EXAMPLES / 'blog_L.mgraph')!r}, '--json'])\n"
        "assert rc == 0, rc\n"
        'assert \'"root": "L"\' in out.getvalue()\n'
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken')))\n"
        "assert not qt, qt\n"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr


def test_an_unknown_command_or_a_missing_file_is_an_error_line_not_a_window(tmp_path):
    """Issue 11, bug 13: `main.py forward` tried to open "forward" in the GUI
    (then an unknown command; a real one since issue 12)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    for args, code, text in (
        (["jacobian", "g.mgraph"], 2, "error: unknown command 'jacobian'"),
        # forward is a command since issue 12: its own usage error, still no window
        (["forward", "g.mgraph"], 2, "error: the following arguments are required: --wrt"),
        ([str(tmp_path / "missing.mgraph")], 1, f"error: {tmp_path / 'missing.mgraph'}: no such file"),
    ):
        r = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), *args],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
        assert r.returncode == code, r.stderr
        assert r.stderr.startswith(text) and r.stderr.count("\n") == 1
        assert "Traceback" not in r.stderr
