"""Trial 60 #9: a teacher named her Values by typing ``a = -2`` in their name
box; they keep the ids leaf1, leaf2. ``picture --wrt a`` took the label, and
``forward --wrt a`` and ``hessian --root f`` refused it: all three take an
id, or a label one node has, by the one resolver (core/cli/registry.py
``named_ids``). ``backward`` (the public contract) still takes ids only."""

import json

import pytest
from test_cli import assert_error, run, write

LECTURE = [  # f = (a*b)*(a+b), a = −2, b = 3, as the trial's lecture_a.mgraph
    ("leaf1", "leaf", {"label": "a", "value": -2.0}),
    ("leaf2", "leaf", {"label": "b", "value": 3.0}),
    ("mul1", "mul", {"label": "d"}),
    ("add1", "add", {"label": "e"}),
    ("mul2", "mul", {"label": "f"}),
]
WIRES = [
    ("leaf1", "mul1", 0),
    ("leaf2", "mul1", 1),
    ("leaf1", "add1", 0),
    ("leaf2", "add1", 1),
    ("mul1", "mul2", 0),
    ("add1", "mul2", 1),
]


@pytest.fixture
def lecture(tmp_path):
    return write(tmp_path, LECTURE, WIRES, name="lecture_a.mgraph")


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_forward_takes_the_label_the_teacher_typed(lecture, json_flag):
    by_label = run("forward", lecture, "--wrt", "a", *json_flag)
    by_id = run("forward", lecture, "--wrt", "leaf1", *json_flag)
    assert by_label.returncode == 0, by_label.stderr
    assert by_label.stdout == by_id.stdout and by_label.stderr == by_id.stderr == ""
    if json_flag:
        doc = json.loads(by_label.stdout)
        assert doc["wrt"] == "leaf1" and doc["nodes"]["mul2"]["tangent"] == -3.0  # df/da = a.grad


def test_hessian_takes_a_label_as_its_root(lecture):
    by_label = run("hessian", lecture, "--root", "f", "--json")
    assert by_label.returncode == 0, by_label.stderr
    assert by_label.stdout == run("hessian", lecture, "--root", "mul2", "--json").stdout
    doc = json.loads(by_label.stdout)
    assert doc["root"] == "mul2" and doc["hessian"] == [[6.0, 2.0], [2.0, -4.0]]
    assert run("hessian", lecture, "--root", "f").stdout.startswith("gradient and Hessian of 'f'")


def test_forward_and_picture_refuse_a_shared_label_alike(tmp_path):
    """Two cards named a: which one is meant is asked, with their ids, by every command alike."""
    nodes = [*LECTURE[:2], ("mul1", "mul", {"label": "a"}), *LECTURE[3:]]
    path = write(tmp_path, nodes, WIRES)
    shared = (
        "unknown node 'a' for --wrt: no node has that id; "
        "2 nodes are labelled 'a', with the ids 'leaf1', 'mul1' (use one of those)"
    )
    assert_error(run("forward", path, "--wrt", "a"), shared, code=1)
    assert_error(run("picture", path, "--wrt", "a", "--end", "-o", tmp_path / "x.png"), shared, code=1)
    assert_error(
        run("hessian", path, "--root", "a"), "2 nodes are labelled 'a', with the ids 'leaf1', 'mul1'"
    )


def test_backward_still_takes_ids_only(lecture):
    """The public contract (graph-file-format.md §2) is unchanged."""
    r = run("backward", lecture, "--root", "f")
    assert_error(
        r, "unknown root 'f': no node has that id; the node labelled 'f' has the id 'mul2' (use that)"
    )
    assert json.loads(run("backward", lecture, "--root", "mul2", "--json").stdout)["root"] == "mul2"
