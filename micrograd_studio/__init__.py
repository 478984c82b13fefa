"""micrograd-studio: build a computation graph by hand and watch backprop run through it.

The import for users (the app's own code lives in ``core`` and ``gui``)::

    import micrograd_studio as ms
    ms.show(L)            # the app on the graph behind L (a Value, micrograd's, or torch's)
    g = ms.to_graph(L)    # the graph model, without opening anything; g.save("L.mgraph")
    L, = ms.load("L.mgraph")   # root Values, ready for code
    gx, = ms.grad(L, [x], create_graph=True)   # dL/dx as a Value: ms.grad(gx, [x]) is d2L/dx2

Importing this package never imports Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

__all__ = ["Graph", "GraphModel", "Value", "__version__", "grad", "load", "show", "to_graph"]

if TYPE_CHECKING:
    from core.autograd.engine import Value, grad
    from core.graph.model import GraphModel
    from micrograd_studio.bridge import Graph, load, show, to_graph


def __getattr__(name: str) -> Any:
    """The public names, imported when first used: the installed commands
    import this package too, and the headless ones need none of it."""
    if name == "Value":
        from core.autograd.engine import Value

        return Value
    if name == "grad":  # torch.autograd.grad's twin: second derivatives from Python
        from core.autograd.engine import grad

        return grad
    if name == "GraphModel":
        from core.graph.model import GraphModel

        return GraphModel
    if name in ("Graph", "load", "show", "to_graph"):
        from micrograd_studio import bridge

        return getattr(bridge, name)
    raise AttributeError(f"module 'micrograd_studio' has no attribute {name!r}")
