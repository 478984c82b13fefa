"""Install anywhere (issue 13): the wheel's layout, the data found with
importlib.resources, the commands' options and the desktop integration.

(.ci/run also builds the real wheel, installs it in a fresh venv and runs it
from another folder.)"""

from __future__ import annotations

import configparser
import json
import os
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from wheel_layout import relayout, rewrite_imports

import micrograd_studio
from core.files import data


def run(*args: str, cwd: Path = ROOT, env: dict | None = None, timeout: float = 120):
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env
    )


# ------------------------------------------------------------ the wheel's layout
def test_imports_of_the_moved_packages_are_rewritten_and_nothing_else():
    src = (
        "import os\n"
        "import core.cli.backward\n"
        "from core.graph.model import GraphModel\n"
        "from gui.common import (\n    resources,\n    settings,\n)\n"
        "from resources import x\n"
        "from coreutils import y\n"
        "from . import sibling\n"
        "def f():\n    from gui.app import run\n    return 'from core import Value'\n"
        "# from core import nothing\n"
    )
    out = rewrite_imports(src)
    assert out.splitlines() == [
        "import os",
        "import micrograd_studio.core.cli.backward",
        "from micrograd_studio.core.graph.model import GraphModel",
        "from micrograd_studio.gui.common import (",
        "    resources,",
        "    settings,",
        ")",
        "from micrograd_studio.resources import x",
        "from coreutils import y",
        "from . import sibling",
        "def f():",
        "    from micrograd_studio.gui.app import run",
        "    return 'from core import Value'",
        "# from core import nothing",
    ]


def test_a_bare_import_of_a_moved_package_is_refused():
    with pytest.raises(ValueError, match="import core"):
        rewrite_imports("import core\n")


def test_the_wheel_layout_runs_from_another_folder_without_top_level_core(tmp_path):
    """What the wheel holds (core/, gui/, resources/ moved under
    micrograd_studio/, imports rewritten), run with nothing else on the path."""
    lib = tmp_path / "lib"
    for name in ("micrograd_studio", "core", "gui", "resources"):
        shutil.copytree(ROOT / name, lib / name, ignore=shutil.ignore_patterns("__pycache__"))
    relayout(lib)
    assert sorted(p.name for p in lib.iterdir()) == ["micrograd_studio"]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(lib), PYTHONSAFEPATH="1")
    probe = run(
        "-c",
        "import sys; import micrograd_studio.launcher, micrograd_studio.gui.app; "
        "from micrograd_studio.core.files.data import default_example; "
        "print(default_example()); "
        "print(micrograd_studio.__file__); "
        "print(sorted(m.split('.')[0] for m in sys.modules if m.split('.')[0] in ('core', 'gui')))",
        cwd=elsewhere,
        env=env,
    )
    assert probe.returncode == 0, probe.stderr
    example, package, loaded = probe.stdout.splitlines()
    assert Path(example) == lib / "micrograd_studio" / "resources" / "examples" / "blog_L.mgraph"
    assert Path(package) == lib / "micrograd_studio" / "__init__.py"
    assert loaded == "[]"  # nothing imported a top-level core or gui
    done = run("-m", "micrograd_studio", "backward", example, "--json", cwd=elsewhere, env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["nodes"]["a"]["grad"] == 6.0


def test_the_data_is_found_with_importlib_resources_in_the_clone():
    assert data.RESOURCES == "resources"
    assert data.default_example() == ROOT / "resources" / "examples" / "blog_L.mgraph"
    assert data.default_example().is_file()
    assert data.data_path("icons", "micrograd-studio.svg").is_file()


def test_package_data_and_entry_points_are_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    pkg_data = project["tool"]["setuptools"]["package-data"]["resources"]
    shipped = {p.relative_to(ROOT / "resources").as_posix() for p in (ROOT / "resources").rglob("*.*")}
    shipped = {p for p in shipped if not p.endswith((".py", ".pyc"))}
    from fnmatch import fnmatch

    assert shipped and all(any(fnmatch(f, pat) for pat in pkg_data) for f in shipped), shipped
    assert project["project"]["gui-scripts"] == {"micrograd-studio": "micrograd_studio.launcher:gui_main"}
    assert project["project"]["scripts"] == {"micrograd-studio-cli": "micrograd_studio.launcher:cli_main"}
    assert "py-modules" not in project["tool"]["setuptools"]  # no top-level `main`
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "micrograd_studio.__version__"}


# ------------------------------------------------------------ the commands
def test_version_is_the_packages_version():
    out = run("main.py", "--version")
    assert out.returncode == 0 and out.stdout.strip() == f"micrograd-studio {micrograd_studio.__version__}"
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert f"## {micrograd_studio.__version__}" in changelog


def test_help_names_the_options_and_the_commands():
    out = run("main.py", "--help")
    assert out.returncode == 0
    for word in ("--version", "--install-desktop", "--uninstall-desktop", "--quit-after", "backward"):
        assert word in out.stdout


def test_every_headless_command_says_what_each_of_its_options_does():
    # (a trial: `template --help` listed --activation with nothing beside it)
    import argparse

    from core.cli.main import build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert {"backward", "forward", "hessian", "template"} <= set(sub.choices)
    for name, parser in sub.choices.items():
        bare = [a.option_strings or [a.dest] for a in parser._actions if not a.help]
        assert not bare, (name, bare)


