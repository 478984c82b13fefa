"""View › Presentation Mode: larger panel text, fewer panels, for a projector."""
