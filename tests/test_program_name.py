"""The name the texts tell a user to type (trial 49, #6): installed from the
wheel there is no main.py, so the commands' hints, the exported script and
Help › User Guide say ``micrograd-studio-cli``; from a clone, ``python
main.py``. And ``examples`` finds the example graphs wherever they were installed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from core.files import program

ROOT = Path(__file__).resolve().parents[1]
EX = ROOT / "resources" / "examples"
#: The installed console script, as pip writes it: the launcher's cli_main.
INSTALLED = "import sys; from micrograd_studio.launcher import cli_main; sys.exit(cli_main())"


def cli(*args, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """``micrograd-studio-cli ARGS`` run in ``cwd``, a folder with no main.py."""
    env = {**(env or os.environ), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", INSTALLED, *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_the_installed_commands_hints_name_micrograd_studio_cli(tmp_path):
    mlp = tmp_path / "mlp.mgraph"
    assert cli("template", "mlp", "--one-point", "-o", mlp, cwd=tmp_path).returncode == 0
    # hessian's table too wide: the --json hint
    r = cli("hessian", mlp, cwd=tmp_path, env={**os.environ, "COLUMNS": "20"})
    assert r.returncode == 0
    assert f"'micrograd-studio-cli hessian {mlp} --json'" in r.stdout.splitlines()[-1]
    # a Python file given for a graph
    code = tmp_path / "lin_python.out"
    code.write_text("a = 2.0\nb = a * 3\n")
    r = cli("backward", code, cwd=tmp_path)
    assert r.returncode == 1 and "(to read it into a graph file: micrograd-studio-cli import" in r.stderr
    # the exported script's header
    r = cli("export", "--to", "python", EX / "blog_L.mgraph", cwd=tmp_path)
    assert r.returncode == 0 and "#     micrograd-studio-cli import this_file.py -o graph.mgraph" in r.stdout
    # the lecture export of another graph
    r = cli("export", "--to", "lecture", EX / "neuron_tanh.mgraph", cwd=tmp_path)
    assert r.returncode == 1 and "or by micrograd-studio-cli template mlp" in r.stderr
    for said in (r.stdout, r.stderr):
        assert "main.py" not in said and "`" not in said


def test_the_gui_script_and_a_clone_name_their_own_command(monkeypatch):
    monkeypatch.setattr(program, "_started_as", None)
    assert program.command() == "python main.py"  # (this checkout has a main.py)
    program.started_as("micrograd-studio")  # the GUI script: its headless commands want the console one
    assert program.command() == "micrograd-studio-cli"
    program.started_as("python -m micrograd_studio")
    assert program.command() == "python -m micrograd_studio"


def test_examples_lists_them_with_full_paths_and_names_one(tmp_path):
    r = cli("examples", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    listed = {ln.split()[0]: Path(ln.split()[1]) for ln in lines if ln.startswith("  ") and ".mgraph" in ln}
    assert set(listed) == {p.stem for p in EX.glob("*.mgraph")}
    assert all(p.is_absolute() and p.is_file() for p in listed.values())
    assert "L = (a*b + c) * f" in r.stdout  # (each one's title)
    assert 'micrograd-studio-cli backward "$(micrograd-studio-cli examples blog_L)"' in lines[-1]
    # one by name: its path alone, for a script
    r = cli("examples", "blog_L", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout == f"{listed['blog_L']}\n"
    done = cli("backward", r.stdout.strip(), "--json", cwd=tmp_path)
    assert done.returncode == 0 and '"root": "L"' in done.stdout
    r = cli("examples", "nope", cwd=tmp_path)
    assert r.returncode == 2 and "no example called 'nope'" in r.stderr and "blog_L" in r.stderr


def test_the_hessian_panels_hint_names_the_installed_command(window, monkeypatch):
    from gui.backward import forward_mode as fm

    monkeypatch.setattr(program, "_started_as", None)
    program.started_as("micrograd-studio")
    monkeypatch.setattr(fm, "MAX_WORK", 20)  # (5 leaves × 10 nodes: too big for the window now)
    assert window.open_path(EX / "neuron_tanh.mgraph")
    QApplication.processEvents()
    trigger(window, "hessian")
    said = window.backward.forward.hessian_panel.summary.text()
    assert "micrograd-studio-cli hessian FILE --json computes it" in said and "main.py" not in said


@pytest.mark.parametrize("started_as", ["micrograd-studio", "python main.py"])
def test_help_user_guide_names_the_command_of_this_copy(qtbot, window, monkeypatch, started_as):
    monkeypatch.setattr(program, "_started_as", None)
    program.started_as(started_as)
    trigger(window, "user_guide")
    g = window._guide
    QApplication.processEvents()
    text = g.browser.toPlainText()
    start = text[text.index("Using the app") :][:200]
    assert "micrograd-studio (from a clone: python main.py) opens the blog post's" in start
    if started_as == "micrograd-studio":
        assert "micrograd-studio-cli backward FILE [--root ID] [--json]" in text
        assert "main.py backward" not in text and "main.py template" not in text
    else:
        assert "python main.py backward FILE [--root ID] [--json]" in text


def test_in_the_wheels_layout_the_python_api_and_examples_name_the_installed_command(tmp_path):
    """What the wheel holds (tests/test_packaging.py makes it the same way), run
    from another folder: no main.py anywhere, so micrograd-studio-cli even
    before the launcher says how it was started (the Python API's export)."""
    import shutil

    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from wheel_layout import relayout
    finally:
        sys.path.remove(str(ROOT / "tools"))
    lib = tmp_path / "lib"
    for name in ("micrograd_studio", "core", "gui", "resources"):
        shutil.copytree(ROOT / name, lib / name, ignore=shutil.ignore_patterns("__pycache__"))
    relayout(lib)
    env = dict(os.environ, PYTHONPATH=str(lib), PYTHONSAFEPATH="1")
    probe = subprocess.run(
        [sys.executable, "-c", "from micrograd_studio.core.files import program; print(program.command())"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert probe.stdout == "micrograd-studio-cli\n", probe.stderr
    r = subprocess.run(
        [sys.executable, "-c", INSTALLED, "examples", "blog_L"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert (
        r.returncode == 0
        and r.stdout == f"{lib / 'micrograd_studio' / 'resources' / 'examples' / 'blog_L.mgraph'}\n"
    )
