"""Regressions found in review: keys the spec keeps, files a user may have."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.files import fileio
from core.graph.backward import backward
from core.graph.errors import FileFormatError, InvalidValueError
from core.graph.model import GraphModel

ROOT = Path(__file__).resolve().parents[1]


def _doc(nodes, edges=(), **graph):
    return {
        "directed": True,
        "multigraph": True,
        "graph": {"format": "micrograd-studio", "version": 1, **graph},
        "nodes": list(nodes),
        "edges": list(edges),
    }


def test_unknown_keys_named_like_parameters_survive_delete_and_undo():
    m = GraphModel()
    m.add_node("leaf", "a", value=2.0, node_id="weird", self="also kept", op_note=1)
    snap = m.remove_node("a")
    assert "a" not in m
    m.restore_node(snap)
    assert m.node("a")["node_id"] == "weird"
    assert m.node("a")["self"] == "also kept"
    assert m.value("a") == 2.0


def test_value_and_exponent_on_other_ops_are_kept_verbatim(tmp_path):
    f = tmp_path / "g.mgraph"
    f.write_text(
        json.dumps(
            _doc(
                [
                    {"id": "a", "op": "leaf", "value": 3},
                    {"id": "m", "op": "neg", "value": "note", "exponent": None},
                ],
                [{"source": "a", "target": "m", "port": 0}],
            )
        )
    )
    m = fileio.load(f)
    assert m.value("m") == -3.0
    snap = m.remove_node("m")
    m.restore_node(snap)
    fileio.save(m, f)
    node = {n["id"]: n for n in json.loads(f.read_text())["nodes"]}["m"]
    assert node["value"] == "note" and node["exponent"] is None


@pytest.mark.parametrize("x", [float("inf"), float("nan"), "abc"])
def test_positions_must_be_finite_numbers(x):
    m = GraphModel()
    with pytest.raises(InvalidValueError, match="x position"):
        m.add_node("leaf", "a", value=1.0, x=x)
    m.add_node("leaf", "b", value=1.0)
    with pytest.raises(InvalidValueError, match="x position"):
        m.set_position("b", x, 0.0)
    assert m.position("b") == (0.0, 0.0)


def test_id_cannot_be_an_attribute():
    m = GraphModel()
    m.add_node("leaf", "a", value=1.0)
    with pytest.raises(InvalidValueError):
        m.set_attr("a", "id", "b")
    assert json.loads(fileio.dumps(m))["nodes"][0]["id"] == "a"


@pytest.mark.parametrize("bad, where", [({"op": ["leaf"]}, "node 'a'"), ({"op": {"x": 1}}, "node 'a'")])
def test_unhashable_op_is_refused_naming_the_node(tmp_path, bad, where):
    f = tmp_path / "bad.mgraph"
    f.write_text(json.dumps(_doc([{"id": "a", "value": 1.0, **bad}])))
    with pytest.raises(FileFormatError) as e:
        fileio.load(f)
    assert str(f) in str(e.value) and where in str(e.value) and "unknown op" in str(e.value)


def test_unhashable_output_is_refused(tmp_path):
    f = tmp_path / "bad.mgraph"
    f.write_text(json.dumps(_doc([{"id": "a", "op": "leaf", "value": 1.0}], output=["a"])))
    with pytest.raises(FileFormatError, match="output"):
        fileio.load(f)


def test_utf8_bom_is_accepted(tmp_path):
    f = tmp_path / "bom.mgraph"
    f.write_bytes(b"\xef\xbb\xbf" + json.dumps(_doc([{"id": "a", "op": "leaf", "value": 1.5}])).encode())
    assert fileio.load(f).value("a") == 1.5


def test_failed_save_names_the_users_path_not_the_temporary_file(tmp_path):
    m = GraphModel()
    m.add_node("leaf", "a", value=1.0)
    target = tmp_path / "missing-folder" / "x.mgraph"
    with pytest.raises(OSError) as e:
        fileio.save(m, target)
    assert str(target) in str(e.value) and ".tmp" not in str(e.value)


def test_null_label_prints_the_id(tmp_path):
    f = tmp_path / "g.mgraph"
    f.write_text(
        json.dumps(
            _doc(
                [{"id": "a", "op": "leaf", "value": 2.0, "label": None}, {"id": "s", "op": "add"}],
                [{"source": "a", "target": "s", "port": 0}, {"source": "a", "target": "s", "port": 1}],
            )
        )
    )
    for extra in ([], ["--json"]):
        r = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "backward", str(f), *extra],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        assert r.returncode == 0, r.stderr
        assert r.stderr == ""
    assert json.loads(r.stdout)["nodes"]["a"] == {"op": "leaf", "label": "a", "value": 2.0, "grad": 2.0}


def test_backward_steps_compute_locals_when_read():
    m = GraphModel()
    m.add_node("leaf", "a", value=3.0)
    m.add_node("mul", "sq")
    m.connect("a", "sq", 0)
    m.connect("a", "sq", 1)
    step = backward(m).steps[0]
    assert step.node == "sq" and step.locals == (3.0, 3.0) and step.contributions == (3.0, 3.0)


def test_an_error_inside_undo_is_reported_and_the_app_survives(qtbot, monkeypatch):
    """Qt calls undo() from C++; an exception escaping there used to segfault."""
    from PySide6.QtGui import QUndoStack

    from gui.editing.commands import ModelCommand, push

    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda t, e, tb: seen.append(e))

    class Broken(ModelCommand):
        def apply(self):
            pass

        def revert(self):
            float("abc")  # raised inside C code: the case that crashed

    stack = QUndoStack()
    push(stack, Broken("broken"))
    assert stack.count() == 1
    stack.undo()
    assert [type(e) for e in seen] == [ValueError]
    assert stack.count() == 0  # dropped, not left half-applied on the stack


@pytest.mark.parametrize(
    "node",
    [
        {"id": "a", "op": "leaf", "value": 1.0, "x": "abc"},
        {"id": "a", "op": "leaf", "value": 1.0, "x": "HUGE"},  # 1e400 in the JSON text
        {"id": "a", "op": ["leaf"], "value": 1.0},
        {"id": 5, "op": "leaf", "value": 1.0},
    ],
)
def test_a_garbled_clipboard_is_refused_with_a_message(qtbot, node):
    from PySide6.QtGui import QGuiApplication, QUndoStack

    from gui.canvas.scene import GraphScene
    from gui.editing import clipboard
    from gui.editing.editor import GraphEditor

    model = GraphModel()
    editor = GraphEditor(GraphScene(model), QUndoStack())
    messages = []
    editor.status_message.connect(messages.append)
    from PySide6.QtCore import QMimeData

    raw = json.dumps({"format": "micrograd-studio-clip", "nodes": [node], "edges": []})
    mime = QMimeData()
    mime.setData(clipboard.CLIP_MIME, raw.replace('"HUGE"', "1e400").encode())
    QGuiApplication.clipboard().setMimeData(mime)
    assert editor.paste() == []
    assert len(model) == 0
    assert messages and "cannot be read" in messages[-1]


def test_pasting_a_node_with_odd_unknown_keys_keeps_them(qtbot):
    from PySide6.QtGui import QUndoStack

    from gui.canvas.scene import GraphScene
    from gui.editing.editor import GraphEditor

    model = GraphModel()
    stack = QUndoStack()
    scene = GraphScene(model)
    editor = GraphEditor(scene, stack)
    model.add_node("leaf", "a", value=2.0, self="s", node_id="n")
    scene.select_ids(["a"])
    new = editor.duplicate_selection()
    assert len(new) == 1 and model.node(new[0])["self"] == "s" and model.node(new[0])["node_id"] == "n"
    stack.undo()
    assert model.nodes() == ["a"]


def test_quiz_answers_that_would_take_forever_are_refused_at_once():
    from core.learn.quiz import parse_answer

    with pytest.raises(InvalidValueError):
        parse_answer("((9**999)**999)**999")
    assert parse_answer("2*-3") == -6.0


def test_dot_export_refuses_an_unknown_root():
    r = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "export",
            str(ROOT / "resources/examples/blog_L.mgraph"),
            "--to",
            "dot",
            "--root",
            "zz",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert r.returncode != 0 and r.stderr.startswith("error:") and "'zz'" in r.stderr


def test_headless_train_stops_a_run_that_runs_away():
    r = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "train",
            str(ROOT / "resources/examples/blog_L.mgraph"),
            "--steps",
            "200",
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.startswith("error:") and len(r.stderr.strip().splitlines()) == 1
    assert "no minimum" in r.stderr and "stopped at step" in r.stderr


@pytest.mark.parametrize("name", ["neuron_tanh", "neuron_exp"])
def test_the_neurons_inputs_are_not_parameters(name):
    """As in the lecture (and Insert Neuron): training moves w1, w2, b, never x1, x2."""
    from core.learn.training import is_trainable

    m = fileio.load(ROOT / "resources" / "examples" / f"{name}.mgraph")
    assert not is_trainable(m, "x1") and not is_trainable(m, "x2")
    assert all(is_trainable(m, n) for n in ("w1", "w2", "b"))
