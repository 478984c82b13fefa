"""Keys a file gives its wires beyond source, target and port, per model.

A file may give a wire keys this app does not know; they are kept on the
wire and written back (the recovery copy too: core/files/recovery.py). No
edit adds such keys, so the file reader keeps them as it builds the model
(``keep``), and the recovery copy asks here (``of``) instead of walking
every wire of the graph: that walk cost the first copy of a 50,000-node
document 60-80 ms on the UI thread. A model made some other way (a
template, code) is walked once, on the first ask.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.graph.model import GraphModel

Extras = dict[tuple[str, str, int], dict]

_known: weakref.WeakKeyDictionary[GraphModel, Extras] = weakref.WeakKeyDictionary()
#: Models whose wires were walked to find their extras (tests count them).
walks = 0


def keep(model: GraphModel, extras: Extras) -> None:
    """``model`` was just built from a file whose wires have ``extras`` (the
    keys of their own, by (source, target, port); taken over, not copied)."""
    _known[model] = extras


def of(model: GraphModel) -> Extras:
    """The unknown keys of ``model``'s wires, by (source, target, port)."""
    found = _known.get(model)
    if found is None:
        global walks
        walks += 1
        found = _known[model] = {
            (s, t, d["port"]): {k: v for k, v in d.items() if k != "port"}
            for s, t, d in model.graph.edges(data=True)
            if len(d) > 1
        }
    return found
