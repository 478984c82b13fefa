"""Trial 73 #2: the ReLU MLP (Insert MLP, ``template mlp --activation relu``)
put a ReLU on its output neuron, so a prediction could never go below 0 and
the lecture's targets of −1 never be reached (the loss stayed ≥ 2 however
long it trained). Its output is linear now, as micrograd's ``MLP`` makes it
(``nonlin=False`` on the last layer) and as the Train panel's MLP is; the
lecture's tanh MLP keeps tanh on every neuron. Checked against PyTorch."""

from __future__ import annotations

import pytest
from test_lecture_code import made, run

from core.graph.backward import backward
from core.learn import templates
from core.learn.lecture_code import to_lecture
from gui.learning.templates import MLPDialog

torch = pytest.importorskip("torch")


def _torch_loss(m, nin: int, nouts: list[int], act: str):
    """The same MLP in PyTorch (float64, the same sums in the same order),
    its output linear where ``act`` is relu: the loss and each parameter."""
    of = {m.label(n): n for n in m.nodes()}
    sizes = [nin, *nouts]
    params = {}
    for li in range(len(nouts)):
        for j in range(sizes[li + 1]):
            for i in range(sizes[li]):
                k = f"w{li + 1}.{j + 1}.{i + 1}"
                params[k] = torch.tensor(m.value(of[k]), dtype=torch.float64, requires_grad=True)
            k = f"b{li + 1}.{j + 1}"
            params[k] = torch.tensor(m.value(of[k]), dtype=torch.float64, requires_grad=True)
    loss = None
    for x, y in zip(templates.LECTURE_XS, templates.LECTURE_YS):
        acts = [torch.tensor(v, dtype=torch.float64) for v in x]
        for li in range(len(nouts)):
            outs = []
            for j in range(sizes[li + 1]):
                s = params[f"b{li + 1}.{j + 1}"]
                for i, a in enumerate(acts):
                    s = s + params[f"w{li + 1}.{j + 1}.{i + 1}"] * a
                if act == "tanh":
                    s = torch.tanh(s)
                elif li < len(nouts) - 1:  # (the output neuron linear, as micrograd's)
                    s = torch.relu(s)
                outs.append(s)
            acts = outs
        sq = (acts[0] - y) ** 2
        loss = sq if loss is None else loss + sq
    loss.backward()
    return loss, params, of


@pytest.mark.parametrize("act", ["relu", "tanh"])
def test_the_mlp_matches_pytorch_with_a_linear_output_for_relu(act):
    m = made(templates.mlp(activation=act))
    ypreds = [n for n in m.nodes() if m.label(n).startswith("ypred[") and "−" not in m.label(n)]
    assert len(ypreds) == 4
    assert all(m.op(n) == ("add" if act == "relu" else "tanh") for n in ypreds)
    hidden = {m.op(n) for n in m.nodes() if m.label(n).startswith("h1.") or m.label(n).startswith("h2.")}
    assert hidden == {act}
    assert len(m) == templates.mlp_nodes([3, 4, 4, 1], 4, act)
    result = backward(m, m.output)
    loss, params, of = _torch_loss(m, 3, [4, 4, 1], act)
    assert result.values[m.output] == pytest.approx(loss.item(), rel=1e-13)
    for name, p in params.items():
        assert result.grads[of[name]] == pytest.approx(p.grad.item(), rel=1e-12, abs=1e-15), name


def test_the_lecture_code_of_the_relu_mlp_leaves_its_output_linear_and_runs(tmp_path):
    m = made(templates.mlp(activation="relu"))
    code = to_lecture(m)
    assert "out = act.relu() if self.nonlin else act" in code
    assert "nonlin=i != last" in code and "a linear output" in code
    done = run(code, tmp_path, exact=True)
    assert done.returncode == 0, done.stderr
    assert "all 41 gradients match" in done.stdout


def test_insert_mlps_dialog_says_the_output_is_linear_with_relu(qtbot):
    dlg = MLPDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    assert "linear" not in dlg.summary.text()
    dlg.activation.setCurrentText("relu")
    assert dlg.summary.text() == (
        "Inserts MLP(3, [4, 4, 1]) on 4 data points, ReLU hidden layers and a linear output: 356 nodes."
    )
    assert len(dlg.template().nodes) == 356  # (what it said is what OK makes)


def test_a_relu_mlp_saved_before_with_a_relu_output_still_exports_as_lecture_code(tmp_path):
    """Review 72 #1: a ReLU MLP inserted before this change (a ReLU on its
    output) was refused by Export as Lecture MLP Code ("'h1.1[1]' is a relu
    node, not tanh"); it is still recognised, written with relu on every neuron."""
    from core.learn.lecture_code import recognise

    old = made(templates.mlp(activation="relu", linear_out=False))
    assert any(m == "relu" for m in (old.op(n) for n in old.nodes() if old.label(n) == "ypred[1]"))
    shape = recognise(old)
    assert shape.activation == "relu" and not shape.linear_out
    code = to_lecture(old)
    assert "out = act.relu()" in code and "nonlin" not in code
    done = run(code, tmp_path, exact=True)
    assert done.returncode == 0, done.stderr
    assert "all 41 gradients match" in done.stdout
    new = made(templates.mlp(activation="relu"))
    assert recognise(new).linear_out


def test_an_edited_relu_mlp_is_refused_naming_what_differs_from_a_relu_mlp():
    from core.learn.lecture_code import ExportError, recognise

    m = made(templates.mlp(activation="relu"))
    of = {m.label(n): n for n in m.nodes()}
    m.set_label(of["b1.2"], "b1.1")
    with pytest.raises(ExportError) as e:
        recognise(m)
    assert "two nodes are labelled 'b1.1'" in str(e.value)
    m.set_label(of["b1.2"], "b1.2")
    m.disconnect(of["n1.1.1[1]"], 1)
    with pytest.raises(ExportError) as e:
        recognise(m)
    assert "not tanh" not in str(e.value) and "n1.1.1[1]" in str(e.value), str(e.value)
