"""micrograd-studio's engine, graph model and files; plain Python, no Qt.

Packages: ``autograd`` (the op table and the Value engine), ``graph`` (the
document model, its backward pass, layout), ``files`` (.mgraph reading and
atomic writing), ``explain`` (the chain rule in words and numbers), ``learn``
(gradient check, training, quiz, templates), ``code`` (formulas and Python in,
scripts out) and ``cli`` (the headless commands).
"""

from core.autograd.engine import Step, Value
from core.graph.backward import BackwardResult, backward
from core.graph.errors import GraphError
from core.graph.model import GraphModel

__all__ = ["Value", "Step", "GraphModel", "BackwardResult", "GraphError", "backward"]
