"""Helpers shared by the fresh_reports5 programs (not cases themselves)."""
