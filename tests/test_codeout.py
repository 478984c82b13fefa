"""Code out: Python script, PyTorch code and Graphviz DOT (core.code.codeout)."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.autograd import ops
from core.code.codeadd import import_code
from core.code.codeout import ExportError, to_dot, to_python, to_torch, variable_names
from core.files import fileio
from core.graph.backward import backward
from core.graph.model import GraphModel

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "resources" / "examples").glob("*.mgraph"))
HAS_TORCH = importlib.util.find_spec("torch") is not None


def run_script(path: Path) -> subprocess.CompletedProcess:
    """Run an exported script the documented way: the repo on PYTHONPATH, from elsewhere."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, str(path)], cwd=path.parent, env=env, capture_output=True, text=True, timeout=120
    )


def same_graph(m1: GraphModel, m2: GraphModel) -> bool:
    """Same ops, values, exponents, labels and wiring (ids and positions may differ)."""

    def node_match(a, b):
        return all(a.get(k) == b.get(k) for k in ("op", "value", "exponent")) and (a.get("label") or "") == (
            b.get("label") or ""
        )

    def edge_match(e1, e2):  # all parallel edges between two nodes, compared by port
        return sorted(d["port"] for d in e1.values()) == sorted(d["port"] for d in e2.values())

    return nx.is_isomorphic(m1.graph, m2.graph, node_match=node_match, edge_match=edge_match)


def labelled(model: GraphModel) -> GraphModel:
    """Nodes without a label show their id; make that explicit for comparing."""
    for n in model.nodes():
        if not model.node(n).get("label"):
            model.set_label(n, n)
    return model


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_python_round_trip_of_every_example(path, tmp_path):
    model = fileio.load(path)
    script = tmp_path / f"{path.stem}.py"
    script.write_text(to_python(model), encoding="utf-8")
    done = run_script(script)
    assert done.returncode == 0, done.stderr
    assert "assert" in script.read_text()
    # it says what it checked: each gradient, then a summary line
    lines = done.stdout.splitlines()
    assert len(lines) == len(model) + 1 and lines[-1] == f"all {len(model)} gradients match"
    grads = backward(model).grads
    names = variable_names(model)
    printed = dict(line.split(".grad = ") for line in lines[:-1])
    assert {names[n]: float(printed[names[n]]) for n in model.nodes()} == pytest.approx(
        {names[n]: grads[n] for n in model.nodes()}, rel=1e-12, abs=1e-300
    )
    back, plan = import_code(script.read_text(encoding="utf-8"))
    assert plan.needs_value == []
    assert same_graph(labelled(model), back)
    assert back.label(back.output) == model.label(model.output)
    r1, r2 = backward(model), backward(back)
    assert sorted((model.label(n), r1.grads[n]) for n in model.nodes()) == sorted(
        (back.label(n), r2.grads[n]) for n in back.nodes()
    )


def test_exported_script_fails_when_a_gradient_is_wrong(tmp_path):
    model = fileio.load(ROOT / "resources" / "examples" / "blog_L.mgraph")
    text = to_python(model)
    assert "assert abs(a.grad - (6.0)) <= 1e-09" in text
    script = tmp_path / "bad.py"
    script.write_text(text.replace("a.grad - (6.0)", "a.grad - (6.5)"))
    done = run_script(script)
    assert done.returncode != 0 and "AssertionError" in done.stderr


def test_script_checks_every_node_and_uses_this_projects_value():
    model = fileio.load(ROOT / "resources" / "examples" / "neuron_exp.mgraph")
    text = to_python(model)
    assert "from micrograd_studio import Value" in text
    names = variable_names(model)
    for n in model.nodes():
        assert f"assert abs({names[n]}.grad - " in text


def test_an_inline_negative_zero_computes_as_the_app_does():
    """A constant -0.0 is written ``-0.0`` in the script, not ``-0`` (its
    label): Python reads ``-0`` as the integer 0, so ``x / -0`` ran with +0
    and the script failed its own assert (x.grad inf, the app's -inf)."""
    m, _ = import_code("y = x / -0.0 + x * -0\nx = 3.0")
    assert sorted(m.label(n) for n in m.nodes() if m.node(n).get("trainable") is False) == ["-0", "-0"]
    text = to_python(m)
    scope: dict = {"__name__": "__main__"}
    exec(compile(text, "exported.py", "exec"), scope)  # its asserts hold
    result = backward(m)
    for n, v in variable_names(m).items():  # bit for bit, the sign of a zero too
        assert repr(scope[v].data) == repr(result.values[n]) and repr(scope[v].grad) == repr(result.grads[n])
    back, _ = import_code(text)
    assert same_graph(labelled(m), back)  # read back: the same constants, labelled "-0"


