"""``python main.py import`` and ``python main.py export``, run as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from snippets import LECTURE_NEURON

from core.files import fileio

ROOT = Path(__file__).resolve().parents[1]
EX = ROOT / "resources" / "examples"


def run(*args, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


def assert_one_error_line(done: subprocess.CompletedProcess, *words: str) -> None:
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    assert "Traceback" not in done.stderr
    for w in words:
        assert w in lines[0], lines[0]


def backward_json(path: Path) -> dict:
    done = run("backward", path, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_import_expression_with_values_then_backward(tmp_path):
    out = tmp_path / "L.mgraph"
    done = run(
        "import",
        "L = (a*b + c) * f",
        "-o",
        out,
        "--value",
        "a=2",
        "--value",
        "b=-3.0",
        "--value",
        "c=10",
        "--value",
        "f=-2",
    )
    assert done.returncode == 0, done.stderr
    assert "wrote" in done.stdout and done.stderr == ""
    doc = backward_json(out)
    by_label = {d["label"]: d for d in doc["nodes"].values()}
    assert [by_label[k]["grad"] for k in "abcf"] == [6.0, -4.0, -2.0, 4.0]
    assert by_label["L"]["value"] == -8.0


def test_import_file_blog_snippet(tmp_path):
    src = tmp_path / "blog.py"
    src.write_text(
        "from micrograd.engine import Value\n"
        + (
            "a = Value(2.0, label='a')\nb = Value(-3.0, label='b')\nc = Value(10.0, label='c')\n"
            "e = a*b; e.label = 'e'\nd = e + c; d.label = 'd'\nf = Value(-2.0, label='f')\n"
            "L = d * f; L.label = 'L'\nL.backward()\n"
        )
    )
    out = tmp_path / "blog.mgraph"
    done = run("import", src, "-o", out)
    assert done.returncode == 0, done.stderr
    model = fileio.load(out)  # a valid file by the spec
    assert model.label(model.output) == "L"
    doc = backward_json(out)
    assert doc["nodes"]["a"]["grad"] == 6.0 and doc["nodes"]["f"]["grad"] == 4.0


def test_import_skips_the_lecture_cell_s_draw_dot_with_a_note(tmp_path):
    """Trial 48 #2: `import lecture_full.py -o x.mgraph` refused the
    lecture's neuron cell for its last line, draw_dot(o). It is skipped with
    a note saying where the picture is; the graph is the lecture's."""
    src = tmp_path / "lecture_full.py"
    src.write_text(LECTURE_NEURON)
    out = tmp_path / "x.mgraph"
    done = run("import", src, "-o", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"wrote {out}: 17 nodes, 17 edges")
    assert done.stderr == (
        f"note: skipped draw_dot(o): open {out} in the app to see the graph, "
        f"or draw it with 'picture {out} -o {tmp_path / 'x.png'}'\n"
    )
    by_label = {d["label"]: d for d in backward_json(out)["nodes"].values()}
    assert by_label["x1"]["grad"] == pytest.approx(-1.5) and by_label["w1"]["grad"] == pytest.approx(1.0)


def test_import_reports_leaves_without_values(tmp_path):
    out = tmp_path / "n.mgraph"
    done = run("import", "o = tanh(x*w + b); w = 0.5", "-o", out)
    assert done.returncode == 0
    assert "note:" in done.stderr and "x, b" in done.stderr and "set to 1.0" in done.stderr
    model = fileio.load(out)  # the app's default (DEFAULT_LEAF_VALUE), as the formula bar sets it
    assert sorted(model.node(n)["value"] for n in model.nodes() if model.op(n) == "leaf") == [0.5, 1.0, 1.0]


def test_import_from_stdin_to_stdout():
    done = run("import", "-", "-o", "-", stdin="y = relu(x) ** 2\nx = -1.5\n")
    assert done.returncode == 0, done.stderr
    model = fileio.loads(done.stdout)
    assert len(model) == 3 and model.value(model.output) == 0.0


