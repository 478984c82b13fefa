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
