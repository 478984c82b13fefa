"""No import circles in core/ and gui/ (imports under TYPE_CHECKING and inside
functions count), and the gui packages import only downwards:
common < document < canvas < editing < features < window."""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RANK = {"gui.common": 0, "gui.document": 1, "gui.canvas": 2, "gui.editing": 3,
        "gui.backward": 4, "gui.learning": 4, "gui.code": 4, "gui.panels": 4, "gui.window": 5}


def _modules() -> dict[str, Path]:
    mods = {}
    for top in ("core", "gui"):
        for p in (ROOT / top).rglob("*.py"):
            name = ".".join(p.relative_to(ROOT).with_suffix("").parts)
            mods[name.removesuffix(".__init__")] = p
    return mods


def _graph() -> dict[str, set[str]]:
    mods = _modules()

    def resolve(name: str) -> str | None:
        while name and name not in mods:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = defaultdict(set)
    for m, p in mods.items():
        for node in ast.walk(ast.parse(p.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            for n in names:
                r = resolve(n)
                if r and r != m:
                    graph[m].add(r)
        graph.setdefault(m, set())
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in list(graph):
        if v not in index:
            visit(v)
    return found


def _package(m: str) -> str:
    parts = m.split(".")
    return ".".join(parts[:2]) if parts[0] == "gui" else parts[0]


def test_no_import_cycles():
    assert _cycles(_graph()) == []


def test_gui_packages_import_only_downwards():
    wrong = sorted((m, d) for m, deps in _graph().items() for d in deps
                   if _package(m) in RANK and _package(d) in RANK and _package(m) != _package(d)
                   and RANK[_package(d)] >= RANK[_package(m)])
    assert wrong == []


def test_core_imports_no_gui():
    assert sorted((m, d) for m, deps in _graph().items() for d in deps
                  if m.startswith("core") and d.startswith("gui")) == []
