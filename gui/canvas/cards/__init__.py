"""Node cards: what each draws at each zoom, what a pass shows on it, where cards are."""
