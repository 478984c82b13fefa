"""Neuron and MLP templates: lecture values, flags, placement, layout."""

import pytest

from core.graph.backward import backward
from core.graph.errors import InvalidValueError
from core.graph.model import GraphModel
from core.learn import templates, training


def inserted(t, m=None, origin=(0.0, 0.0)):
    m = m or GraphModel()
    p = templates.placed(t, m, origin)
    templates.insert(m, p)
    return m, p


def test_neuron_is_the_lectures():
    m, t = inserted(templates.neuron())
    assert m.value(t.output) == pytest.approx(0.7071067811865476, rel=1e-15)
    g = backward(m, t.output).grads
    assert g["x1"] == pytest.approx(-1.5) and g["w1"] == pytest.approx(1.0)
    assert g["x2"] == pytest.approx(0.5) and g["w2"] == 0.0
    assert {m.label(n) for n in m.nodes()} >= {"x1", "w1", "x1*w1", "x1*w1 + x2*w2", "b", "n", "o"}
    assert sorted(training.parameters(m, t.output)) == ["b", "w1", "w2"]
    xs = {n: m.position(n)[0] for n in m.nodes()}
    assert xs["x1"] < xs["x1w1"] < xs["x1w1x2w2"] < xs["n"] < xs["o"]


def test_neuron_sizes_and_relu():
    m, t = inserted(templates.neuron(3, "relu", seed=4))
    assert m.op(t.output) == "relu" and len(m) == 3 * 3 + 2 + 2 + 1
    m.check_complete()
    with pytest.raises(InvalidValueError):
        templates.neuron(0)
    with pytest.raises(InvalidValueError):
        templates.neuron(2, "softmax")


def test_placed_avoids_taken_ids_and_remove_undoes():
    m, first = inserted(templates.neuron())
    n0 = len(m)
    m2, second = inserted(templates.neuron(), m, origin=(2000.0, 500.0))
    assert len(m) == 2 * n0 and not set(first.ids()) & set(second.ids())
    assert m.value(second.output) == m.value(first.output)
    xs = [m.position(n) for n in second.ids()]
    assert min(x for x, _ in xs) == 2000.0 and min(y for _, y in xs) == 500.0
    templates.remove(m, second.ids())
    assert sorted(m.nodes()) == sorted(first.ids()) and len(m.edges()) == len(first.edges)


def test_mlp_structure_and_layout():
    m, t = inserted(templates.mlp())
    assert len(m) == 360 and m.sinks() == [t.output]
    assert len(training.parameters(m, t.output)) == 41
    for n in m.nodes():
        if n.startswith(("x", "y")) and m.op(n) == "leaf":
            assert m.node(n)["trainable"] is False
    # It opens folded (a card per layer, per layer's weights, the loss; the
    # canvas test checks that no two cards on screen overlap). Inside each
    # folded group, for when it is opened: no two cards (132 x 64) overlap,
    # and columns run left to right along every wire.
    units: dict = {}
    for n in m.nodes():
        units.setdefault(m.groups.folded_into(n), []).append(n)
    assert len(units) > 10
    for unit, nodes in units.items():
        pos = [m.position(n) for n in nodes]
        for i, (x1, y1) in enumerate(pos):
            for x2, y2 in pos[i + 1 :]:
                assert abs(x1 - x2) >= 132 or abs(y1 - y2) >= 64, unit
    for s, d, _ in m.edges():
        if m.groups.folded_into(s) == m.groups.folded_into(d):
            assert m.position(s)[0] < m.position(d)[0]
    # the same seed gives the same network, another seed another one
    again = templates.mlp()
    assert [a.get("value") for _, a in again.nodes] == [a.get("value") for _, a in templates.mlp().nodes]
    assert templates.mlp(seed=1).nodes[0][1]["value"] != again.nodes[0][1]["value"]
    with pytest.raises(InvalidValueError):
        templates.mlp(nouts=(4, 2))
