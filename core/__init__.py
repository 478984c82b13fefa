"""micrograd-studio's engine, graph model and files; plain Python, no Qt.

Packages: ``autograd`` (the op table and the Value engine), ``graph`` (the
document model, its backward pass, layout), ``files`` (.mgraph reading and
atomic writing), ``explain`` (the chain rule in words and numbers), ``learn``
(gradient check, training, quiz, templates), ``code`` (formulas and Python in,
scripts out) and ``cli`` (the headless commands).

The names below are imported when first used: importing ``core`` (as every
headless command does) must not pull in networkx for a command that needs
no graph model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.autograd.engine import Step, Value
    from core.graph.backward import BackwardResult, backward
    from core.graph.errors import GraphError
    from core.graph.model import GraphModel

__all__ = ["Value", "Step", "GraphModel", "BackwardResult", "GraphError", "backward"]


def __getattr__(name: str) -> Any:  # PEP 562: ``from core import Value`` imports only the engine
    if name in ("Value", "Step"):
        from core.autograd import engine

        value = getattr(engine, name)
    elif name in ("BackwardResult", "backward"):
        from core.graph import backward

        value = getattr(backward, name)
    elif name == "GraphError":
        from core.graph.errors import GraphError as value
    elif name == "GraphModel":
        from core.graph.model import GraphModel as value
    else:
        raise AttributeError(f"module 'core' has no attribute {name!r}")
    globals()[name] = value
    return value
