"""A teacher's first tries of the headless commands, run as a user runs
them (a subprocess, as in test_cli.py): counts that match the rows under
them, a Hessian table one can read, an unknown option that is an error (not
a window), ``--help`` naming every command, and ``import`` giving a leaf
without a value the app's default."""

import json
import os
import subprocess
import sys

from test_cli import EXAMPLES, ROOT, run

BLOG = EXAMPLES / "blog_L.mgraph"


def _table(stdout: str) -> tuple[list[list[str]], list[str]]:
    """(the rows of the table's first part, the lines after it)."""
    lines = stdout.splitlines()
    assert set(lines[2].replace(" ", "")) == {"-"}, lines[2]  # the header's rule
    body = lines[3:]
    end = body.index("") if "" in body else len(body)
    return [ln.split() for ln in body[:end]], body[end:]


# --------------------------------------------- 1. counts match the rows listed
def test_backward_text_lists_the_roots_past_apart_from_the_nodes_outside_it():
    r = run("backward", BLOG, "--root", "a")
    assert r.returncode == 0 and r.stderr == ""
    assert r.stdout.splitlines()[0].startswith("backward from 'a' (1 node in its past,")
    rows, rest = _table(r.stdout)
    assert [row[0] for row in rows] == ["a"]  # the count's one node, and no other under it
    # the others are still shown (the spec: every node's value and gradient), as a part of their own
    assert rest[1] == "not in the past of 'a' (6 nodes: gradient 0)"
    assert sorted(ln.split()[0] for ln in rest[2:]) == ["L", "b", "c", "d", "e", "f"]
    assert all(ln.split()[-1] == "0.0" for ln in rest[2:])


def test_backward_text_from_the_output_has_no_second_part():
    r = run("backward", BLOG)
    rows, rest = _table(r.stdout)
    assert len(rows) == 7 and rest == []


def test_forward_text_lists_the_nodes_that_depend_on_the_input_apart():
    r = run("forward", BLOG, "--wrt", "a")
    assert r.returncode == 0 and r.stderr == ""
    first = r.stdout.splitlines()[0]
    assert "('a' and the 3 nodes that depend on it," in first
    rows, rest = _table(r.stdout)
    assert [row[0] for row in rows] == ["a", "e", "d", "L"]
    assert rest[1] == "not depending on 'a' (3 nodes: tangent 0)"
    assert sorted(ln.split()[0] for ln in rest[2:]) == ["b", "c", "f"]


def test_the_json_still_has_every_node_as_the_spec_says():
    doc = json.loads(run("backward", BLOG, "--root", "a", "--json").stdout)
    assert doc["order"] == ["a"] and len(doc["nodes"]) == 7
    doc = json.loads(run("forward", BLOG, "--wrt", "a", "--json").stdout)
    assert doc["order"] == ["a", "e", "d", "L"] and len(doc["nodes"]) == 7


# ------------------------------------------------- 2. a Hessian one can read
def test_hessian_text_rounds_and_shows_no_negative_zero(tmp_path):
    neuron = tmp_path / "neuron.mgraph"
    assert run("template", "neuron", "-o", neuron).returncode == 0
    r = run("hessian", neuron)
    assert r.returncode == 0 and r.stderr == ""
    rows, _ = _table(r.stdout)
    cells = [c for row in rows for c in row[1:]]
    assert "-0.0" not in cells and "0.4999999999999998" not in r.stdout
    assert all(len(c.lstrip("-").replace(".", "").lstrip("0")) <= 6 for c in cells), (
        cells
    )  # significant digits
    by_leaf = {row[0]: row[1:] for row in rows}
    assert by_leaf["x2"][0] == "0.5" and by_leaf["w2"][0] == "0.0"
    assert by_leaf["w1"][1] == "4.74264"  # d²o/dw1 dx1 = 4.742640687119284
    # the JSON keeps full precision, signed zeros and all
    doc = json.loads(run("hessian", neuron, "--json").stdout)
    assert 0.4999999999999998 in doc["gradient"] and -0.0 in doc["hessian"][1]


