"""Find (Ctrl+F) and the minimap: getting around a big graph."""
