"""Linked copies of shared leaves: a weight used in many groups drawn beside each use."""
