"""Helper package for the fresh_realistic8 corpus (application modules the cases import)."""
