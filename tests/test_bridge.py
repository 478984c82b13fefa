"""The bridge from Python and notebooks (issue 13): micrograd_studio.show,
to_graph and load, for this project's Value, the micrograd package's Value,
an object of its shape (the lecture's), and PyTorch scalars; the SVG repr."""

from __future__ import annotations

import math
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from micrograd.engine import Value as MicrogradValue
from micrograd.nn import Neuron
from snippets import MICROGRAD_README
from window_helpers import answers, make_window  # noqa: F401

import micrograd_studio as ms
from core.files import fileio
from core.graph.backward import backward
from micrograd_studio import bridge
from micrograd_studio.specs import BridgeError

ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"


def grads(graph: ms.Graph) -> dict[str, float]:
    """The app's own backward pass over the graph that came across."""
    return backward(graph, graph.output).grads


def micrograd_readme(V):
    """micrograd's README example (tests/snippets.py: the text Import Code
    reads) run with V for Value, up to its forward pass: (a, b, g)."""
    skipped = ("from ", "print", "g.backward")
    code = "\n".join(line for line in MICROGRAD_README.splitlines() if not line.startswith(skipped))
    names: dict = {"Value": V}
    exec(code, names)
    return names["a"], names["b"], names["g"]


# ------------------------------------------------------------ micrograd
def test_micrograds_readme_example_comes_across_with_its_values_and_gradients():
    a, b, g = micrograd_readme(MicrogradValue)
    g.backward()
    graph = ms.to_graph(g, names={"a": a, "b": b, "g": g})
    assert isinstance(graph, ms.Graph) and graph.output == "g"
    assert graph.value("g") == pytest.approx(24.7041, abs=1e-4) == g.data
    assert math.isclose(graph.value("g"), g.data, rel_tol=1e-14)
    ours = grads(graph)
    # the README's numbers, and micrograd's own gradients carried on the nodes
    assert ours["a"] == pytest.approx(138.8338, abs=1e-4) and ours["b"] == pytest.approx(645.5773, abs=1e-4)
    assert graph.node("a")["grad"] == a.grad and graph.node("b")["grad"] == b.grad
    for n in graph.nodes():
        assert math.isclose(ours[n], graph.node(n)["grad"], rel_tol=1e-12, abs_tol=1e-12), n
    # micrograd made the numbers Values: constants, labelled by their number
    consts = [n for n in graph.nodes() if graph.op(n) == "leaf" and n not in ("a", "b")]
    assert consts and all(graph.node(n)["trainable"] is False for n in consts)
    assert {graph.label(n) for n in consts} >= {"1", "2", "3", "-1"}
    assert len(graph) == len({id(v) for v in _walk(g)})


def _walk(v):
    seen, stack = [], [v]
    while stack:
        x = stack.pop()
        if all(x is not s for s in seen):
            seen.append(x)
            stack.extend(x._prev)
    return seen


def test_a_micrograd_neuron_comes_across():
    import random

    random.seed(3)
    n = Neuron(2)
    x = [MicrogradValue(2.0), MicrogradValue(0.0)]
    out = n(x)
    out.backward()
    graph = ms.to_graph(out)
    ours = grads(graph)
    root = graph.output
    assert graph.value(root) == out.data
    leaves = {graph.node(i)["value"]: ours[i] for i in graph.nodes() if graph.op(i) == "leaf"}
    for p in (*n.w, n.b, *x):
        assert leaves[p.data] == p.grad


