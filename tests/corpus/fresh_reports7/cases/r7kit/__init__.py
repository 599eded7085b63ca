"""Helpers shared by the fresh_reports7 programs (not cases themselves)."""
