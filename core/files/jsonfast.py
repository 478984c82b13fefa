"""orjson, when it is installed (``pip install micrograd-studio[fast]``),
reads a big graph file several times faster than ``json``. It is only a
shortcut: whatever it refuses (NaN, Infinity, huge integers, lone
surrogates, deep nesting, bad JSON) is read again by ``json``, whose
result or message stands; what it reads is what ``json`` reads."""

from __future__ import annotations

from typing import Any

try:
    import orjson as _orjson
except ImportError:  # the default install: json only
    _orjson = None


def loads(text: str) -> Any:
    """``text`` parsed by orjson, or None when orjson is missing or refuses
    it (then ``json`` is to parse it)."""
    if _orjson is None:
        return None
    try:
        return _orjson.loads(text)
    except (_orjson.JSONDecodeError, RecursionError, ValueError, TypeError):
        return None
