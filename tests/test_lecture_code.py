"""An MLP made by Insert MLP exported as the lecture's code (core/learn/lecture_code.py):
the script runs, its loss and every gradient are the app's to the last bit, the
weights it writes are the graph's, and a graph that is not such an MLP (any more)
is refused with what differs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from window_helpers import Button, action, answers, trigger, window  # noqa: F401

from core.graph.backward import backward
from core.graph.errors import GraphError
from core.graph.model import GraphModel
from core.learn import templates
from core.learn.lecture_code import ExportError, to_lecture
from gui.code.codetools import CodeTools

ROOT = Path(__file__).resolve().parents[1]
EX = ROOT / "resources" / "examples"


def made(t: templates.Template) -> GraphModel:
    m = GraphModel()
    templates.insert(m, templates.placed(t, m))
    m.set_output(next(n for n in m.nodes() if m.label(n) == "loss"))
    return m


def run(code: str, cwd: Path, exact: bool = False) -> subprocess.CompletedProcess:
    """The exported script run as a user runs it (``exact``: its asserts with no tolerance)."""
    if exact:
        code = code.replace("<= 1e-09", "<= 0.0")
        assert code.count("<= 0.0") == 2
    path = cwd / "lecture.py"
    path.write_text(code)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, str(path)], env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("one_point", [False, True])
def test_the_template_exported_headless_runs_with_the_apps_numbers_to_the_last_bit(tmp_path, one_point):
    graph, code = tmp_path / "mlp.mgraph", tmp_path / "mlp_lecture.py"
    cli = [sys.executable, str(ROOT / "main.py")]
    made_ = subprocess.run(
        [*cli, "template", "mlp", *(["--one-point"] if one_point else []), "-o", str(graph)],
        capture_output=True,
        text=True,
    )
    assert made_.returncode == 0, made_.stderr
    out = subprocess.run(
        [*cli, "export", "--to", "lecture", str(graph), "-o", str(code)], capture_output=True
    )
    assert out.returncode == 0, out.stderr
    text = code.read_text()
    assert "class Neuron:" in text and "n = MLP(3, [4, 4, 1])" in text
    assert "loss = sum((yout - ygt) ** 2 for ygt, yout in zip(ys, ypred))" in text
    done = run(text, tmp_path, exact=True)
    assert done.returncode == 0, done.stderr
    assert "the loss and all 41 gradients match" in done.stdout


def test_the_code_carries_the_graphs_weights_and_data_and_the_gradients_are_right(tmp_path):
    m = made(templates.mlp())
    w = next(n for n in m.nodes() if m.label(n) == "w2.3.4")
    m.set_value(w, 0.125)  # a weight edited by hand: written as it is now
    x = next(n for n in m.nodes() if m.label(n) == "x2[3]")
    m.set_value(x, -2.5)
    code = to_lecture(m)
    assert "    0.125,\n" in code and "[0.5, -2.5, 1.0]," in code
    done = run(code, tmp_path, exact=True)
    assert done.returncode == 0, done.stderr
    # the gradients the script checks, against finite differences of the graph's loss
    ns: dict = {}
    exec(code.split("ypred = ")[0], ns)  # the classes, the weights and the data only
    expected = code.split("expected_grads = [\n")[1].split("]")[0].split(",\n")
    params = ns["n"].parameters()
    res = backward(m, "loss")
    for i in (0, 17, 40):  # w1.1.1, a layer-2 weight, the last bias
        p = next(n for n in m.nodes() if m.op(n) == "leaf" and m.value(n) == params[i].data)
        v, h = m.value(p), 1e-6
        m.set_value(p, v + h)
        up = m.value("loss")
        m.set_value(p, v - h)
        down = m.value("loss")
        m.set_value(p, v)
        assert float(expected[i]) == res.grads[p]
        assert abs((up - down) / (2 * h) - res.grads[p]) <= 1e-6 * max(1.0, abs(res.grads[p]))


def test_relu_neurons_are_written_as_relu(tmp_path):
    m = made(templates.mlp(2, [3, 1], [[1.0, -2.0], [0.5, 0.25]], [1.0, -1.0], activation="relu", seed=3))
    code = to_lecture(m)
    assert "out = act.relu()" in code and "n = MLP(2, [3, 1])" in code
    done = run(code, tmp_path, exact=True)
    assert done.returncode == 0, done.stderr
    assert "all 13 gradients match" in done.stdout


@pytest.mark.parametrize(
    "edit, says",
    [
        ("rewire", "the inputs of 'n1.1.1[1]'"),
        ("delete", "nodes where MLP(3, [4, 4, 1])"),
        ("op", "'h2.1[2]' is a relu node, not tanh"),
        ("label", "two nodes are labelled 'b1.1'"),
    ],
)
def test_a_graph_edited_into_something_else_is_refused_with_what_differs(edit, says):
    m = made(templates.mlp())
    of = {m.label(n): n for n in m.nodes()}
    if edit == "rewire":  # w1.1.1·x1[1] now sums w1.1.2·x2[1]'s input
        t = of["n1.1.1[1]"]
        m.disconnect(t, 1)
        m.connect(of["w1.1.2·x2[1]"], t, 1)
    elif edit == "delete":
        m.remove_node(of["y[4]"])
        m.add_node("leaf", "stray", value=1.0)
    elif edit == "op":
        h = of["h2.1[2]"]
        m.add_node("relu", "r")
        m.connect(m.inputs(h)[0], "r", 0)
        for t, p in m.consumers(h):
            m.disconnect(t, p)
            m.connect("r", t, p)
        m.remove_node(h)
        m.set_label("r", "h2.1[2]")
    else:
        m.set_label(of["b1.2"], "b1.1")
    with pytest.raises(ExportError) as e:
        to_lecture(m)
    assert says in str(e.value) and "Insert MLP" in str(e.value)
    assert isinstance(e.value, GraphError)


def test_the_headless_export_of_another_graph_says_what_it_is_for(tmp_path):
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "export", "--to", "lecture", str(EX / "neuron_tanh.mgraph")],
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "no weights w1.1.1" in done.stderr and "Insert MLP" in done.stderr


@pytest.fixture
def export_to(monkeypatch):
    chosen: dict = {"errors": []}
    errors = chosen["errors"]
    monkeypatch.setattr(CodeTools, "ask_export_path", lambda self, kind, suggested, f: chosen.get("path", ""))
    monkeypatch.setattr(CodeTools, "show_error", lambda self, title, msg: errors.append((title, msg)))
    return chosen


def test_file_export_lecture_mlp_code_after_insert_mlp(qtbot, window, answers, export_to, tmp_path):
    w = window
    w.learning.insert(templates.mlp())
    QApplication.processEvents()
    export_to["path"] = str(tmp_path / "class")  # no suffix typed: .py is added
    trigger(w, "export_lecture")
    out = tmp_path / "class.py"
    assert out.exists() and "Exported" in w.status_text() and export_to["errors"] == []
    done = run(out.read_text(), tmp_path, exact=True)
    assert done.returncode == 0, done.stderr
    # on a graph that is no MLP: nothing written, and why
    answers.save_changes = Button.Discard
    assert w.open_path(EX / "neuron_tanh.mgraph")
    QApplication.processEvents()
    export_to["path"] = str(tmp_path / "neuron.py")
    assert not action(w, "export_lecture").isEnabled()  # (greyed out: tests/test_lecture_export_entry.py)
    w.code_tools.export("lecture")
    assert not (tmp_path / "neuron.py").exists()
    ((title, msg),) = export_to["errors"]
    assert title == "Cannot Export as Lecture MLP Code" and "Insert MLP" in msg
