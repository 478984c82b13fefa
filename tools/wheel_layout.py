"""The wheel's layout: one top-level package, ``micrograd_studio``.

The source layout is fixed (core/, gui/, resources/ beside main.py, each a
top-level package in a clone, so ``python main.py``, the tests and the import
contracts see ``core`` and ``gui``). A wheel must not put such generic names
into site-packages, so building one (not an editable install) moves them under
``micrograd_studio/`` and rewrites their absolute imports: ``from core.x import
y`` becomes ``from micrograd_studio.core.x import y``. Only import statements
are touched (found with :mod:`ast`, so strings and comments stay as they are);
the few modules that name a package at run time derive it from their own
``__name__`` (core/files/data.py).

setuptools runs :class:`BuildPy` as its ``build_py`` command and
:class:`BdistWheel` as ``bdist_wheel`` (pyproject.toml,
``[tool.setuptools.cmdclass]``); ``.ci/run`` installs the wheel and runs it.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from setuptools.command.bdist_wheel import bdist_wheel
from setuptools.command.build_py import build_py

PACKAGE = "micrograd_studio"
MOVED = ("core", "gui", "resources")


def rewrite_imports(source: str, moved: tuple[str, ...] = MOVED, package: str = PACKAGE) -> str:
    """``source`` with every absolute import of a ``moved`` package prefixed by ``package``."""
    lines = source.splitlines(keepends=True)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        for name in names:
            if name.split(".")[0] not in moved:
                continue
            if isinstance(node, ast.Import) and "." not in name:
                # `import core` binds the name `core`, which would then be unbound
                raise ValueError(f"line {node.lineno}: write `from {name} import ...`, not `import {name}`")
            row = node.lineno - 1
            # the module name follows `from`/`import` on the statement's first line
            # (for `import a, b` on one line, each name is rewritten in turn)
            head, sep, tail = lines[row].partition(name)
            if not sep:
                raise ValueError(f"line {node.lineno}: {name} is not on the line of its import")
            lines[row] = f"{head}{package}.{name}{tail}"
    return "".join(lines)


def relayout(build_lib: Path) -> None:
    """Move the moved packages under ``micrograd_studio`` in ``build_lib`` and
    rewrite the imports of every module of the package."""
    target = build_lib / PACKAGE
    for name in MOVED:
        src = build_lib / name
        if src.is_dir():
            dst = target / name
            if dst.exists():
                shutil.rmtree(dst)
            shutil.move(str(src), str(dst))
    for path in target.rglob("*.py"):
        text = path.read_text("utf-8")
        new = rewrite_imports(text)
        if new != text:
            path.write_text(new, "utf-8")


class BuildPy(build_py):
    """setuptools' build_py, then :func:`relayout` (not for editable installs,
    which run the clone's files as they are)."""

    def run(self) -> None:
        super().run()
        if not getattr(self, "editable_mode", False):
            relayout(Path(self.build_lib))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        if getattr(self, "editable_mode", False):
            return super().get_outputs(include_bytecode)
        lib = Path(self.build_lib)
        out = []
        for f in super().get_outputs(include_bytecode):
            rel = Path(f).relative_to(lib) if Path(f).is_absolute() else Path(f).relative_to(self.build_lib)
            if rel.parts[0] in MOVED:
                rel = Path(PACKAGE, *rel.parts)
            out.append(str(lib / rel))
        return out


class BdistWheel(bdist_wheel):
    """setuptools' bdist_wheel, with the wheel's one top-level name in its
    metadata (top_level.txt would list core, gui and resources)."""

    def egg2dist(self, egginfo_path: str, distinfo_path: str) -> None:
        super().egg2dist(egginfo_path, distinfo_path)
        top = Path(distinfo_path) / "top_level.txt"
        if top.exists():
            top.write_text(PACKAGE + "\n", "utf-8")