@pytest.mark.parametrize(
    "text,words",
    [
        ("import micrograd.nn as nn", ["line 1, column 1", "micrograd.nn"]),  # (other imports: skipped)
        ("a = 1\nfor i in range(3):\n    a = a * 2", ["line 2, column 1", "for loop"]),
        ("__import__('os').system('echo hacked')", ["line 1, column 1"]),
        ("y = foo(x)", ["line 1, column 5", "foo"]),
        ("y = (a +", ["line 1, column 5", "syntax error"]),
    ],
)
def test_import_refusals_are_one_error_line_and_write_nothing(tmp_path, text, words):
    src = tmp_path / "bad.py"
    src.write_text(text)
    out = tmp_path / "bad.mgraph"
    done = run("import", src, "-o", out)
    assert_one_error_line(done, str(src), *words)
    assert not out.exists() and "hacked" not in done.stdout
    assert list(tmp_path.iterdir()) == [src]


def test_import_bad_value_option_and_unknown_leaf(tmp_path):
    out = tmp_path / "x.mgraph"
    assert_one_error_line(run("import", "y = a", "-o", out, "--value", "a=abc"), "NAME=NUMBER")
    assert_one_error_line(run("import", "y = a", "-o", out, "--value", "a=inf"), "finite")
    assert_one_error_line(run("import", "y = a * 2", "-o", out, "--value", "q=1"), "'q'")
    assert_one_error_line(run("import", "y = a", "-o", tmp_path / "no" / "x.mgraph"), "cannot write")
    assert_one_error_line(run("import", "y = a"), "-o")
    assert_one_error_line(run("import", "missing_file.py", "-o", out), "missing_file.py: no such file")
    assert not out.exists()


