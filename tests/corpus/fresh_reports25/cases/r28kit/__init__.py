"""Helper package of fresh_reports25: small stand-ins for the libraries of nine public bug reports."""
