"""Small shared helpers for the batch scripts."""
