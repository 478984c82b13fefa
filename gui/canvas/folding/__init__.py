"""Groups on the canvas: frames around open groups, a card for each folded
one, and the boxes that hold their cards and wires."""
