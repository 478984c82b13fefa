"""What kind of file a name promises and its content holds.

- :func:`with_extension`: the name an export writes, ending as its format
  does. A save dialog returns the name as typed, so "slide1.svg" chosen for
  Python code got Python code, and "wrong.svg" chosen for PNG got PNG bytes;
  like a browser's or Qt's own dialog with a default suffix, the format's
  extension is added to a name that does not end with one of its own
  ("wrong.svg" saved as PNG is "wrong.svg.png": nothing the user typed is
  lost, and the file manager shows what the file is).
- :func:`looks_like`: what text that is not a graph file looks like, for a
  message that names it ("it looks like Python code") rather than saying
  "not valid JSON" of a Python file.
"""

from __future__ import annotations

import os
import re
import shlex

from core.files import program

#: a format's extensions, the first the one added
EXTENSIONS = {
    "png": (".png",),
    "svg": (".svg",),
    "python": (".py",),
    "torch": (".py",),
    "lecture": (".py",),
    "dot": (".dot", ".gv"),
}


def with_extension(path: str, kind: str) -> str:
    """``path`` ending with an extension of ``kind``'s format (any case):
    as it is if it does, else with the format's extension added."""
    exts = EXTENSIONS[kind]
    if path.lower().endswith(exts):
        return path
    return path.rstrip(".") + exts[0]


#: what to do instead, after "it looks like …"
HINTS = {"Python code": " (Import Code reads Python into a graph)"}
#: ... in the headless commands' words (``{file}`` the file, ``{graph}`` a new graph file beside it)
HEADLESS_HINTS = {"Python code": " (to read it into a graph file: {prog} import {file} -o {graph})"}
#: ... where the graph file of its name is there already (``{there}``): never proposed as -o, which
#: replaces it (t62 #9: the hint would have replaced the user's saved mlp.mgraph, its groups and layout)
THERE_ALREADY = "; {there}, beside it, is a graph file already"


def hint(seen: str, file: str, headless: bool = False) -> str:
    """What to do with ``file``, which looks like ``seen`` (e.g. "Python
    code"), in the app's words or (``headless``) the commands'; "" if nothing."""
    if not headless:
        return HINTS.get(seen, "")
    got = HEADLESS_HINTS.get(seen)
    if got is None:
        return ""
    stem = re.sub(r"\.[^./\\]*$", "", file) or file
    graph, n = stem + ".mgraph", 0
    while os.path.lexists(graph):  # (a name no file has: mlp-1.mgraph beside mlp.mgraph)
        n += 1
        graph = f"{stem}-{n}.mgraph"
    said = got.format(prog=program.command(), file=shlex.quote(file), graph=shlex.quote(graph))
    return said[:-1] + THERE_ALREADY.format(there=shlex.quote(stem + ".mgraph")) + ")" if n else said


_PY_LINE = re.compile(
    r"(import\s+\w|from\s+[\w.]+\s+import\s|def\s+\w+\s*\(|class\s+\w+|print\(|"
    r"[A-Za-z_]\w*(\s*,\s*[A-Za-z_]\w*)*\s*(=|\+=|-=|\*=)\s*[^=\s]|[A-Za-z_][\w.]*\.\w+\(.*\)\s*$)"
)
_DOT_START = re.compile(r"(strict\s+)?(di)?graph\b[^{\n]*\{", re.IGNORECASE)


def looks_like(text: str) -> str | None:
    """What ``text`` (not a graph file) looks like: "Python code", "a
    Graphviz DOT file", "an SVG picture", "an HTML page", "an XML file";
    None when it is not recognised (JSON, a graph file with a mistake, or
    plain words): then the JSON reader's own message stands."""
    head = text.lstrip("\ufeff \t\r\n")[:65536]
    if not head or head[0] in "{[":
        return None
    if head.startswith("<"):
        low = head[:4096].lower()
        if "<svg" in low:
            return "an SVG picture"
        if "<html" in low or low.startswith("<!doctype html"):
            return "an HTML page"
        return "an XML file" if low.startswith("<?xml") else None
    lines = [ln.strip() for ln in head.splitlines()[:200]]
    code = [ln for ln in lines if ln and not ln.startswith(("#", "//"))]
    if not code:
        return None
    if _DOT_START.match(code[0]):
        return "a Graphviz DOT file"
    if _PY_LINE.match(code[0]) and sum(bool(_PY_LINE.match(ln)) for ln in code[:20]) * 2 >= min(
        len(code), 20
    ):
        return "Python code"
    return None
