"""Which moved leaves look like data (core/learn/roles.py): its two rules."""

import pytest

from core.code.codeadd import import_code
from core.graph.errors import GraphError
from core.learn import roles


def moves(text: str) -> roles.Moves:
    model, _ = import_code(text)
    return roles.moves(model)


def test_a_target_is_subtracted_from_a_prediction():
    m = moves("L = (w*u + b - t)**2")
    assert m.params == ["w", "u", "b", "t"] and m.targets == ["t"] and m.inputs == []


def test_a_difference_of_two_leaves_is_no_target():
    assert moves("L = (a - c)**2").data_like == []


def test_a_leaf_used_elsewhere_too_is_no_target():
    assert moves("L = (w*k - k)**2").targets == []


@pytest.mark.parametrize("name", ["x", "X1", "y_2", "xs", "target", "inputs", "x1"])
def test_data_names(name):
    assert roles.DATA_NAME.fullmatch(name)


@pytest.mark.parametrize("name", ["w", "w1", "b1.1", "xy", "ax", "w1.1.1", "loss", "bias"])
def test_weight_names(name):
    assert not roles.DATA_NAME.fullmatch(name)


def test_names_are_shortened_for_many():
    model, _ = import_code("L = " + " + ".join(f"w{i}" for i in range(12)))
    assert roles.names(model, roles.moves(model).params) == "w0, w1, w2, w3, w4, w5, w6, w7 and 4 more"


def test_find_leaves_by_label_then_id():
    model, _ = import_code("L = a*b")
    assert roles.find_leaves(model, ["b", "a"]) == ["b", "a"]
    with pytest.raises(GraphError, match="'L' is not a leaf"):
        roles.find_leaves(model, ["L"])


def test_a_subtracted_bias_is_no_target():
    """Review 49: in ``y_hat = w*u - c`` the bias c's one use is a subtraction
    from something that depends on w, and it was called a target. A target's
    difference goes on into a loss (squared, times itself, abs); c's goes on
    into more arithmetic."""
    m = moves("L = (w*u - c - t)**2")
    assert m.targets == ["t"] and m.data_like == ["t"]
    assert moves("L = ((w*u + c).sigmoid() - t)**2").targets == ["t"]  # the trial's (p1 - y1)**2
    assert moves("L = (w*u - t)*(w*u - t)").targets == ["t"]  # times itself
    assert moves("L = w*u - t").targets == []  # no loss: a difference only


def test_many_targets_cost_one_walk(monkeypatch):
    """Review 49: each target's use walked the whole graph upstream of its
    prediction (``model.past``): one prediction minus 2,000 targets took 2 s.
    Now which parameters each node depends on is worked out once a node."""
    terms = " + ".join(f"(h - t{i})**2" for i in range(60))
    model, _ = import_code(f"h = (w*u + c).tanh()\nL = {terms}")
    walks = []
    real = model.past
    monkeypatch.setattr(model, "past", lambda n: walks.append(n) or real(n))
    m = roles.moves(model)
    assert m.targets == [f"t{i}" for i in range(60)]
    assert len(walks) <= 1  # (the parameters of the root)


def test_data_names_reads_the_labels_once_and_counts_past_a_few(monkeypatch):
    model, _ = import_code("L = " + " + ".join(f"(w*x{i} - y{i})**2" for i in range(30)))
    ids = roles.moves(model).data_like
    assert len(ids) == 60
    reads = []
    real = model.label
    monkeypatch.setattr(model, "label", lambda n: reads.append(n) or real(n))
    assert roles.data_names(model, ids) == "x0,y0,x1,y1,x2,y2,x3,y3 and 52 more"
    assert len(reads) <= len(model) + 2 * roles.SHOWN  # (not a scan of the graph a leaf)


def test_a_list_one_past_its_length_names_the_last_too():
    """A check of trial 49's fixes: the Train panel wrote "and 1 more" where
    the one name took no more room."""
    from core.graph.model import GraphModel

    m = GraphModel()
    ids = [m.add_node("leaf", f"v{i}", label=f"v{i}", value=1.0) for i in range(roles.SHOWN + 2)]
    assert roles.names(m, ids[: roles.SHOWN + 1]) == ", ".join(f"v{i}" for i in range(roles.SHOWN + 1))
    assert roles.names(m, ids).endswith(" and 2 more")