def test_quit_after_opens_the_example_and_exits_by_itself(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MICROGRAD_STUDIO_CONFIG=str(tmp_path / "cfg"))
    out = run(str(ROOT / "main.py"), "--quit-after", "0.5", cwd=tmp_path, env=env)
    assert out.returncode == 0, out.stderr
    assert "opened blog_L (example): 7 nodes, 0 errors" in out.stdout


def test_quit_after_fails_when_the_file_cannot_be_opened(tmp_path):
    bad = tmp_path / "broken.mgraph"
    bad.write_text("{not json", "utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MICROGRAD_STUDIO_CONFIG=str(tmp_path / "cfg"))
    out = run(str(ROOT / "main.py"), "--quit-after", "0.5", str(bad), cwd=tmp_path, env=env)
    assert out.returncode == 1
    assert "broken.mgraph" in out.stderr and "Traceback" not in out.stderr


def test_quit_after_needs_a_number():
    out = run("main.py", "--quit-after", "soon")
    assert out.returncode == 2 and out.stderr.startswith("error: --quit-after")


# ------------------------------------------------------------ desktop integration
def test_install_desktop_writes_entry_icon_and_mime_type_and_uninstall_removes_them(tmp_path):
    home = tmp_path / "share"
    env = dict(os.environ, XDG_DATA_HOME=str(home))
    out = run("main.py", "--install-desktop", env=env)
    assert out.returncode == 0, out.stderr
    entry = home / "applications" / "micrograd-studio.desktop"
    icon = home / "icons" / "hicolor" / "scalable" / "apps" / "micrograd-studio.svg"
    mime = home / "mime" / "packages" / "micrograd-studio.xml"
    assert str(entry) in out.stdout and str(icon) in out.stdout and str(mime) in out.stdout

    ini = configparser.ConfigParser(interpolation=None)
    ini.optionxform = str  # type: ignore[assignment,method-assign]
    ini.read(entry, encoding="utf-8")
    e = ini["Desktop Entry"]
    assert e["Type"] == "Application" and e["Name"] == "micrograd-studio"
    assert e["Categories"] == "Education;Science;"
    assert e["MimeType"] == "application/x-micrograd-studio;"
    assert e["Icon"] == "micrograd-studio" and e["Terminal"] == "false"
    assert e["Exec"].endswith(" %f") and "micrograd" in e["Exec"]

    assert ET.parse(icon).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    t = ET.parse(mime).getroot().find("m:mime-type", ns)
    assert t is not None and t.get("type") == "application/x-micrograd-studio"
    assert t.find("m:glob", ns).get("pattern") == "*.mgraph"  # type: ignore[union-attr]

    again = run("main.py", "--install-desktop", env=env)  # installing twice is fine
    assert again.returncode == 0
    out = run("main.py", "--uninstall-desktop", env=env)
    assert out.returncode == 0 and "removed desktop entry" in out.stdout
    assert not entry.exists() and not icon.exists() and not mime.exists()
    out = run("main.py", "--uninstall-desktop", env=env)
    assert out.returncode == 0 and "nothing to remove" in out.stdout


def test_desktop_exec_quotes_a_path_with_spaces():
    from micrograd_studio import desktop

    assert desktop._quote("/opt/my apps/bin/micrograd-studio") == '"/opt/my apps/bin/micrograd-studio"'
    assert desktop._quote("/usr/bin/micrograd-studio") == "/usr/bin/micrograd-studio"
    assert "Exec=/x/y -m micrograd_studio %f" in desktop.desktop_entry("/x/y -m micrograd_studio")


def test_importing_the_package_imports_neither_qt_nor_torch():
    """A notebook imports micrograd_studio: that must stay cheap and work
    without a display (show() starts the app as a process of its own)."""
    out = run(
        "-c",
        "import sys, micrograd_studio; "
        "print(sorted(m for m in ('PySide6', 'shiboken6', 'torch', 'gui') if m in sys.modules))",
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_the_packages_modules_stay_small():
    for path in (ROOT / "micrograd_studio").glob("*.py"):
        assert len(path.read_text("utf-8").splitlines()) <= 520, path.name


def test_second_derivatives_from_the_installed_package(tmp_path):
    """The README's second derivatives from Python named
    ``core.autograd.engine.grad``, which an installed wheel does not have
    (``core`` is moved under micrograd_studio): ``from micrograd_studio
    import Value, grad`` works in the wheel's layout, from another folder."""
    lib = tmp_path / "lib"
    for name in ("micrograd_studio", "core"):
        shutil.copytree(ROOT / name, lib / name, ignore=shutil.ignore_patterns("__pycache__"))
    relayout(lib)
    env = dict(os.environ, PYTHONPATH=str(lib), PYTHONSAFEPATH="1")
    out = run(
        "-c",
        "from micrograd_studio import Value, grad; "
        "x = Value(2.0, label='x'); y = Value(-1.5, label='y'); f = x**3 * y; "
        "gx, gy = grad(f, [x, y], create_graph=True); "
        "print(gx.data, gy.data, *grad(gx, [x, y]), *grad(gy, [x, y]))",
        cwd=tmp_path,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    # f = x³y: f_x = 3x²y, f_y = x³, f_xx = 6xy, f_xy = 3x², f_yy = 0
    assert [float(v) for v in out.stdout.split()] == [-18.0, 8.0, -18.0, 12.0, 12.0, 0.0]
    assert "grad" in __import__("micrograd_studio").__all__
