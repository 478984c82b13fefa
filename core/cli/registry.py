"""What every headless command shares: the registry that ``@command`` fills,
strict JSON numbers, file-named errors, and the printed table."""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from core.explain.names import data_and_constants
from core.graph.errors import GraphError

if TYPE_CHECKING:
    from core.graph.model import GraphModel

#: Subcommands: name -> (add_arguments, run), in the order they were registered.
COMMANDS: dict[
    str, tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]
] = {}


class UsageError(Exception):
    """A command given wrongly: ``error: ... (usage: ...)``, exit 2 (its args:
    the message, then the usage line, or none for the command's own)."""


#: Each command's one line for ``--help`` (what it does), by name.
SUMMARIES: dict[str, str] = {}

Run = Callable[[argparse.Namespace], int]


def command(
    name: str, add_arguments: Callable[[argparse.ArgumentParser], None], summary: str
) -> Callable[[Run], Run]:
    """Register ``run(args) -> int`` as subcommand ``name``; ``summary`` is
    the line ``python main.py --help`` gives it."""

    def deco(run: Run) -> Run:
        COMMANDS[name] = (add_arguments, run)
        SUMMARIES[name] = summary
        return run

    return deco


def constants_note(held: Sequence[tuple[str, str]]) -> str:
    """ " (x1, x2 are data; 2 (in L) is a constant: not trainable)" for the
    listed leaves marked ``"trainable": false`` (each its shown name and its
    label), or "" when there are none: a leaf whose label is a number is a
    constant of the code, any other data (as the Hessian panel says it: a
    trial read the neuron's x1 and x2 called constants)."""
    if not held:
        return ""
    data, consts = data_and_constants(held)
    parts = []
    if data:
        parts.append(f"{', '.join(data)} {'is' if len(data) == 1 else 'are'} data")
    if consts:
        parts.append(f"{', '.join(consts)} {'is a constant' if len(consts) == 1 else 'are constants'}")
    return f" ({terminal_safe('; '.join(parts))}: not trainable)"


def json_number(v: float | None) -> float | str | None:
    """A float as strict JSON: non-finite numbers become "nan"/"inf"/"-inf"."""
    if v is None or math.isfinite(v):
        return v
    return "nan" if v != v else ("inf" if v > 0 else "-inf")


@contextmanager
def about(name: str) -> Iterator[None]:
    """A GraphError raised inside names ``name`` (the file or the text) first."""
    try:
        yield
    except GraphError as e:
        raise GraphError(f"{name}: {e}") from None


#: FILE given as this reads the graph file from standard input (``import … -o - | backward -``).
STDIN = "-"
#: ... and messages name it so.
STDIN_NAME = "<stdin>"
#: What --help says of FILE.
FILE_HELP = "a .mgraph graph file, or - to read one from standard input (import … -o - | backward -)"


def load(path: str) -> GraphModel:
    """The graph file ``path``, or standard input's for ``-`` (a FileFormatError already names it)."""
    from core.files import fileio

    if path == STDIN:
        return fileio.loads(stdin_text(), STDIN_NAME)
    return fileio.load(path)


def stdin_text() -> str:
    """The graph file on standard input (a picture carrying one too), read
    up to the size limit; an error, not a wait, where nothing is piped in."""
    from core.files import fileio, program
    from core.files.reading import read_stream

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None or sys.stdin.isatty():
        cli = program.command()
        raise GraphError(
            f"{STDIN}: nothing is piped in: '-' reads a graph file from standard input, "
            f"as in: {cli} import 'L = a*b' -o - | {cli} backward -"
        )
    return fileio.decoded(read_stream(stream, STDIN_NAME), STDIN_NAME)


def shown_name(path: str) -> str:
    """``path`` as messages name it (standard input: ``<stdin>``)."""
    return STDIN_NAME if path == STDIN else path


#: What a terminal may act on rather than show: C0 and C1 controls (ESC, CSI,
#: BEL, CR, ...), DEL, the bidirectional overrides (which reorder what
#: follows) and lone surrogates. Text from a file never reaches the
#: terminal with one of these unescaped.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
#: The same in JSON text, where json.dumps already escaped C0 in strings
#: (and the only raw ones are the indentation's newlines).
_UNSAFE_JSON = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def named_ids(
    given: Sequence[str | None], labels: Callable[[], Iterable[tuple[str, Any]]], by_label: bool = True
) -> list[str | None]:
    """``given`` (--root, --wrt, --leaves) as the ids they name: an id as it
    is (the spec's commands take ids, and a label never changes what an id
    gives), a label that one node has and no node has as its id as that
    node's id (:func:`core.graph.roots.named`), anything else as it is, for
    the command's own error. On standard error (the JSON on standard output
    stays one document), a note for each id that is another node's label too
    (see :func:`core.graph.roots.id_note`). ``labels()`` gives (id, label) of
    every node, asked only when something was given. Not ``by_label``: ids
    only (backward, forward, hessian: the spec's commands, where a name that
    is no id is an unknown root or leaf; their error says which id a label has)."""
    from core.graph.roots import id_note, named

    if not any(given):
        return list(given)
    pairs = list(labels())
    ids = {n for n, _ in pairs}
    for text in dict.fromkeys(g for g in given if g in ids):
        note = id_note(text, pairs)
        if note:
            print(terminal_safe(note), file=sys.stderr)
    return [g if not g or g in ids or not by_label else named(g, pairs) for g in given]