def test_hessian_text_keeps_the_blog_numbers():
    rows, _ = _table(run("hessian", BLOG).stdout)
    assert rows[0] == ["a", "6.0", "0.0", "-2.0", "0.0", "-3.0"]


# ------------------------------------------- 3. an unknown option, and --help
def _no_display_env():
    return {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}


def test_an_unknown_option_is_a_usage_error_not_a_window():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")  # a display: it used to open the app (and hang)
    for args in (["--jsn", str(BLOG)], ["--jsn"], [str(BLOG), "-x"], ["--quit-after", "1", "--bogus"]):
        r = run(*args, env=env)
        assert r.returncode == 2, (args, r.stderr)
        assert r.stdout == "" and "Traceback" not in r.stderr
        bad = next(a for a in args if a.startswith("-") and a != "--quit-after")
        assert r.stderr.startswith(f"error: unknown option {bad!r} (usage: python main.py [FILE]"), r.stderr
        assert r.stderr.count("\n") == 1


def test_an_unknown_option_names_the_command_option_it_looks_like():
    r = run("--jsn", str(BLOG), env=_no_display_env())
    assert r.returncode == 2
    assert "--json is an option of a command, after it: python main.py backward FILE --json" in r.stderr


def test_an_unknown_option_starts_no_qt():
    code = (
        "import sys, contextlib, io\n"
        "from micrograd_studio.launcher import main\n"
        "with contextlib.redirect_stderr(io.StringIO()):\n"
        "    rc = main(['--jsn', 'x.mgraph'])\n"
        "assert rc == 2, rc\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'gui'))]\n"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr


def test_a_double_dash_ends_the_options_and_a_short_one_gets_no_wild_guess():
    """A review: "python main.py -- FILE" was refused as an unknown option "--",
    guessed to be gradcheck's --h."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    ok = run("--quit-after", "0.5", "--", str(BLOG), env=env)
    assert ok.returncode == 0 and "opened blog_L" in ok.stdout, ok.stderr
    short = run("-h2", env=env)
    assert short.returncode == 2 and "did you mean" not in short.stderr
    bare = run("-q", env=env)
    assert bare.returncode == 2 and bare.stderr.count(";") == 0  # no hint guessed from one letter


def test_help_lists_every_command_with_one_line_saying_what_it_does():
    from core.cli.main import COMMANDS

    r = run("--help")
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    for name in COMMANDS:
        line = next((ln for ln in lines if ln.split()[:1] == [name]), None)
        assert line is not None, name
        assert len(line.split()) >= 4, line  # a description beside the name
    assert "--jsn" not in r.stdout


# ------------------------------------- 4. import: the app's default, 1.0
def test_import_gives_a_leaf_without_a_value_the_apps_default(tmp_path):
    from core.code.codegraph import DEFAULT_LEAF_VALUE

    out = tmp_path / "myL.mgraph"
    r = run("import", "L = (a*b + c) * f", "-o", out)
    assert r.returncode == 0
    assert f"no value given for a, b, c, f; set to {DEFAULT_LEAF_VALUE}" in r.stderr
    doc = json.loads(run("backward", out, "--json").stdout)
    grads = {d["label"]: d["grad"] for d in doc["nodes"].values()}
    assert DEFAULT_LEAF_VALUE == 1.0
    assert grads == {"L": 1.0, "a*b + c": 1.0, "f": 2.0, "c": 1.0, "a*b": 1.0, "a": 1.0, "b": 1.0}


def test_the_app_and_the_command_share_one_default():
    from core.code import codediff
    from core.code.codegraph import DEFAULT_LEAF_VALUE

    assert codediff.DEFAULT_LEAF_VALUE is DEFAULT_LEAF_VALUE
    text = (ROOT / "gui" / "code" / "dialogs.py").read_text("utf-8")
    assert "DEFAULT_LEAF_VALUE = " not in text  # imported from core, not a second copy
