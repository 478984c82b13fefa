"""Groups: fold part of the graph into one card (Graph › Group)."""
