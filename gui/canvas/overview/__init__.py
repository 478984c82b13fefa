"""The far-zoom overview: the whole graph as blocks and lines in one kept picture."""
