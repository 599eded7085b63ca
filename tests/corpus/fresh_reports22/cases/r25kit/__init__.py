"""Helper package for fresh_reports22 (session 24, blind24b)."""
