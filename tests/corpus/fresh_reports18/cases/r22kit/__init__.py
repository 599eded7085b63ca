"""Helper kit shared by the fresh_reports18 programs (stdlib only)."""