def test_awkward_labels_become_valid_unique_names_and_survive(tmp_path):
    m = GraphModel()
    a = m.add_node("leaf", "n1", label="class", value=1.5)
    b = m.add_node("leaf", "n2", label="class", value=-2.0)
    c = m.add_node("leaf", "n3", label="2", value=2.0)
    d = m.add_node("leaf", "n4", label="Value", value=0.25)
    e = m.add_node("mul", "n5", label="x*w (weird 'label')")
    f = m.add_node("add", "exp", label="exp")
    g = m.add_node("pow", "n7", label="out", exponent=-1.5)
    h = m.add_node("sub", "n8", label="sub")
    for s, t, p in [(a, e, 0), (b, e, 1), (e, f, 0), (c, f, 1), (f, g, 0), (g, h, 0), (d, h, 1)]:
        m.connect(s, t, p)
    names = variable_names(m)
    assert len(set(names.values())) == len(names)
    assert all(v.isidentifier() and v not in ("class", "Value", "exp") for v in names.values())
    script = tmp_path / "awkward.py"
    script.write_text(to_python(m))
    done = run_script(script)
    assert done.returncode == 0, done.stderr
    back, _ = import_code(script.read_text())
    assert same_graph(m, back)


def test_nonfinite_gradients_are_checked_too(tmp_path):
    m, _ = import_code("y = log(a) * b + c / d\na = 0.0\nb = 0.0\nc = 1.0\nd = 0.0")
    grads = backward(m).grads
    assert any(g != g for g in grads.values()) and any(abs(g) == float("inf") for g in grads.values())
    script = tmp_path / "nonfinite.py"
    script.write_text(to_python(m))
    done = run_script(script)
    assert done.returncode == 0, done.stderr


def test_incomplete_or_empty_graph_is_refused_with_the_node():
    m = GraphModel()
    m.add_node("leaf", "a", value=1.0)
    m.add_node("mul", "prod")
    m.connect("a", "prod", 0)
    for export in (to_python, to_torch):
        with pytest.raises(ExportError, match="'prod'.*port 1"):
            export(m)
        with pytest.raises(ExportError, match="empty"):
            export(GraphModel())


def test_root_can_be_chosen():
    m, _ = import_code("y = a * b\nz = a + b\na = 2.0\nb = 5.0")
    m.set_output(None)
    with pytest.raises(ExportError, match="several sinks"):
        to_python(m)
    text = to_python(m, root=next(n for n in m.nodes() if m.label(n) == "z"))
    assert "z.backward()" in text and "assert abs(a.grad - (1.0))" in text


# ------------------------------------------------------------------ PyTorch
def torch_grads(text: str, tmp_path: Path) -> dict[str, float]:
    script = tmp_path / "torch_export.py"
    script.write_text(text)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    out = {}
    for line in done.stdout.splitlines():
        name, value = re.fullmatch(r"(\S+)\.grad = (\S+)", line).groups()  # x·w1 is a Python name
        out[name] = float(value)
    return out


def test_torch_code_shape():
    model = fileio.load(ROOT / "resources" / "examples" / "neuron_tanh.mgraph")
    text = to_torch(model)
    compile(text, "torch_export.py", "exec")
    assert "dtype=torch.float64" in text and "requires_grad=True" in text
    ops_ = [n for n in model.nodes() if model.op(n) != "leaf"]
    assert text.count(".retain_grad()") == len(ops_)
    assert "o.backward()" in text and "torch.tanh(n)" in text
    assert text.count("print(") == len(model)


@pytest.mark.skipif(not HAS_TORCH, reason="PyTorch is not installed")
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_torch_code_prints_the_apps_gradients(path, tmp_path):
    model = fileio.load(path)
    got = torch_grads(to_torch(model), tmp_path)
    names = variable_names(model)
    grads = backward(model).grads
    assert set(got) == set(names.values())
    for n, v in names.items():
        assert got[v] == pytest.approx(grads[n], rel=1e-9, abs=1e-9), v


@pytest.mark.skipif(not HAS_TORCH, reason="PyTorch is not installed")
def test_torch_code_for_every_operator(tmp_path):
    model, _ = import_code(
        "y = relu(x)**2 / (1 + exp(-z)) - sigmoid(x*z).log() + tanh(-x)**0\nx = 0.7\nz = -1.3"
    )
    got = torch_grads(to_torch(model), tmp_path)
    names = variable_names(model)
    grads = backward(model).grads
    for n, v in names.items():
        assert got[v] == pytest.approx(grads[n], rel=1e-9, abs=1e-12), v


# ------------------------------------------------------------------ DOT
def test_dot_in_draw_dot_style_with_one_edge_per_use():
    model = fileio.load(ROOT / "resources" / "examples" / "accumulate_a_plus_a.mgraph")
    dot = to_dot(model)
    assert dot.startswith("//") and "digraph" in dot and "rankdir=LR" in dot
    assert '"n:a" [label="{ a | data 3.0000 | grad 2.0000 }"];' in dot
    assert '"n:b" [label="{ b | data 6.0000 | grad 1.0000 }"];' in dot
    assert '"op:b" [label="+", shape=ellipse];' in dot
    assert dot.count('"n:a" -> "op:b";') == 2
    assert dot.count('"op:b" -> "n:b";') == 1


