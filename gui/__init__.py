"""The desktop app: a Qt view of the core graph model."""
