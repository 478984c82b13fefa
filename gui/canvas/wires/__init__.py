"""Wires: their items and captions, the wires without an item yet, where
curves run and which meet a region."""
