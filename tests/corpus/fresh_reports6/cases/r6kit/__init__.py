"""Small helpers shared by several fresh_reports6 programs (not cases themselves)."""