class LectureValue:
    """The Value of the lecture ("building micrograd"), which has tanh and
    exp; its _prev is a set and its _op a string, as there."""

    def __init__(self, data, _children=(), _op="", label=""):
        self.data, self.grad, self._prev, self._op, self.label = data, 0.0, set(_children), _op, label
        self._backward = lambda: None

    def __add__(self, other):
        out = LectureValue(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        out = LectureValue(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def tanh(self):
        t = (math.exp(2 * self.data) - 1) / (math.exp(2 * self.data) + 1)
        out = LectureValue(t, (self,), "tanh")

        def _backward():
            self.grad += (1 - t**2) * out.grad

        out._backward = _backward
        return out

    def backward(self):
        topo, visited = [], set()

        def build(v):
            if v not in visited:
                visited.add(v)
                for c in v._prev:
                    build(c)
                topo.append(v)

        build(self)
        self.grad = 1.0
        for v in reversed(topo):
            v._backward()


LECTURE = {"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432}
#: The lecture's numbers for its neuron (o = 0.7071, x1.grad = -1.5, w1.grad = 1.0 ...).
LECTURE_GRADS = {"x1": -1.5, "x2": 0.5, "w1": 1.0, "w2": 0.0, "b": 0.5}


def lecture_neuron(V):
    x1, x2, w1, w2, b = (V(LECTURE[k], label=k) for k in LECTURE)
    x1w1 = x1 * w1
    x1w1.label = "x1*w1"
    x2w2 = x2 * w2
    x2w2.label = "x2*w2"
    x1w1x2w2 = x1w1 + x2w2
    x1w1x2w2.label = "x1*w1 + x2*w2"
    n = x1w1x2w2 + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    return o


def check_lecture_neuron(graph: ms.Graph) -> None:
    assert graph.output == "o" and graph.value("o") == pytest.approx(0.7071, abs=1e-4)
    ours = grads(graph)
    for k, g in LECTURE_GRADS.items():
        assert ours[k] == pytest.approx(g, abs=1e-6), k
        assert graph.node(k)["grad"] == pytest.approx(g, abs=1e-6), k
    assert graph.label("n") == "n" and graph.op("o") == "tanh"


def test_the_lectures_neuron_built_with_the_lectures_value_comes_across():
    o = lecture_neuron(LectureValue)
    o.backward()
    check_lecture_neuron(ms.to_graph(o))


def test_this_projects_value_comes_across_exactly():
    o = lecture_neuron(ms.Value)
    o.backward()
    graph = ms.to_graph(o)
    check_lecture_neuron(graph)
    assert graph.value("o") == o.data
    ours = grads(graph)
    by_label = {v.label: v for v in _walk(o)}
    for k in LECTURE:  # the same engine: bit for bit
        assert ours[k] == by_label[k].grad


def test_a_nan_gradient_does_not_stop_the_graph_from_coming_across(tmp_path):
    x = ms.Value(0.0, label="x")
    y = x.log()  # log(0) = -inf; its gradient inf, and x's
    y.label = "y"
    y.backward()
    graph = ms.to_graph(y)
    graph.save(tmp_path / "y.mgraph")  # saveable: no nan/inf in the file
    assert "grad" not in graph.node("x") and graph.value("y") == -math.inf


def test_an_unknown_op_or_object_is_refused_with_its_name():
    v = MicrogradValue(2.0)
    w = MicrogradValue(1.0, (v,), "sin")
    with pytest.raises(BridgeError, match="'sin'"):
        ms.to_graph(w)
    with pytest.raises(BridgeError, match="cannot show a str"):
        ms.to_graph("L")
    # a - b with its inputs in a set: which one comes first is lost
    x, y = MicrogradValue(1.0), MicrogradValue(2.0)
    with pytest.raises(BridgeError, match="set"):
        ms.to_graph(MicrogradValue(-1.0, {x, y}, "-"))


# ------------------------------------------------------------ load, save, show
def test_to_graph_saves_and_load_gives_root_values(tmp_path):
    a, b, g = micrograd_readme(MicrogradValue)
    g.backward()
    graph = ms.to_graph(g, names={"a": a, "b": b, "g": g})
    path = tmp_path / "readme.mgraph"
    graph.save(path)
    reloaded = fileio.load(path)
    assert reloaded.node("a")["grad"] == a.grad  # gradients kept in the file
    (root,) = ms.load(path)
    assert isinstance(root, ms.Value) and root.label == "g" and root.data == graph.value("g")
    root.backward()
    leaves = {v.label: v for v in _walk(root)}
    assert leaves["a"].grad == pytest.approx(a.grad, rel=1e-12)


def test_show_from_a_script_opens_the_app_on_an_untitled_copy(monkeypatch, tmp_path):
    o = lecture_neuron(ms.Value)
    calls = []
    run = subprocess.run
    monkeypatch.setattr(bridge.subprocess, "run", lambda cmd, **kw: calls.append((cmd, kw)))
    assert ms.show(o, block=True) is None
    ((cmd, kw),) = calls
    assert cmd[:5] == [sys.executable, "-m", "micrograd_studio", "--untitled", "from Python"]
    shown = fileio.load(cmd[5])
    assert shown.output == "o" and shown.value("o") == o.data
    # the command really opens it (offscreen, quitting by itself)
    env = dict(kw["env"], QT_QPA_PLATFORM="offscreen", MICROGRAD_STUDIO_CONFIG=str(tmp_path / "cfg"))
    done = run(
        [*cmd[:3], "--quit-after", "0.5", *cmd[3:]],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "opened from Python: 10 nodes" in done.stdout


def test_show_in_a_notebook_does_not_wait(monkeypatch):
    started = []

    class FakePopen:
        def __init__(self, cmd, **kw):
            started.append(cmd)

    monkeypatch.setattr(bridge.subprocess, "Popen", FakePopen)
    monkeypatch.setattr(bridge.subprocess, "run", lambda *a, **k: pytest.fail("waited in a notebook"))
    monkeypatch.setitem(sys.modules, "ipykernel", sys)  # as inside a Jupyter kernel
    proc = ms.show(lecture_neuron(ms.Value))
    assert isinstance(proc, FakePopen) and started and started[0][2] == "micrograd_studio"


def test_the_app_opens_a_graph_from_python_as_a_modified_untitled_document(qtbot, answers, tmp_path):
    graph = ms.to_graph(lecture_neuron(ms.Value))
    path = tmp_path / "handed.mgraph"
    graph.save(path)
    w = make_window(qtbot, answers)
    assert w.open_path(str(path), untitled="from Python")
    assert w.path is None and w.doc_name == "from Python" and w.is_modified()
    assert set(w.model.nodes()) == set(graph.nodes())


def test_gradients_from_python_are_on_the_cards_when_the_app_opens(qtbot, answers, tmp_path):
    from gui import app as gui_app

    o = lecture_neuron(ms.Value)
    o.backward()
    path = tmp_path / "handed.mgraph"
    ms.to_graph(o).save(path)
    w = gui_app.create_window([str(path)], untitled="from Python")
    qtbot.addWidget(w, before_close_func=lambda w: w.undo_stack.setClean())
    assert answers.errors == [] and w.doc_name == "from Python" and w.is_modified()
    assert w.backward.animator.at_end
    assert w.document.backward_pass is not None
    assert w.document.backward_pass.grads["x1"] == pytest.approx(-1.5)


# ------------------------------------------------------------ pictures for notebooks
def _check_svg(text: str, labels: list[str]) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == SVG + "svg" and float(root.get("width")) > 0 and float(root.get("height")) > 0
    texts = ["".join(t.itertext()) for t in root.iter(SVG + "text")]
    for label in labels:
        assert label in texts, (label, texts)
    return root


def test_value_and_graph_show_as_svg_pictures_like_the_cards():
    o = lecture_neuron(ms.Value)
    o.backward()
    svg = _check_svg(o._repr_svg_(), ["o", "n", "x1", "0.7071", "grad −1.5000"])
    assert len(svg.findall(f".//{SVG}path[@stroke='#8b93a3']")) == 9  # one curve per wire
    graph = ms.to_graph(o)
    _check_svg(graph._repr_svg_(), ["o", "n", "0.7071", "grad 0.5000"])
    # rendered by Qt's SVG renderer, as a notebook's browser would
    from PySide6.QtSvg import QSvgRenderer

    assert QSvgRenderer(o._repr_svg_().encode()).isValid()


def test_a_graph_without_gradients_shows_values_only():
    graph = fileio.load(ROOT / "resources" / "examples" / "blog_L.mgraph")
    root = _check_svg(graph._repr_svg_(), ["L", "−8.0000"])
    assert not any("grad" in "".join(t.itertext()) for t in root.iter(SVG + "text"))


# ------------------------------------------------------------ PyTorch
torch = pytest.importorskip("torch")


def t64(v: float, grad: bool = True):
    return torch.tensor(float(v), dtype=torch.float64, requires_grad=grad)


def test_the_lectures_neuron_built_with_torch_comes_across():
    # as the lecture writes it: one-element tensors, then backward
    x1, x2, w1, w2, b = (torch.Tensor([LECTURE[k]]).double() for k in LECTURE)
    for t in (x1, x2, w1, w2, b):
        t.requires_grad = True
    n = x1 * w1 + x2 * w2 + b
    o = torch.tanh(n)
    o.backward()
    graph = ms.to_graph(o, names={"x1": x1, "x2": x2, "w1": w1, "w2": w2, "b": b, "n": n, "o": o})
    check_lecture_neuron_torch(graph, o)


def check_lecture_neuron_torch(graph, o):
    assert graph.output == "o" and graph.value("o") == pytest.approx(o.item(), rel=1e-15)
    ours = grads(graph)
    for k, g in LECTURE_GRADS.items():
        assert ours[k] == pytest.approx(g, abs=1e-6) and graph.node(k)["grad"] == pytest.approx(g, abs=1e-6)


def test_micrograds_readme_example_built_with_torch_matches_micrograd():
    """Constants as tensors, as micrograd makes them Values."""
    ma, mb, mg = micrograd_readme(MicrogradValue)
    mg.backward()
    k = t64
    a, b = t64(-4.0), t64(2.0)
    c = a + b
    d = a * b + b**3
    c = c + c + k(1)
    c = c + k(1) + c + (-a)
    d = d + d * k(2) + (b + a).relu()
    d = d + k(3) * d + (b - a).relu()
    e = c - d
    f = e**2
    g = f / k(2.0)
    g = g + k(10.0) / f
    g.backward()
    graph = ms.to_graph(g, names={"a": a, "b": b, "g": g})
    assert graph.value("g") == pytest.approx(mg.data, rel=1e-14)
    assert graph.node("a")["grad"] == pytest.approx(ma.grad, rel=1e-12)
    assert grads(graph)["a"] == pytest.approx(ma.grad, rel=1e-12)
    assert grads(graph)["b"] == pytest.approx(mb.grad, rel=1e-12)


def test_numbers_in_torch_come_across_where_torch_keeps_them():
    x = t64(2.0)
    y = (x * 3 + 1).tanh()  # 3 is saved by the product; 1 is worked back from tanh's result
    graph = ms.to_graph(y, names={"x": x, "y": y})
    consts = sorted(graph.node(n)["value"] for n in graph.nodes() if graph.op(n) == "leaf" and n != "x")
    assert consts == [1.0, 3.0]
    assert graph.value("y") == y.item()
    z = 1 - x / 4  # RsubBackward1: 1 is worked back from the root's value
    graph = ms.to_graph(z)
    assert graph.value(graph.output) == z.item() == 0.5


def test_torch_numbers_that_are_gone_are_refused_with_advice():
    x = t64(2.0)
    y = x * 2 + 1
    z = y + 5
    (z * z).backward()
    with pytest.raises(BridgeError, match="(Add|Mul)Backward0.*retain_graph=True"):
        ms.to_graph(z * z)


@pytest.mark.parametrize(
    "make, op",
    [
        (lambda x: x.sin(), "SinBackward0"),
        (lambda x: x**x, "PowBackward1"),
        (lambda x: torch.maximum(x, x * 2), "MaximumBackward0"),
        (lambda x: x.abs(), "AbsBackward0"),
    ],
)
def test_torch_ops_the_table_lacks_are_refused_by_name(make, op):
    with pytest.raises(BridgeError, match=op):
        ms.to_graph(make(t64(2.0)))


def test_a_torch_tensor_must_be_one_number_with_a_graph():
    with pytest.raises(BridgeError, match="shape"):
        ms.to_graph(torch.ones(3, requires_grad=True) * 2)
    with pytest.raises(BridgeError, match="no graph"):
        ms.to_graph(torch.tensor(1.0))


def test_every_table_op_comes_across_from_torch():
    a, b = t64(0.7), t64(-1.3)
    out = ((a + b) * (a - b) / (b**2) + (-a).exp() + a.log() + b.tanh() + b.relu() + a.sigmoid()) / a
    out.backward()
    graph = ms.to_graph(out, names={"a": a, "b": b})
    assert {graph.op(n) for n in graph.nodes()} >= {
        "add", "sub", "mul", "div", "neg", "pow", "exp", "log", "tanh", "relu", "sigmoid",
    }  # fmt: skip
    assert graph.value(graph.output) == pytest.approx(out.item(), rel=1e-14)
    ours = grads(graph)
    assert ours["a"] == pytest.approx(a.grad.item(), rel=1e-12)
    assert ours["b"] == pytest.approx(b.grad.item(), rel=1e-12)