# (every example is round-tripped in-process by test_codeout; here the commands)
@pytest.mark.parametrize("path", [EX / "blog_L.mgraph", EX / "neuron_exp.mgraph"], ids=lambda p: p.stem)
def test_export_python_runs_and_imports_back(path, tmp_path):
    script = tmp_path / f"{path.stem}.py"
    done = run("export", path, "--to", "python", "-o", script)
    assert done.returncode == 0 and done.stdout == f"wrote {script}\n", done.stderr
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    ran = subprocess.run(
        [sys.executable, str(script)], env=env, capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert ran.returncode == 0, ran.stderr
    back = tmp_path / "back.mgraph"
    assert run("import", script, "-o", back).returncode == 0
    grads = sorted((d["label"], d["grad"]) for d in backward_json(path)["nodes"].values())
    grads_back = sorted((d["label"], d["grad"]) for d in backward_json(back)["nodes"].values())
    assert grads == grads_back


def test_export_to_stdout_dot_and_torch():
    done = run("export", EX / "accumulate_a_plus_a.mgraph", "--to", "dot")
    assert done.returncode == 0 and done.stdout.count('"n:a" -> "op:b";') == 2
    done = run("export", EX / "neuron_tanh.mgraph", "--to", "torch")
    assert done.returncode == 0 and "torch.tanh(n)" in done.stdout


def test_export_errors(tmp_path):
    assert_one_error_line(run("export", tmp_path / "missing.mgraph", "--to", "python"), "no such file")
    assert_one_error_line(run("export", EX / "blog_L.mgraph", "--to", "java"), "invalid choice")
    inc = tmp_path / "inc.mgraph"
    inc.write_text(
        json.dumps(
            {
                "graph": {"format": "micrograd-studio", "version": 1},
                "nodes": [{"id": "a", "op": "leaf", "value": 1.0}, {"id": "m", "op": "mul"}],
                "edges": [{"source": "a", "target": "m", "port": 0}],
            }
        )
    )
    assert_one_error_line(run("export", inc, "--to", "python"), str(inc), "'m'", "port 1")
    assert_one_error_line(
        run("export", EX / "blog_L.mgraph", "--to", "python", "--root", "zz"), "unknown root"
    )


def test_headless_commands_do_not_import_qt(tmp_path):
    code = (
        "import sys; from core.cli import main as cli; "
        f"rc = cli.main(['import', 'y = tanh(x)', '-o', {str(tmp_path / 'y.mgraph')!r}]); "
        f"rc2 = cli.main(['export', {str(tmp_path / 'y.mgraph')!r}, '--to', 'dot']); "
        "assert rc == rc2 == 0; assert not any(m.startswith('PySide6') for m in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_headless_import_groups_statements_as_import_code_does(tmp_path):
    """`main.py import` writes what File › Import Code makes: the lecture's
    `d += d * 2 + (b + a).relu()` (three operations or more) is one group."""
    from core.code import codeadd
    from core.code.codein import parse_code
    from core.graph.model import GraphModel

    text = "a = 2.0\nb = -3.0\nc = 10.0\nd = a*b + c\nd += d * 2 + (b + a).relu()\nd.backward()\n"
    done = run("import", "-", "-o", "-", stdin=text)
    assert done.returncode == 0, done.stderr
    model = fileio.loads(done.stdout)
    gui = codeadd.plan_add(GraphModel(), parse_code(text), group_statements=True)
    assert [(g.label, g.members) for g in model.groups] == [(label, set(m)) for _gid, label, m in gui.groups]
    assert [g.label for g in model.groups] == ["d′ (line 5)"] and len(model.groups.get("line1").members) == 6


def test_template_to_standard_output(tmp_path):
    """`template neuron -o -` pipes the file on, as `import -o -` does, and writes no file named '-'."""
    done = run("template", "neuron", "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert [g.label for g in fileio.loads(done.stdout).groups] == ["neuron"]
    assert list(tmp_path.iterdir()) == []


def test_template_usage_says_its_own_usage_and_refuses_what_does_not_apply(tmp_path):
    """A trial: `template` without a kind said "(usage: ... template FILE ...)"
    (it takes a kind), `template neuron --one-point` ignored the option, and
    one group was written "1 groups"."""
    done = run("template", cwd=tmp_path)
    assert done.returncode == 2
    assert_one_error_line(done, "template", "{neuron,mlp}", "-o FILE")
    assert "FILE ..." not in done.stderr
    done = run("template", "neuron", "--one-point", "-o", "n.mgraph", cwd=tmp_path)
    assert done.returncode == 2 and list(tmp_path.iterdir()) == []
    assert_one_error_line(done, "--one-point", "mlp only", "usage: python main.py template")
    done = run("template", "neuron", "-o", "n.mgraph", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.strip().endswith("10 nodes, 1 group")


def test_headless_import_groups_by_statement_not_by_line():
    """A trial: `L = a*b*b; M = c*c` on one line (several statements, none of
    three operations) became one group "M (line 1)" holding L and the
    leaves; a statement written over two lines (three operations) none."""
    text = "a = Value(2.0); b = Value(3.0); c = Value(4.0); L = a*b*b; M = c*c\n"
    text += "o = (a*b +\n     c*a).tanh(); o.label = 'o'\no.backward()\n"
    done = run("import", "-", "-o", "-", stdin=text)
    assert done.returncode == 0, done.stderr
    model = fileio.loads(done.stdout)
    assert [(g.label, {model.label(n) for n in g.members}) for g in model.groups] == [
        ("o (line 2)", {"a*b", "c*a", "a*b + c*a", "o"})  # (over two lines: in its inputs' labels)
    ]


def test_a_power_of_a_value_is_refused_with_the_rewrite_in_its_own_names():
    """A trial: `2**x` was refused with "write exp(y*log(x)) for x to the
    power of a value y", the letters the other way round from the code's."""
    done = run("import", "x = Value(3.0); y = 2**x", "-o", "-")
    assert done.returncode != 0
    assert "for 2**x write exp(x*log(2))" in done.stderr, done.stderr
    done = run("import", "x = Value(3.0); y = x**(x + 1)", "-o", "-")
    assert "for x**(x + 1) write exp((x + 1)*log(x))" in done.stderr, done.stderr
    ok = run("import", "x = Value(3.0); y = exp(x*log(2))", "-o", "-")  # and the rewrite imports
    assert ok.returncode == 0, ok.stderr
