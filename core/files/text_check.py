"""Text a graph file cannot hold as UTF-8: lone surrogates (an escape such
as \\ud800 that is no character), found with a readable path, or mended."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def not_utf8(e: UnicodeDecodeError) -> str:
    """Where a file's bytes stopped being UTF-8, as an editor counts it:
    "not UTF-8 text at line 6, column 12 (byte offset 169)" (trial 74 #9:
    "byte 169" read as the byte's value)."""
    data, at = bytes(e.object), e.start
    start = data.rfind(b"\n", 0, at) + 1
    before = data[start:at]
    if start == 0:
        before = before.removeprefix(b"\xef\xbb\xbf")  # (a BOM is no column)
    column = len(before.decode("utf-8", "replace")) + 1
    line = data.count(b"\n", 0, at) + 1
    return f"not UTF-8 text at line {line}, column {column} (byte offset {at})"


def bad_text_path(v: Any, path: str) -> str | None:
    """Where in ``v`` a string (or key) that UTF-8 cannot hold hides, as a
    readable path such as ``"nodes"[3]["label"]``."""
    if isinstance(v, str):
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:
            return path or "the top level"
        return None
    items: Iterable[tuple[Any, Any]]
    if isinstance(v, dict):
        for k in v:
            if bad_text_path(k, "") is not None:
                return f"{path}[key {k.encode('utf-8', 'backslashreplace').decode()!r}]"
        items = v.items()
    elif isinstance(v, list):
        items = enumerate(v)
    else:
        return None
    for k, x in items:
        where = f"{path}[{k!r}]"
        if isinstance(x, dict) and isinstance(x.get("id"), str):  # a node: name it
            where += f" (node {x['id'].encode('utf-8', 'backslashreplace').decode()!r})"
        found = bad_text_path(x, where)
        if found:
            return found
    return None


def replace_lone_surrogates(text: str) -> str:
    """``text`` (a graph file) with every lone surrogate in its strings
    replaced by U+FFFD, visibly: for recovering work whose text could not
    be saved as it was."""
    if not SURROGATE_ESCAPE.search(text) and not any("\ud800" <= c <= "\udfff" for c in text):
        return text
    try:
        data = json.loads(text, parse_constant=float)
    except (ValueError, RecursionError):
        return text
    return json.dumps(_mend(data), ensure_ascii=False)


def _mend(v: Any) -> Any:
    if isinstance(v, str):
        return v.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(v, dict):
        return {_mend(k): _mend(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_mend(x) for x in v]
    return v


#: JSON words a file cut off inside one ends with a piece of
_WORDS = ("true", "false", "null", "NaN", "Infinity", "-Infinity")


def json_error_text(e: json.JSONDecodeError) -> str:
    """Where and why ``e`` (from ``json.loads``) stopped, for a message after
    "not valid JSON": saying that the text ends early when it stopped at its
    end (or inside a last string or word), as a file cut off by a full disk
    or a copy that stopped part way does."""
    text, pos, where = e.doc, e.pos, f"line {e.lineno}, column {e.colno}"
    rest = text[pos:].strip()
    if not text.strip():
        return ": the file is empty"
    if e.msg.startswith("Unterminated string"):  # no closing quote before the end
        return f": the file ends early (cut off?) inside the string that starts at {where}"
    if not rest or (e.msg == "Expecting value" and any(w.startswith(rest) for w in _WORDS)):
        return f": the file ends early (cut off?) at {where} ({e.msg})"
    return f" ({where}: {e.msg})"
