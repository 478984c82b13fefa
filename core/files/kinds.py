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
  "not valid JSON" of a Python file (one that starts with its docstring too).
- :func:`binary_kind`: bytes that are no text at all, said as "binary data"
  (and what kind, where its first bytes tell) rather than "not UTF-8 text
  (byte 24)".
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


#: the endings of a graph file's name: the app saves .mgraph, or .json where chosen (File › Open lists them)
GRAPH_EXTENSIONS = (".mgraph", ".json")


def is_graph_name(path: str) -> bool:
    """Does ``path`` end as a graph file's name does (any case)?"""
    return path.lower().endswith(GRAPH_EXTENSIONS)


def as_graph_name(path: str) -> str:
    """``path`` named as a graph file: its extension (if any) made .mgraph
    ("report.txt" → "report.mgraph", "noext" → "noext.mgraph"), a graph file's name as it is."""
    if is_graph_name(path):
        return path
    root, ext = os.path.splitext(path)
    return (root if ext else path).rstrip(".") + GRAPH_EXTENSIONS[0]


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
    if file.lower().endswith(".mgraph"):  # (import refuses a .mgraph: renamed, it reads it)
        code, graph = shlex.quote(stem + ".py"), shlex.quote(file)
        then = f"{program.command()} import {code} -o {graph}"
        return f" (to read it into a graph file, rename it {code}, then: {then})"
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


_DOCSTRING = re.compile(r"""(?:[#][^\n]*\n|\s)*[rRuU]?(\"\"\"|''')""")


def looks_like(text: str, name: str = "") -> str | None:
    """What ``text`` (not a graph file) looks like: "Python code", "a
    Graphviz DOT file", "an SVG picture", "an HTML page", "an XML file";
    None when it is not recognised (JSON, a graph file with a mistake, or
    plain words): then the JSON reader's own message stands. A file
    ``name``d .py that is not JSON is Python code, whatever it holds."""
    head = text.lstrip("\ufeff \t\r\n")[:65536]
    if not head or head[0] in "{[":
        return None
    if name.lower().endswith((".py", ".pyw")):
        return "Python code"
    docstring = _DOCSTRING.match(head)
    if docstring:  # a module's docstring first (trial 66 #7: "line 1, column 3: Extra data")
        end = head.find(docstring.group(1), docstring.end())
        if end >= 0:
            return looks_like(head[end + 3 :]) or "Python code"
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


#: the first bytes of binary files a user may pick for a graph by mistake, and what they are
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a file made of one, as .docx, .xlsx and PyTorch's .pt are)"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"GIF8", "a GIF picture"),
    (b"\x7fELF", "a program"),
    (b"\x80", "a Python pickle"),
    (b"\x93NUMPY", "a NumPy array"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"SQLite format 3\0", "an SQLite database"),
)


def binary_kind(data: bytes) -> str | None:
    """What ``data`` is, if it is binary rather than text: "a PDF document",
    … or "" for binary data of no kind known here; None for text (which may
    still be text in another encoding than UTF-8)."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 (or 32), as Notepad may save: text
        return None
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in b"\t\n\r\f\b") + head.count(0x7F)
    return "" if b"\0" in head or controls * 10 > len(head) else None