def test_dot_counts_for_the_blog_graph():
    model = fileio.load(ROOT / "resources" / "examples" / "blog_L.mgraph")
    dot = to_dot(model)
    records = re.findall(r'^  "n:[^"]+" \[label="\{', dot, re.M)
    op_nodes = re.findall(r'^  "op:[^"]+" \[label=', dot, re.M)
    edges = re.findall(r"->", dot)
    n_ops = sum(model.op(n) != "leaf" for n in model.nodes())
    assert len(records) == len(model) and len(op_nodes) == n_ops
    assert len(edges) == len(model.edges()) + n_ops
    assert "{ L | data -8.0000 | grad 1.0000 }" in dot and "{ a | data 2.0000 | grad 6.0000 }" in dot


def test_dot_escapes_labels_and_marks_operand_order():
    m, _ = import_code('y = a - b\ny.label = "{x|<y>} \\"q\\""\na = 1.0\nb = 2.0')
    dot = to_dot(m)
    assert r"\{x\|\<y\>\} \"q\"" in dot
    assert '[label="+"]' in dot and '[label="−"]' in dot


def test_dot_of_an_incomplete_graph_shows_question_marks():
    m = GraphModel()
    m.add_node("leaf", "a", value=1.0)
    m.add_node("mul", "p")
    m.connect("a", "p", 0)
    dot = to_dot(m)
    assert "{ p | data ? | grad ? }" in dot and "{ a | data 1.0000 | grad ? }" in dot


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_graphviz_accepts_the_dot(path, tmp_path):
    dot = to_dot(fileio.load(path))
    done = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "<svg" in done.stdout


# ------------------------------------------- random graphs, exported and read back

LABELS = st.one_of(
    st.none(), st.sampled_from(["a", "b", "x1*w1", "2", "class", "Value", "exp", "o", "e - 1", "über", "L"])
)
FINITE = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6)


@st.composite
def random_models(draw) -> GraphModel:
    m = GraphModel()
    n_leaves = draw(st.integers(1, 4))
    ids = []
    for i in range(n_leaves):
        ids.append(m.add_node("leaf", f"v{i}", label=draw(LABELS), value=draw(FINITE)))
    for i in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from([o for o in ops.OPS if o != "leaf"]))
        kw = {"exponent": draw(st.sampled_from([0.0, 1.0, 2.0, -1.0, 0.5, 3.0, -2.5]))} if op == "pow" else {}
        nid = m.add_node(op, f"n{i}", label=draw(LABELS), **kw)
        for p in range(ops.arity(op)):
            m.connect(draw(st.sampled_from(ids)), nid, p)
        ids.append(nid)
    m.set_output(ids[-1])
    return m


@settings(max_examples=60, deadline=None)
@given(random_models())
def test_random_graphs_export_run_and_read_back(m):
    text = to_python(m)
    exec(compile(text, "exported.py", "exec"), {"__name__": "__main__"})  # its asserts hold
    back, plan = import_code(text)
    assert plan.needs_value == []
    assert same_graph(labelled(m), back)
    assert back.label(back.output) == m.label(m.output)


def test_the_script_adds_gradients_up_in_the_apps_order_to_the_last_bit():
    """A review: written in the Code panel's order, a gradient summed over
    several uses added up in another order than the app's and rounded
    otherwise (a.grad 291099117.24587417 against the app's
    291099117.2458742), failing the script's own check. The export keeps
    the file's order: every value and gradient equal, bit for bit."""
    m = GraphModel()
    m.add_node("leaf", "a", value=20.0)
    m.add_node("exp", "e")
    m.connect("a", "e", 0)
    for k in (3, 1, 2):  # e*0.3 first in the file
        m.add_node("leaf", f"c{k}", value=k / 10)
        m.add_node("mul", f"m{k}")
        m.connect("e", f"m{k}", 0)
        m.connect(f"c{k}", f"m{k}", 1)
    m.add_node("add", "s")
    m.connect("m1", "s", 0)
    m.connect("m2", "s", 1)
    m.add_node("add", "y")
    m.connect("s", "y", 0)
    m.connect("m3", "y", 1)
    m.set_output("y")
    scope: dict = {"__name__": "__main__"}
    exec(compile(to_python(m), "exported.py", "exec"), scope)
    result = backward(m)
    for n, v in variable_names(m).items():
        assert repr(scope[v].data) == repr(result.values[n]), n
        assert repr(scope[v].grad) == repr(result.grads[n]), n
