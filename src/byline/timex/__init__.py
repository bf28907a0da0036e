"""Temporal expressions (placeholder while being built)."""
