"""Helpers shared by the fresh_libs5 programs (not cases themselves)."""