def terminal_safe(text: str) -> str:
    """``text`` with every character a terminal could act on written as an
    escape (``\\x1b``, ``\\u202e``), so a crafted label cannot set the window
    title, clear the screen or forge table rows."""
    return _UNSAFE.sub(lambda m: _escape(m.group(), json_style=False), text)


def _escape(c: str, json_style: bool) -> str:
    n = ord(c)
    return f"\\x{n:02x}" if n < 0x100 and not json_style else f"\\u{n:04x}"


def print_json(doc: Any) -> None:
    """One JSON document; characters a terminal could act on are written as
    JSON escapes (``\\u001b``), which JSON readers read back unchanged."""
    sys.stdout.write(json_safe(json.dumps(doc, indent=2, allow_nan=False, ensure_ascii=False)) + "\n")


def json_safe(text: str) -> str:
    """JSON text with the characters a terminal could act on written as JSON
    escapes (``\\u202e``); a JSON reader reads the same strings back."""
    if text.isascii() and "\x7f" not in text:  # the usual case, in C: nothing to escape
        return text
    return _UNSAFE_JSON.sub(lambda m: _escape(m.group(), json_style=True), text)


def print_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    left: set[int],
    rule_columns: int | None = None,
    parts: Sequence[tuple[str, Sequence[Sequence[str]]]] = (),
    points: Collection[int] = (),
) -> int:
    """Columns padded to their widest cell, those in ``left`` left-aligned,
    those in ``points`` (numbers) lined up on their decimal points, the
    others right-aligned; the header underlined (its first ``rule_columns``
    columns; default all). Each of ``parts`` (title, rows) follows after a
    blank line and its title, in the same columns: rows told apart from the
    first ones (a part with no rows is left out). Returns the widest line's
    length."""
    parts = [(title, more) for title, more in parts if more]
    table = [tuple(map(terminal_safe, r)) for r in [header, *rows, *(r for _, more in parts for r in more)]]
    if points and len(table) > 1:
        body = [list(r) for r in table[1:]]
        for j in points:
            _on_points(body, j)
        table[1:] = map(tuple, body)
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    breaks = {}  # row index -> the title printed before it
    at = 1 + len(rows)
    for title, more in parts:
        breaks[at] = title
        at += len(more)
    widest = 0
    for i, r in enumerate(table):
        if i in breaks:
            print(f"\n{terminal_safe(breaks[i])}")
        line = "  ".join(
            c.ljust(w) if j in left else c.rjust(w) for j, (c, w) in enumerate(zip(r, widths))
        ).rstrip()
        print(line)
        widest = max(widest, len(line))
        if i == 0:
            print("  ".join("-" * w for w in widths[:rule_columns]))
    return widest


def _on_points(rows: list[list[str]], j: int) -> None:
    """Column ``j`` of ``rows`` padded so that its decimal points line up
    (-6.0 over 0.707107 over 1.5e-07; in a cell with none the point's place
    is before its exponent, 1e-07's, or at its end: "nan", "inf", "0")."""
    cells = [r[j] for r in rows]
    whole = [c.find(".") if "." in c else c.find("e") if "e" in c[1:] else len(c) for c in cells]
    before = max(whole)
    after = max(len(c) - w for c, w in zip(cells, whole))
    for r, c, w in zip(rows, cells, whole):
        r[j] = (" " * (before - w) + c).ljust(before + after)


def text_number(v: float, digits: int = 6) -> str:
    """``v`` for a table read by eye: at most ``digits`` significant digits
    (0.4999999999999998 is 0.5), a whole number as Python writes a float
    (6.0), and no sign on a zero (-0.0 is 0.0); "nan", "inf", "-inf". The
    JSON keeps every digit and sign."""
    v = float(v) + 0.0  # -0.0 + 0.0 is 0.0; every other value unchanged
    if not math.isfinite(v):
        return repr(v)
    s = f"{v:.{digits}g}"
    return s + ".0" if s.lstrip("-").isdigit() else s
