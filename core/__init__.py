"""micrograd-studio's engine, graph model and files; plain Python, no Qt."""
from .engine import Step, Value
from .errors import GraphError
from .model import BackwardResult, GraphModel

__all__ = ["Value", "Step", "GraphModel", "BackwardResult", "GraphError"]
